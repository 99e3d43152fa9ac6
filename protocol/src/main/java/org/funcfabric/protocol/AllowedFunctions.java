package org.funcfabric.protocol;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * An endpoint's {@code allowed_functions}: the only functions that may run on it, or any when none are
 * given. The connector and the worker both take them from {@code --allowed-function} or
 * {@code FABRIC_ALLOWED_FUNCTIONS}; the connector registers them with the service and hands them to its
 * workers in that variable ({@link #toString()}), and the workers check every task again. Ids are kept in
 * the canonical lower-case form the service sends in {@link TaskMessage#functionId()}.
 */
public final class AllowedFunctions {
    /** No restriction: every function may run. */
    public static final AllowedFunctions ANY = new AllowedFunctions(Set.of());

    private static final int UUID_LENGTH = 36;
    private static final int LONGEST_SHOWN = 64;

    private final Set<String> ids;

    private AllowedFunctions(Set<String> ids) {
        this.ids = ids;
    }

    /**
     * The functions named in {@code ids}. Blank entries (a trailing comma, an empty variable) are skipped,
     * and no ids at all mean no restriction rather than a refusal of everything.
     *
     * @param ids function UUIDs, or null for {@link #ANY}
     * @throws IllegalArgumentException naming the first entry that is not a UUID, in words for the user
     */
    public static AllowedFunctions of(Collection<String> ids) {
        if (ids == null) {
            return ANY;
        }
        Set<String> canonical = new HashSet<>();
        for (String id : ids) {
            if (id != null && !id.isBlank()) {
                canonical.add(canonical(id.strip()));
            }
        }
        return canonical.isEmpty() ? ANY : new AllowedFunctions(Set.copyOf(canonical));
    }

    /** Whether only some functions may run here. */
    public boolean isRestricted() {
        return !ids.isEmpty();
    }

    /** Whether tasks of {@code functionId} may run here. */
    public boolean permits(String functionId) {
        return !isRestricted() || functionId != null && ids.contains(functionId.toLowerCase(Locale.ROOT));
    }

    /** The allowed ids, sorted; empty when unrestricted. */
    public List<String> ids() {
        return ids.stream().sorted().toList();
    }

    /** The ids comma-separated, as {@code FABRIC_ALLOWED_FUNCTIONS} carries them; empty when unrestricted. */
    @Override
    public String toString() {
        return String.join(",", ids());
    }

    /** As the service reads function ids: exactly 36 characters, since UUID.fromString accepts short forms. */
    private static String canonical(String id) {
        if (id.length() != UUID_LENGTH) {
            throw notAUuid(id);
        }
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw notAUuid(id);
        }
    }

    private static IllegalArgumentException notAUuid(String id) {
        String shown = id.length() > LONGEST_SHOWN ? id.substring(0, LONGEST_SHOWN) + "…" : id;
        return new IllegalArgumentException("--allowed-function '" + shown + "' is not a function UUID: fix"
                + " --allowed-function or FABRIC_ALLOWED_FUNCTIONS");
    }
}
