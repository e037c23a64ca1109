package io.gcgateway.genesys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.gcgateway.errors.FieldError;

/**
 * Relay cursors over Genesys page-number paging: a cursor is the opaque offset of the next item, tagged with the
 * connection it belongs to so that a cursor from another connection is rejected rather than misread.
 */
public final class PageCursors {
    private PageCursors() {
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
