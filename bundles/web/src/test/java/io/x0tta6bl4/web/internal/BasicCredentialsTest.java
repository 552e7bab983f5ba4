package io.x0tta6bl4.web.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    static String basic(String s) {
        return "Basic " + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesUserAndPasswordWithColons() {
        BasicCredentials c = BasicCredentials.parse(basic("ops:pa:ss"));
        assertEquals("ops", c.user());
        assertArrayEquals("pa:ss".toCharArray(), c.password());
    }

    @Test
    void refusesMissingOtherSchemesAndMalformedHeadersWith401() {
        for (String header : new String[] {null, "", "Bearer abc", "Basic !!!", basic("nocolon"), basic(":pw")}) {
            ApiException e = assertThrows(ApiException.class, () -> BasicCredentials.parse(header), header);
            assertEquals(401, e.status());
        }
    }
}
