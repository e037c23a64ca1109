package io.gcgateway.gateway;

import java.util.ArrayList;
import java.util.List;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.gcgateway.security.Role;

/**
 * What the root fields of one execution say about reusing its response ({@link ResponseCache}): a field may allow
 * it, for callers with a role and until a time, or refuse it. Fields complete on different threads.
 */
public final class ResponseReuse {
    private static final String KEY = ResponseReuse.class.getName();

    private int reusable;
    private boolean refused;
    private long freshUntil = Long.MAX_VALUE;
    private Role role = Role.READER;
    private final List<Runnable> onReuse = new ArrayList<>(1);

    private ResponseReuse() {
    }

    /**
     * Called by a root-field resolver: its result may be given to any caller with {@code role} until
     * {@code freshUntilMillis}; {@code onReuse} runs each time it is (for the resolver's own metrics).
     */
    public static void reusable(DataFetchingEnvironment env, Role role, long freshUntilMillis, Runnable onReuse) {
        of(env.getGraphQlContext()).allow(role, freshUntilMillis, onReuse);
    }

    /** Called by a root-field resolver whose result must not be reused. */
    public static void notReusable(DataFetchingEnvironment env) {
        of(env.getGraphQlContext()).refuse();
    }

    /** What the execution of {@code context} was told; null when no root field said anything. */
    static ResponseReuse told(GraphQLContext context) {
        return context.get(KEY);
    }

    private static ResponseReuse of(GraphQLContext context) {
        return context.computeIfAbsent(KEY, ignored -> new ResponseReuse());
    }

    private synchronized void allow(Role fieldRole, long fieldFreshUntil, Runnable fieldOnReuse) {
        reusable++;
        freshUntil = Math.min(freshUntil, fieldFreshUntil);
        role = fieldRole.compareTo(role) > 0 ? fieldRole : role;
        onReuse.add(fieldOnReuse);
    }

    private synchronized void refuse() {
        refused = true;
    }

    /** The verdict for a response with {@code rootFields} reusable root fields: who may have it, until when. */
    synchronized Verdict verdict(int rootFields) {
        boolean allowed = !refused && rootFields > 0 && rootFields == reusable;
        return new Verdict(allowed, role, freshUntil, List.copyOf(onReuse));
    }

    record Verdict(boolean allowed, Role role, long freshUntil, List<Runnable> onReuse) {
    }
}
