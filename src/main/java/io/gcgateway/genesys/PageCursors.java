package io.gcgateway.genesys;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.ValidationFailedException;

/**
 * Relay cursors over Genesys page-number paging: a cursor is the opaque offset of the next item, tagged with the
 * connection it belongs to so that a cursor from another connection is rejected rather than misread.
 */
public final class PageCursors {
    private PageCursors() {
    }

    /**
     * A page of a connection served by exactly one Genesys page: {@code first} items from the cursor's offset. The
     * offset must fall on a page boundary of that size, which holds while a client keeps {@code first} when paging.
     */
    public record Window(String connection, int size, int offset) {
        /** The Genesys {@code pageNumber} holding this window. */
        public int pageNumber() {
            return offset / size + 1;
        }

        /** Cursor of the {@code index}-th item (0-based) of this window. */
        public String cursor(int index) {
            return encode(connection, offset + index + 1);
        }
    }

    /** The window for {@code first} and {@code after}, or VALIDATION_FAILED naming each bad argument. */
    public static Window window(String connection, Integer first, String after, int defaultFirst, int maxFirst) {
        List<FieldError> errors = new ArrayList<>();
        int size = first == null ? defaultFirst : first;
        if (size < 1 || size > maxFirst) {
            errors.add(new FieldError("first", "must be between 1 and " + maxFirst));
        }
        int offset = decode(connection, after, errors);
        if (size > 0 && offset % size != 0) {
            errors.add(new FieldError("after", "belongs to a page of another size; keep 'first' while paging"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException("Invalid " + connection + " arguments", errors);
        }
        return new Window(connection, size, offset);
    }

    /** A cursor carrying an opaque position other than an offset (e.g. a Redis stream id). */
    public static String encodeToken(String connection, String token) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((connection + ":v1:" + token).getBytes(StandardCharsets.UTF_8));
    }

    /** The position in a cursor made by {@link #encodeToken}; a foreign or malformed cursor adds a field error. */
    public static String decodeToken(String connection, String after, List<FieldError> errors) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            String prefix = connection + ":v1:";
            if (decoded.startsWith(prefix) && decoded.length() > prefix.length()) {
                return decoded.substring(prefix.length());
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        errors.add(new FieldError("after", "is not a cursor returned by this connection"));
        return null;
    }

    public static String encode(String connection, int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((connection + ":v1:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset in {@code after}, 0 without one; a foreign or malformed cursor adds a field error. */
    public static int decode(String connection, String after, List<FieldError> errors) {
        if (after == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            String prefix = connection + ":v1:";
            if (!decoded.startsWith(prefix)) {
                throw new IllegalArgumentException();
            }
            int offset = Integer.parseInt(decoded.substring(prefix.length()));
            if (offset < 0) {
                throw new IllegalArgumentException();
            }
            return offset;
        } catch (IllegalArgumentException malformed) {
            errors.add(new FieldError("after", "is not a cursor returned by this connection"));
            return 0;
        }
    }
}
