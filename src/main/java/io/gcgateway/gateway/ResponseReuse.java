package io.gcgateway.gateway;

import java.util.ArrayList;
import java.util.List;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.gcgateway.security.Role;

/**
 * What the root fields of one execution say about reusing its response ({@link ResponseCache}): a field may allow
 * it, for callers with a role and until a time, or refuse it; the live fields under them ({@link LiveFields}) may
 * shorten that time. Fields complete on different threads.
 */
public final class ResponseReuse {
    private static final String KEY = ResponseReuse.class.getName();

    private int reusable;
    private boolean refused;
    private long freshUntil = Long.MAX_VALUE;
    /** The shortest freshness of the live fields resolved so far (see freshAtMost). */
    private volatile long shortestLiveField = Long.MAX_VALUE;
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

    /**
     * Called for each object of a live field ({@link LiveFieldFetcher}): whatever the root fields allow, the response
     * may not be reused more than {@code freshForMillis} from now. A root field says it is reusable before its value
     * is complete, so before any field under it runs: when nothing was said, no root allowed reuse and there is
     * nothing to shorten (and no record is made for the cache to look at). Otherwise the cost after the field's first
     * object is a lookup and a comparison: a later object of the same field cannot shorten the limit its first set.
     */
    static void freshAtMost(GraphQLContext context, long freshForMillis) {
        ResponseReuse reuse = told(context);
        if (reuse != null && freshForMillis < reuse.shortestLiveField) {
            reuse.limit(freshForMillis);
        }
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

    private synchronized void limit(long freshForMillis) {
        shortestLiveField = Math.min(shortestLiveField, freshForMillis);
        freshUntil = Math.min(freshUntil, System.currentTimeMillis() + freshForMillis);
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
