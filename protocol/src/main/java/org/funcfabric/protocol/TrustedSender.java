package org.funcfabric.protocol;

/**
 * The broker user whose tasks and commands an endpoint acts on: the service's own, which it names at
 * registration. The broker stamps every message with the user that sent it
 * ({@link Destinations#SENDER_PROPERTY}), so a task or command that reached an endpoint's queue by any
 * other way (another user the broker let through, a message without the stamp) is refused unrun.
 *
 * @param user the service's broker user, e.g. {@value Destinations#DEFAULT_SERVICE_USER}
 */
public record TrustedSender(String user) {
    public TrustedSender {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("the service's broker user must not be empty");
        }
    }

    /** @param stampedSender the message's {@link Destinations#SENDER_PROPERTY}; null when it has none */
    public boolean sent(String stampedSender) {
        return user.equals(stampedSender);
    }
}
