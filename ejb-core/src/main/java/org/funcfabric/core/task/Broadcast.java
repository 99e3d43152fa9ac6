package org.funcfabric.core.task;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies a CDI event that arrived through the broker's multicast address ({@code fabric.events}):
 * every service instance hears it, whichever instance it happened on. Observers of such an event act
 * for their own instance only.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Broadcast {
}
