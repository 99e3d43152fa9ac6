package org.funcfabric.broker.security;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiConsumer;

import org.apache.activemq.artemis.core.security.Role;

/**
 * The Artemis permission types, so that a role is written as the set of what it may do rather than
 * as a row of positional booleans.
 */
enum Permission {
    SEND(Role::setSend),
    CONSUME(Role::setConsume),
    BROWSE(Role::setBrowse),
    CREATE_ADDRESS(Role::setCreateAddress),
    DELETE_ADDRESS(Role::setDeleteAddress),
    CREATE_DURABLE_QUEUE(Role::setCreateDurableQueue),
    DELETE_DURABLE_QUEUE(Role::setDeleteDurableQueue),
    CREATE_NON_DURABLE_QUEUE(Role::setCreateNonDurableQueue),
    DELETE_NON_DURABLE_QUEUE(Role::setDeleteNonDurableQueue),
    MANAGE(Role::setManage),
    VIEW(Role::setView),
    EDIT(Role::setEdit);

    private final BiConsumer<Role, Boolean> setter;

    Permission(BiConsumer<Role, Boolean> setter) {
        this.setter = setter;
    }

    /** An Artemis role named {@code name} that holds exactly the {@code granted} permissions. */
    static Role role(String name, Set<Permission> granted) {
        Role role = new Role();
        role.setName(name);
        for (Permission permission : values()) {
            permission.setter.accept(role, granted.contains(permission));
        }
        return role;
    }

    static Role allOf(String name) {
        return role(name, EnumSet.allOf(Permission.class));
    }
}
