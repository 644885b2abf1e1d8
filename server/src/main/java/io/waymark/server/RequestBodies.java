package io.waymark.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Reads a request body with a size limit that also holds after gzip decompression (no zip bombs). */
final class RequestBodies {
    /** At most this much of a refused request's body is read and dropped (see {@link #dropUnread}). */
    private static final long DRAIN_LIMIT = 4L * 1024 * 1024;

    private RequestBodies() {
    }

    record Body(JsonNode json, int bytes) {
    }

    static Body readJson(Context ctx, int limit) {
        byte[] bytes = readBytes(ctx, limit);
        return new Body(parse(bytes), bytes.length);
    }

    /** The body, at most {@code limit} bytes after decompression; an empty body is refused. */
    static byte[] readBytes(Context ctx, int limit) {
        byte[] bytes = read(ctx, limit);
        if (bytes.length == 0) {
            throw new WaymarkException(ErrorCode.INVALID_JSON, "$", "request body is empty; send a JSON object");
        }
        return bytes;
    }

    static JsonNode parse(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new WaymarkException(ErrorCode.INVALID_JSON, "$", "request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WaymarkException(ErrorCode.INVALID_JSON, "$", "cannot parse the request body: " + e.getMessage());
        }
    }

    static String readText(Context ctx, int limit) {
        return new String(read(ctx, limit), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] read(Context ctx, int limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        String encoding = ctx.header("Content-Encoding");
        try {
            InputStream in = ctx.req().getInputStream();
            if (encoding != null && encoding.trim().equalsIgnoreCase("gzip")) {
                in = new GZIPInputStream(in);
            } else if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
                throw WaymarkException.invalid("Content-Encoding", "unsupported Content-Encoding '" + encoding + "'; use gzip or none");
            }
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(limit);
            }
            return bytes;
        } catch (java.util.zip.ZipException e) {
            throw new WaymarkException(ErrorCode.INVALID_JSON, "Content-Encoding", "request body is not valid gzip: " + e.getMessage());
        } catch (IOException e) {
            // a slow or broken upload: 408 makes Segment clients retry, a 400 would make them drop the batch
            throw new WaymarkException(ErrorCode.REQUEST_TIMEOUT, "$", "cannot read the request body: " + e.getMessage());
        }
    }

    private static WaymarkException tooLarge(int limit) {
        return new WaymarkException(ErrorCode.REQUEST_TOO_LARGE, "$", "request body is over the limit of " + (limit / 1024) + " KB");
    }

    /**
     * Reads what is left of the body of a request answered with an error (up to {@link #DRAIN_LIMIT}; larger ones stay
     * unread). A server that answers while the client is still sending and then closes the connection with unread bytes
     * makes TCP reset it, and the client may lose the answer to the reset: it sees a network error, which Segment's
     * libraries retry, instead of a 413 or 401, which they drop.
     */
    static void dropUnread(Context ctx) {
        if (ctx.req().getContentLengthLong() > DRAIN_LIMIT) {
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[16 * 1024];
            long read = 0;
            for (int n; read <= DRAIN_LIMIT && (n = in.read(buffer)) >= 0; ) {
                read += n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or too slow, or the body was read as text: the answer goes out anyway
        }
    }
}
