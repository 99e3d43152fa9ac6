package org.funcfabric.api.limits;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a submit-type route (registering functions, submitting tasks): each call counts against the
 * caller's {@link SubmitRateFilter submission rate}. Reads are never limited by it.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SubmitRateLimited {
}
