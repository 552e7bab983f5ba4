package io.x0tta6bl4.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CrossSiteGuardTest {

    private static final String HOST = "127.0.0.1:8181";

    @Test
    void readsPassWithoutHeaderOrOrigin() {
        assertNull(CrossSiteGuard.refusal("GET", "http://evil.example", null, "http", HOST));
        assertNull(CrossSiteGuard.refusal("HEAD", null, null, "http", HOST));
    }

    @Test
    void aWriteWithTheHeaderAndNoOriginPasses() {
        assertNull(CrossSiteGuard.refusal("POST", null, "curl", "http", HOST));
    }

    @Test
    void aWriteFromTheOwnOriginPasses() {
        assertNull(CrossSiteGuard.refusal("PUT", "http://127.0.0.1:8181", "x0tta6bl4", "http", HOST));
        assertNull(CrossSiteGuard.refusal("DELETE", "HTTP://127.0.0.1:8181", "x0tta6bl4", "http", HOST));
    }

    @Test
    void aSimpleRequestWithoutTheHeaderIsRefused() {
        assertEquals("a write needs the header X-Requested-By (any value); refused as a possible cross-site request",
                CrossSiteGuard.refusal("POST", null, null, "http", HOST));
        assertEquals("a write needs the header X-Requested-By (any value); refused as a possible cross-site request",
                CrossSiteGuard.refusal("POST", "http://127.0.0.1:8181", " ", "http", HOST));
    }

    @Test
    void aCrossOriginWriteIsRefusedEvenWithTheHeader() {
        assertEquals("a cross-origin write from 'http://evil.example' is refused",
                CrossSiteGuard.refusal("POST", "http://evil.example", "x", "http", HOST));
        // another port of the same host is another origin
        assertEquals("a cross-origin write from 'http://127.0.0.1:8182' is refused",
                CrossSiteGuard.refusal("DELETE", "http://127.0.0.1:8182", "x", "http", HOST));
        assertEquals("a cross-origin write from 'https://127.0.0.1:8181' is refused",
                CrossSiteGuard.refusal("PUT", "https://127.0.0.1:8181", "x", "http", HOST));
    }

    @Test
    void anOpaqueOriginIsRefused() {
        assertEquals("a write from an opaque origin (Origin: null) is refused",
                CrossSiteGuard.refusal("POST", "null", "x", "http", HOST));
    }

    @Test
    void anAttackersLongOriginIsShortenedInTheAnswer() {
        String msg = CrossSiteGuard.refusal("POST", "http://" + "a".repeat(5000), "x", "http", HOST);
        assertEquals(true, msg.length() < 200, msg);
    }

    @Test
    void aWriteWithoutHostHeaderAndWithAnOriginIsRefused() {
        assertEquals("a cross-origin write from 'http://127.0.0.1:8181' is refused",
                CrossSiteGuard.refusal("POST", "http://127.0.0.1:8181", "x", "http", null));
    }
}
