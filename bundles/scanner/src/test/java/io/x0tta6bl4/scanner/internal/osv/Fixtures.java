package io.x0tta6bl4.scanner.internal.osv;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The real OSV advisories under src/test/resources/osv. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path folder() throws Exception {
        return Path.of(Fixtures.class.getResource("/osv/GHSA-599f-7c49-w659.json").toURI()).getParent();
    }

    public static List<Advisory> all() throws Exception {
        List<Advisory> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    out.add(OsvParser.parse(f.getFileName().toString(), in));
                }
            }
        }
        return out;
    }

    public static Advisory parse(String json) throws OsvFormatException {
        return OsvParser.parse("test.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
