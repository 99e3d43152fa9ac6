package org.funcfabric.client.model;

import java.util.List;
import java.util.Map;

/** A MicroProfile Health answer ({@code /health}, {@code /health/ready}): {@code UP} or {@code DOWN}. */
public record Health(String status, List<Check> checks) {

    /** One named check. */
    public record Check(String name, String status, Map<String, Object> data) {
    }
}
