package org.funcfabric.broker.amqp.qpid;

import java.util.Map;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;

import org.apache.qpid.server.model.AbstractConfiguredObject;
import org.apache.qpid.server.model.AccessControlProvider;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.ManagedAttributeField;
import org.apache.qpid.server.model.ManagedObjectFactoryConstructor;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.StateTransition;
import org.apache.qpid.server.security.AccessControl;

/** See {@link ResultQueueAccessControlProvider}; shaped like Qpid's own {@code AllowAll} provider. */
public class ResultQueueAccessControlProviderImpl
        extends AbstractConfiguredObject<ResultQueueAccessControlProviderImpl>
        implements ResultQueueAccessControlProvider<ResultQueueAccessControlProviderImpl> {
    private final Broker<?> broker;
    @ManagedAttributeField
    private int _priority;
    @ManagedAttributeField
    private String _serviceUser;

    private volatile AccessControl<?> controller;

    @ManagedObjectFactoryConstructor
    public ResultQueueAccessControlProviderImpl(Map<String, Object> attributes, Broker<?> broker) {
        super((ConfiguredObject<?>) broker, attributes);
        this.broker = broker;
    }

    @Override
    protected void onOpen() {
        super.onOpen();
        controller = new ResultQueueAccessControl(_serviceUser);
    }

    @Override
    public int getPriority() {
        return _priority;
    }

    @Override
    public String getServiceUser() {
        return _serviceUser;
    }

    @Override
    public AccessControl<?> getController() {
        return controller;
    }

    @Override
    public int compareTo(AccessControlProvider<?> o) {
        return ACCESS_CONTROL_PROVIDER_COMPARATOR.compare(this, o);
    }

    @StateTransition(currentState = {State.UNINITIALIZED, State.QUIESCED, State.ERRORED}, desiredState = State.ACTIVE)
    @SuppressWarnings("unused")
    private ListenableFuture<Void> activate() {
        setState(broker.isManagementMode() ? State.QUIESCED : State.ACTIVE);
        return Futures.immediateFuture(null);
    }

    @StateTransition(currentState = State.UNINITIALIZED, desiredState = State.QUIESCED)
    @SuppressWarnings("unused")
    private ListenableFuture<Void> startQuiesced() {
        setState(State.QUIESCED);
        return Futures.immediateFuture(null);
    }
}
