package org.funcfabric.client.model;

/** {@code GET /v2/version?service=all}. */
public record ServiceVersions(String api, String minSdkVersion, String minEndpointVersion, String minEpVersion,
                              String gitSha) {
}
