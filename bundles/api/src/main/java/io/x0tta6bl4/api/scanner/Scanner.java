package io.x0tta6bl4.api.scanner;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A scanner, registered as a whiteboard service. The scanner service picks it up when it
 * appears and drops it (and its findings) when it goes away.
 * <p>
 * Service properties:
 * <ul>
 * <li>{@link #NAME} (String, required): unique scanner name, e.g. {@code bundles}; used by
 *     {@code scan:run --scanner}. A service without it is ignored with a warning.</li>
 * </ul>
 * {@link #scan()} runs on the scanner service's own worker thread, one scanner at a time; it
 * may block (disk, kernel). An exception fails that scanner's part of the scan only: it is
 * reported in {@link ScanReport#errors()} and the previous findings of that scanner stay.
 */
@ConsumerType
public interface Scanner {

    String NAME = "scanner.name";

    /** Everything this scanner finds now; an empty list when all is well. */
    List<Finding> scan() throws Exception;
}
