package io.x0tta6bl4.web.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Jetty's own error answers as the API's JSON error object, in place of Jetty's HTML: what
 * Jetty refuses before any servlet context is chosen (a request line or header over its
 * limit, a path it will not decode or normalise) and errors outside every context. A script
 * reading {@code /api/v1} then parses every answer it gets the same way.
 */
final class JsonErrorHandler extends ErrorHandler {

    /** Jetty's reason can quote the request; an error line stays short whatever was sent. */
    static final int MAX_MESSAGE = 200;

    JsonErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
            HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        Json.error(response, code, message(code, message));
    }

    static byte[] body(int status, String message) {
        try {
            return Json.MAPPER.writeValueAsBytes(Json.error(status, message(status, message)));
        } catch (JsonProcessingException e) {
            // a map of a number and two strings always serialises; this is for the compiler
            throw new IllegalStateException(e);
        }
    }

    /** The message as the error object carries it: the status's reason when there is none, bounded. */
    static String message(int status, String message) {
        String m = message == null || message.isBlank() ? Json.reason(status) : message.strip();
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m;
    }
}
