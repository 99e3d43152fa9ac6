package org.funcfabric.client.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.funcfabric.client.FuncFabricClient;
import org.funcfabric.client.Json;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: the root's options and client, and the two ways of printing. */
abstract class FabricCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    FuncFabricCli cli() {
        return (FuncFabricCli) spec.root().userObject();
    }

    FuncFabricClient client() {
        return cli().client();
    }

    boolean json() {
        return cli().json;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** {@code value} as one line of the API's JSON (snake_case names). */
    void printJson(Object value) {
        out().println(Json.API.toJson(value));
        out().flush();
    }
}
