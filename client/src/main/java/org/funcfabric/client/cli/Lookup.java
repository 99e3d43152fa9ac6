package org.funcfabric.client.cli;

import java.util.List;
import java.util.regex.Pattern;
import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.model.EndpointRole;
import org.funcfabric.client.model.EndpointSummary;
import org.funcfabric.client.model.FunctionSummary;

/** Functions and endpoints named on the command line by id or, more kindly, by name. */
final class Lookup {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Lookup() {
    }

    static boolean isId(String ref) {
        return UUID.matcher(ref).matches();
    }

    /** The id of {@code ref}: an id as it is, or the name of exactly one of the caller's functions. */
    static String functionId(FuncFabricClient client, String ref) {
        if (isId(ref)) {
            return ref;
        }
        List<String> ids = client.listFunctions().stream()
                .filter(f -> ref.equals(f.functionName())).map(FunctionSummary::functionUuid).toList();
        return single(ids, "function", ref);
    }

    /** The id of {@code ref}: an id as it is, or the name of exactly one endpoint the caller may use. */
    static String endpointId(FuncFabricClient client, String ref) {
        if (isId(ref)) {
            return ref;
        }
        List<String> ids = client.listEndpoints(EndpointRole.ANY).stream()
                .filter(e -> ref.equals(e.name())).map(EndpointSummary::uuid).toList();
        return single(ids, "endpoint", ref);
    }

    private static String single(List<String> ids, String what, String name) {
        if (ids.isEmpty()) {
            throw new CliException("no " + what + " named '" + name + "' (list them with: funcfabric " + what + " list)");
        }
        if (ids.size() > 1) {
            throw new CliException(ids.size() + " " + what + "s are named '" + name + "'; use one of their ids: "
                    + String.join(", ", ids));
        }
        return ids.get(0);
    }
}
