package io.x0tta6bl4.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

class JsonErrorHandlerTest {

    @Test
    void aBadMessageIsTheApisErrorObject() throws Exception {
        HttpFields fields = new HttpFields();
        ByteBuffer body = new JsonErrorHandler().badMessageError(414, "URI Too Long", fields);
        JsonNode json = Json.MAPPER.readTree(StandardCharsets.UTF_8.decode(body).toString());
        assertEquals(414, json.get("status").asInt());
        assertEquals("URI Too Long", json.get("error").asText());
        assertEquals("URI Too Long", json.get("message").asText());
        assertEquals("application/json;charset=utf-8", fields.get(HttpHeader.CONTENT_TYPE));
    }

    @Test
    void aMissingMessageIsTheReasonAndALongOneIsCut() {
        assertEquals("Not Found", JsonErrorHandler.message(404, null));
        assertEquals("Bad Request", JsonErrorHandler.message(400, "  "));
        String cut = JsonErrorHandler.message(400, "x".repeat(5000));
        assertEquals(JsonErrorHandler.MAX_MESSAGE + 3, cut.length());
    }
}
