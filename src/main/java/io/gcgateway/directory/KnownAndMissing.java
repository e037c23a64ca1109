package io.gcgateway.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Ids split by a memory layer: what it already holds, and the de-duplicated rest a lookup still has to find (ids that
 * are null or blank are neither: no lookup can find them).
 */
record KnownAndMissing<T>(Map<String, T> found, List<String> missing) {

    static <T> KnownAndMissing<T> of(Collection<String> ids, Function<String, T> held) {
        Map<String, T> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (id == null || id.isBlank()) {
                continue;
            }
            T known = held.apply(id);
            if (known != null) {
                found.put(id, known);
            } else {
                missing.add(id);
            }
        }
        return new KnownAndMissing<>(found, missing);
    }
}
