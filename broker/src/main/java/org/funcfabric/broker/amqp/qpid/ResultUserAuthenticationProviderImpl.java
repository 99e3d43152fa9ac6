package org.funcfabric.broker.amqp.qpid;

import java.util.List;
import java.util.Map;

import org.apache.qpid.server.model.Container;
import org.apache.qpid.server.model.ManagedAttributeField;
import org.apache.qpid.server.model.ManagedObjectFactoryConstructor;
import org.apache.qpid.server.model.NamedAddressSpace;
import org.apache.qpid.server.security.auth.AuthenticationResult;
import org.apache.qpid.server.security.auth.UsernamePrincipal;
import org.apache.qpid.server.security.auth.manager.AbstractAuthenticationManager;
import org.apache.qpid.server.security.auth.sasl.SaslNegotiator;
import org.apache.qpid.server.security.auth.sasl.SaslSettings;
import org.apache.qpid.server.security.auth.sasl.plain.PlainNegotiator;
import org.funcfabric.protocol.ResultQueueCredentials;
import org.funcfabric.protocol.Secrets;

/** See {@link ResultUserAuthenticationProvider}. */
public class ResultUserAuthenticationProviderImpl
        extends AbstractAuthenticationManager<ResultUserAuthenticationProviderImpl>
        implements ResultUserAuthenticationProvider<ResultUserAuthenticationProviderImpl> {
    @ManagedAttributeField
    private String _secret;
    @ManagedAttributeField
    private String _serviceUser;
    @ManagedAttributeField
    private String _servicePassword;

    private volatile ResultQueueCredentials credentials;

    @ManagedObjectFactoryConstructor
    public ResultUserAuthenticationProviderImpl(Map<String, Object> attributes, Container<?> container) {
        super(attributes, container);
    }

    @Override
    protected void onOpen() {
        super.onOpen();
        credentials = new ResultQueueCredentials(_secret);
    }

    @Override
    public String getSecret() {
        return _secret;
    }

    @Override
    public String getServiceUser() {
        return _serviceUser;
    }

    @Override
    public String getServicePassword() {
        return _servicePassword;
    }

    @Override
    public List<String> getMechanisms() {
        return List.of(PlainNegotiator.MECHANISM);
    }

    @Override
    public SaslNegotiator createSaslNegotiator(String mechanism, SaslSettings saslSettings,
                                               NamedAddressSpace addressSpace) {
        return PlainNegotiator.MECHANISM.equals(mechanism) ? new PlainNegotiator(this) : null;
    }

    @Override
    public AuthenticationResult authenticate(String username, String password) {
        boolean service = _serviceUser.equals(username) && Secrets.matches(_servicePassword, password);
        if (service || credentials.verify(username, password)) {
            return new AuthenticationResult(new UsernamePrincipal(username, this));
        }
        return new AuthenticationResult(AuthenticationResult.AuthenticationStatus.ERROR);
    }
}
