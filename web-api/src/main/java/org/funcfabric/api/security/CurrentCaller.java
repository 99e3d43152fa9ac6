package org.funcfabric.api.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.funcfabric.core.common.Caller;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;

/** The caller of the current request, from its verified token: {@code sub} and {@code groups}. */
@RequestScoped
public class CurrentCaller {
    @Inject
    private JsonWebToken token;

    public Caller get() {
        String subject = token == null ? null : token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new FabricException(ErrorCode.USER_UNAUTHENTICATED, "A bearer token with a 'sub' claim is required");
        }
        return new Caller(subject, token.getGroups());
    }
}
