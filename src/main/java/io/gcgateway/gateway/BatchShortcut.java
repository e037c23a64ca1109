package io.gcgateway.gateway;

import java.util.Objects;
import java.util.function.Function;

import io.gcgateway.security.Role;

/**
 * A batch field's ({@code @Source List<…>}) answer for one object, given on the spot when this replica already holds
 * everything the answer needs in memory: the object then skips the field's data loader, and graphql-java completes a
 * plain value instead of a future. On a page of 100 conversations with names and presence that was a third of the
 * gateway's CPU (docs/benchmarks.md). Anything it cannot answer this way, it declines with {@link #NOT_HELD}, and the
 * object goes to the batch resolver as before, so what must be fetched is still fetched in one batch per level.
 * <p>
 * The answer must be the one the batch resolver would give for the object from the same memory. {@code required} is
 * the batch resolver's role ({@link io.gcgateway.security.RequiresRole}): the shortcut answers only a caller already
 * authorized for it in the same operation, and otherwise the resolver's own check decides.
 *
 * @param type the GraphQL type of the objects ({@code ConversationParticipant})
 * @param field the batch field ({@code user})
 * @param required the role the batch resolver requires
 * @param answer the field's value for one object, or {@link #NOT_HELD}
 */
public record BatchShortcut(String type, String field, Role required, Function<Object, Object> answer) {
    /** What {@link #answer} returns when it cannot answer on the spot: the object goes to the batch. */
    public static final Object NOT_HELD = new Object() {
        @Override
        public String toString() {
            return "NOT_HELD";
        }
    };

    public BatchShortcut {
        Objects.requireNonNull(type);
        Objects.requireNonNull(field);
        Objects.requireNonNull(required);
        Objects.requireNonNull(answer);
    }

    /** {@code Type.field}, as the schema's coordinates print it. */
    public String coordinates() {
        return type + "." + field;
    }
}
