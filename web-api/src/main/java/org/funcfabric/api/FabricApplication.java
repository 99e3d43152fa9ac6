package org.funcfabric.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The FuncFabric REST application, authenticated by MicroProfile JWT bearer tokens. The scope
 * annotation is needed on Payara for the JWT to be injectable (STACK-NOTES.md pitfall 5).
 */
@ApplicationPath("/")
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Roles.USER, Roles.ADMIN})
public class FabricApplication extends Application {
}
