package io.x0tta6bl4.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class RouteTest {

    final Route approve = Route.of("POST", "incidents/{}/approve", Route.Access.WRITE, c -> null);

    @Test
    void placeholdersMatchOneSegment() {
        assertEquals(List.of("inc-000001"), approve.match(Route.split("/incidents/inc-000001/approve")));
        assertEquals(List.of("x"), approve.match(Route.split("incidents//x/approve/")));
    }

    @Test
    void otherPathsDoNotMatch() {
        assertNull(approve.match(Route.split("/incidents/inc-1")));
        assertNull(approve.match(Route.split("/incidents/inc-1/approve/now")));
        assertNull(approve.match(Route.split("/incident/inc-1/approve")));
        assertNull(approve.match(Route.split(null)));
    }
}
