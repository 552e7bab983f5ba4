package io.x0tta6bl4.api.scanner;

import java.util.Objects;

/**
 * One thing a scanner found.
 *
 * @param id       what was found: an advisory id ({@code GHSA-...}) or a check id ({@code CFG-...})
 * @param kind     vulnerability or misconfiguration
 * @param severity how bad it is
 * @param subject  what it was found in: a bundle ({@code symbolic-name/version}), an etc/ file, a program
 * @param title    one line saying what is wrong
 * @param evidence what the scanner saw, e.g. {@code org.apache.commons:commons-text:1.9 in [1.5, 1.10.0)}
 * @param fix      what to do about it
 * @param scanner  the name of the scanner that found it
 */
public record Finding(String id, FindingKind kind, Severity severity, String subject, String title,
                      String evidence, String fix, String scanner) {

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(scanner, "scanner");
        title = title == null ? "" : title;
        evidence = evidence == null ? "" : evidence;
        fix = fix == null ? "" : fix;
    }

    /** Identifies the finding across scans: the same id in the same subject by the same scanner. */
    public String key() {
        return scanner + "|" + id + "|" + subject;
    }
}
