package io.x0tta6bl4.scanner.internal.osv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import io.x0tta6bl4.api.scanner.Severity;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Matching real advisories against real versions of real artifacts, and the OSV range edge cases. */
class OsvMatchTest {

    private static List<Advisory> advisories;
    private static OsvDatabase db;

    @BeforeAll
    static void load() throws Exception {
        advisories = Fixtures.all();
        db = new OsvDatabase(advisories, Instant.EPOCH, "fixtures");
    }

    @ParameterizedTest(name = "{0}:{1} -> {2}")
    @CsvSource({
        "org.apache.commons:commons-text, 1.9, GHSA-599f-7c49-w659",
        "org.apache.commons:commons-text, 1.5, GHSA-599f-7c49-w659",
        "org.apache.commons:commons-text, 1.10.0, ''",
        "org.apache.commons:commons-text, 1.4, ''",
        "org.apache.logging.log4j:log4j-core, 2.14.1, GHSA-7rjr-3q55-vv33 GHSA-jfh8-c2jp-5v3q",
        "org.apache.logging.log4j:log4j-core, 2.15.0, GHSA-7rjr-3q55-vv33",
        "org.apache.logging.log4j:log4j-core, 2.16.0, ''",
        "org.apache.logging.log4j:log4j-core, 2.12.2, ''",
        "com.fasterxml.jackson.core:jackson-databind, 2.13.2, GHSA-57j2-w4cx-62h2 GHSA-jjjh-jjxp-wpff",
        "com.fasterxml.jackson.core:jackson-databind, 2.13.2.1, GHSA-jjjh-jjxp-wpff",
        "com.fasterxml.jackson.core:jackson-databind, 2.13.4.1, ''",
        "com.fasterxml.jackson.core:jackson-databind, 2.4.0-rc1, GHSA-57j2-w4cx-62h2 GHSA-jjjh-jjxp-wpff",
        "com.fasterxml.jackson.core:jackson-databind, 2.4.0-beta1, GHSA-57j2-w4cx-62h2",
        "org.yaml:snakeyaml, 1.33, GHSA-mjmj-j48q-9wg2",
        "org.yaml:snakeyaml, 2.0, ''",
        "com.google.guava:guava, 31.1-jre, GHSA-7g45-4rm6-3mm3",
        "com.google.guava:guava, 32.0.0-jre, ''",
        "com.google.guava:guava, 32.0.0-android, ''",
        "io.netty:netty-handler, 4.1.93.Final, GHSA-6mjq-h674-j845",
        "io.netty:netty-handler, 4.1.94.Final, ''",
        "org.springframework:spring-beans, 5.2.19.RELEASE, GHSA-36p3-wjmg-h94x",
        "org.springframework:spring-beans, 5.2.20.RELEASE, ''",
        "org.springframework:spring-beans, 5.3.17, GHSA-36p3-wjmg-h94x",
        "org.springframework:spring-beans, 5.3.18, ''",
        "org.apache.tomcat.embed:tomcat-embed-core, 9.0.70, GHSA-hfrx-6qgj-fp6c",
        "org.apache.tomcat.embed:tomcat-embed-core, 9.0.71, ''",
        "org.apache.tomcat.embed:tomcat-embed-core, 11.0.0-M4, GHSA-hfrx-6qgj-fp6c",
        "org.apache.tomcat.embed:tomcat-embed-core, 11.0.0-M5, ''",
        "org.eclipse.jetty:jetty-openid, 9.4.51.v20230217, GHSA-pwh8-58vv-vw48",
        "org.eclipse.jetty:jetty-openid, 9.4.52.v20230823, ''",
        "org.eclipse.jetty:jetty-openid, 10.0.15, GHSA-pwh8-58vv-vw48",
        "org.eclipse.jetty:jetty-openid, 10.0.16, ''",
        "org.apache.camel:camel-core, 3.22.0, GHSA-qpxm-689r-3849",
        "org.apache.camel:camel-core, 3.22.1, ''",
        "org.apache.camel:camel-core, 4.3.0, GHSA-qpxm-689r-3849",
        "org.apache.camel:camel-core, 4.4.0, ''",
        "ch.qos.logback:logback-classic, 1.2.12, GHSA-vmq6-5m68-f53m",
        "ch.qos.logback:logback-classic, 1.4.11, GHSA-vmq6-5m68-f53m",
        "ch.qos.logback:logback-classic, 1.2.13, ''",
        "ch.qos.logback:logback-core, 1.4.12, ''",
        "commons-collections:commons-collections, 3.2.1, GHSA-6hgm-866r-3cjv",
        "commons-collections:commons-collections, 3.2.2, ''",
        "com.h2database:h2, 2.1.214, GHSA-22wj-vf5f-wrvj",
        "com.h2database:h2, 2.0.204, GHSA-22wj-vf5f-wrvj GHSA-h376-j262-vhq6",
        "com.h2database:h2, 2.3.232, ''",
        "io.netty:netty-codec-http2, 4.1.99.Final, GHSA-xpw8-rcwv-8f8p",
        "io.netty:netty-codec-http2, 4.1.100.Final, ''",
        "org.apache.shiro:shiro-web, 1.7.0, GHSA-v98j-7crc-wvrj",
        "org.apache.shiro:shiro-web, 1.7.1, ''",
    })
    void realAdvisoriesMatchRealVersions(String pkg, String version, String expected) {
        List<String> ids = db.match(pkg, version).stream().map(m -> m.advisory().id()).sorted().toList();
        List<String> want = expected.isBlank() ? List.of() : List.of(expected.split(" "));
        assertEquals(want, ids);
        List<String> linear = OsvDatabase.matchLinear(advisories, pkg, version).stream()
                .map(m -> m.advisory().id()).sorted().toList();
        assertEquals(want, linear, "the linear peer agrees");
    }

    @Test
    void aMatchSaysWhichRangeAndTheFixedVersion() {
        OsvDatabase.Match m = db.match("org.apache.commons:commons-text", "1.9").get(0);
        assertEquals("[1.5, 1.10.0)", m.matched());
        assertEquals("1.10.0", m.fixedIn());
        assertEquals(Severity.CRITICAL, m.advisory().severity());
        assertEquals(List.of("CVE-2022-42889"), m.advisory().aliases());
        assertEquals("Arbitrary code execution in Apache Commons Text", m.advisory().summary());
    }

    @Test
    void lastAffectedIsInclusive() throws Exception {
        OsvDatabase d = one(range("{\"introduced\":\"0\"},{\"last_affected\":\"2.3.4\"}"));
        assertTrue(hit(d, "2.3.4"));
        assertTrue(hit(d, "1.0-M1"));
        assertFalse(hit(d, "2.3.5"));
        assertFalse(hit(d, "2.3.4.1"));
    }

    @Test
    void limitCapsTheRange() throws Exception {
        OsvDatabase d = one(range("{\"introduced\":\"1.0\"},{\"limit\":\"2.0\"}"));
        assertTrue(hit(d, "1.0"));
        assertTrue(hit(d, "1.9.9"));
        assertFalse(hit(d, "2.0"));
        assertFalse(hit(d, "0.9"));
    }

    @Test
    void anOpenRangeAffectsEverythingAboveIntroduced() throws Exception {
        OsvDatabase d = one(range("{\"introduced\":\"3.0\"}"));
        assertTrue(hit(d, "99.0"));
        assertFalse(hit(d, "3.0-M1"), "a milestone comes before its release");
        assertTrue(hit(d, "3.0.RELEASE"), ".RELEASE is the release");
    }

    @Test
    void severalIntroducedFixedPairsInOneRange() throws Exception {
        OsvDatabase d = one(range("{\"introduced\":\"1.0\"},{\"fixed\":\"1.2\"},{\"introduced\":\"2.0\"},{\"fixed\":\"2.1\"}"));
        assertTrue(hit(d, "1.1"));
        assertFalse(hit(d, "1.5"));
        assertTrue(hit(d, "2.0.5"));
        assertFalse(hit(d, "2.1"));
    }

    @Test
    void eventsOutOfOrderAreSorted() throws Exception {
        OsvDatabase d = one(range("{\"fixed\":\"1.2\"},{\"introduced\":\"1.0\"}"));
        assertTrue(hit(d, "1.1"));
        assertFalse(hit(d, "1.2"));
    }

    @Test
    void withdrawnAdvisoriesNeverMatch() throws Exception {
        Advisory a = Fixtures.parse("{\"id\":\"GHSA-test\",\"withdrawn\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":"
                + "{\"ecosystem\":\"Maven\",\"name\":\"g:a\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":"
                + "[{\"introduced\":\"0\"}]}]}]}");
        OsvDatabase d = new OsvDatabase(List.of(a), Instant.EPOCH, "t");
        assertTrue(a.withdrawn());
        assertTrue(d.match("g:a", "1.0").isEmpty());
        assertEquals(1, d.withdrawn());
    }

    @Test
    void explicitVersionsMatchWithoutRanges() throws Exception {
        Advisory a = Fixtures.parse("{\"id\":\"X-1\",\"affected\":[{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"g:a\"},"
                + "\"versions\":[\"1.0\",\"1.1\"]}]}");
        OsvDatabase d = new OsvDatabase(List.of(a), Instant.EPOCH, "t");
        assertEquals("listed version 1.1", d.match("g:a", "1.1").get(0).matched());
        assertTrue(d.match("g:a", "1.0.0").size() == 1, "1.0.0 is 1.0 in Maven's ordering");
        assertTrue(d.match("g:a", "1.2").isEmpty());
    }

    @Test
    void otherEcosystemsAndGitRangesAreIgnored() throws Exception {
        Advisory a = Fixtures.parse("{\"id\":\"X-2\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"left-pad\"},"
                + "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"}]}]},"
                + "{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"g:a\"},\"ranges\":[{\"type\":\"GIT\",\"repo\":\"r\","
                + "\"events\":[{\"introduced\":\"abc\"}]}]}]}");
        assertEquals(1, a.affected().size());
        assertTrue(new OsvDatabase(List.of(a), Instant.EPOCH, "t").match("g:a", "1.0").isEmpty());
    }

    @Test
    void malformedAdvisoriesNameFileAndField() {
        assertTrue(assertThrows(OsvFormatException.class, () -> Fixtures.parse("{\"affected\":[]}"))
                .getMessage().contains("no 'id'"));
        assertTrue(assertThrows(OsvFormatException.class, () -> Fixtures.parse("not json"))
                .getMessage().startsWith("test.json: not JSON"));
        assertTrue(assertThrows(OsvFormatException.class, () -> Fixtures.parse(
                "{\"id\":\"X\",\"affected\":[{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"g:a\"},\"ranges\":"
                        + "[{\"type\":\"ECOSYSTEM\",\"events\":[{\"fixed\":\"\"}]}]}]}"))
                .getMessage().contains("affected[0].ranges[0]: event 'fixed' has no version"));
        assertTrue(assertThrows(OsvFormatException.class, () -> Fixtures.parse(
                "{\"id\":\"X\",\"affected\":[{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"noColon\"}}]}"))
                .getMessage().contains("is not groupId:artifactId"));
    }

    private static String range(String events) {
        return "{\"id\":\"T-1\",\"affected\":[{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"g:a\"},\"ranges\":"
                + "[{\"type\":\"ECOSYSTEM\",\"events\":[" + events + "]}]}]}";
    }

    private static OsvDatabase one(String json) throws Exception {
        return new OsvDatabase(List.of(Fixtures.parse(json)), Instant.EPOCH, "t");
    }

    private static boolean hit(OsvDatabase d, String version) {
        return !d.match("g:a", version).isEmpty();
    }
}
