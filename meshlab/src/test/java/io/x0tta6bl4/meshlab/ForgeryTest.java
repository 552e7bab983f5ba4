package io.x0tta6bl4.meshlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ForgeryTest {

    @Test
    void alfredsEscapesAreUndone() {
        // as alfred 2023.0 prints a record holding {"a":"q\\\"x","b":"+/="} followed by a newline
        String dump = "{ \"12:02:cf:96:03:eb\", \"{\\\"a\\\":\\\"q\\\\\\\\\\\\\\\"x\\\",\\\"b\\\":\\\"+/=\\\"}\\x0a\" },\n"
                + "{ \"02:00:00:00:03:02\", \"plain\" },\n";
        List<Forgery.AlfredRecord> records = Forgery.parseAlfredDump(dump);
        assertEquals(2, records.size());
        assertEquals("12:02:cf:96:03:eb", records.get(0).source());
        assertEquals("{\"a\":\"q\\\\\\\"x\",\"b\":\"+/=\"}\n", records.get(0).text());
        assertEquals("plain", records.get(1).text());
    }
}
