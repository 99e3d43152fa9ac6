package org.funcfabric.core.function;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.funcfabric.core.common.Caller;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.common.Limits;
import org.funcfabric.core.common.Uuids;

/** Registers, reads and deletes functions, enforcing ownership and the code size limit. */
@Stateless
public class FunctionService {
    @PersistenceContext(unitName = "fabric")
    private EntityManager em;

    @Inject
    private Limits limits;

    public RegisteredFunction register(Caller caller, String name, String code, String description,
                                       String metadataJson, boolean isPublic, String groupId) {
        if (name == null || name.isBlank()) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "function_name is required");
        }
        if (name.length() > 255) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "function_name is longer than 255 characters");
        }
        if (description != null && description.length() > 4000) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "description is longer than 4000 characters");
        }
        String group = groupId == null ? null : Uuids.canonical(groupId, "group");
        RegisteredFunction fn = new RegisteredFunction(Uuids.random(), caller.subject(), name, description,
                FunctionCode.normalize(code, limits.codeSize()), metadataJson, isPublic, group,
                System.currentTimeMillis());
        em.persist(fn);
        return fn;
    }

    /**
     * The caller's own functions that are not deleted, oldest first, without their code: a listing
     * must not load every jar the caller ever registered.
     */
    public List<Listed> owned(Caller caller) {
        return em.createQuery("SELECT f.id, f.name, f.description, f.header, f.publicFunction, f.createdAt"
                        + " FROM RegisteredFunction f WHERE f.owner = :owner AND f.deletedAt IS NULL"
                        + " ORDER BY f.createdAt, f.id", Object[].class)
                .setParameter("owner", caller.subject())
                .getResultStream()
                .map(row -> new Listed((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                        (Boolean) row[4], ((Number) row[5]).longValue()))
                .toList();
    }

    /** One function of a listing: what {@code GET /v2/functions} shows, code left out. */
    public record Listed(String id, String name, String description, String header, boolean isPublic,
                         long createdAt) {
    }

    /** The function if the caller may use it; 404 otherwise, so others' functions stay invisible. */
    public RegisteredFunction usable(Caller caller, String functionId) {
        String id = Uuids.canonical(functionId, "function");
        RegisteredFunction fn = em.find(RegisteredFunction.class, id);
        if (fn == null || !fn.isUsableBy(caller)) {
            throw FabricException.notFound(ErrorCode.FUNCTION_NOT_FOUND, "Function", id);
        }
        return fn;
    }

    /** Loads several functions in one query, each checked as {@link #usable}. */
    public Map<String, RegisteredFunction> usable(Caller caller, Collection<String> functionIds) {
        Map<String, String> canonical = new HashMap<>();
        for (String id : functionIds) {
            canonical.put(Uuids.canonical(id, "function"), id);
        }
        Map<String, RegisteredFunction> found = new HashMap<>();
        em.createNamedQuery("RegisteredFunction.byIds", RegisteredFunction.class)
                .setParameter("ids", canonical.keySet())
                .getResultList()
                .forEach(f -> found.put(f.id(), f));
        Map<String, RegisteredFunction> byRequestedId = new HashMap<>();
        canonical.forEach((id, requested) -> {
            RegisteredFunction fn = found.get(id);
            if (fn == null || !fn.isUsableBy(caller)) {
                throw FabricException.notFound(ErrorCode.FUNCTION_NOT_FOUND, "Function", id);
            }
            byRequestedId.put(requested, fn);
        });
        return byRequestedId;
    }

    /** Deletes a function the caller owns; others' functions are 404, shared ones 403. */
    public void delete(Caller caller, String functionId) {
        RegisteredFunction fn = usable(caller, functionId);
        if (!caller.owns(fn.owner())) {
            throw new FabricException(ErrorCode.FUNCTION_ACCESS_FORBIDDEN,
                    "Function " + fn.id() + " can only be deleted by its owner");
        }
        fn.delete(System.currentTimeMillis());
    }
}
