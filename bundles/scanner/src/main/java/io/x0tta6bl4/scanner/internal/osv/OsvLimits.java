package io.x0tta6bl4.scanner.internal.osv;

/**
 * The bounds of an OSV import. Real advisories are far inside them (the OSV Maven export has
 * a few thousand files of a few KiB, versions of a few dozen characters); a file or archive
 * outside them is crafted, and refused before it can cost minutes of CPU (a version of
 * millions of digits is a BigInteger to Maven's version parser, at import and at every scan)
 * or the heap.
 */
public final class OsvLimits {

    /** Bytes per advisory file. */
    public static final int MAX_FILE_BYTES = 4 << 20;
    /** Entries of a zip (of any kind) or regular files under a folder, per import. */
    public static final int MAX_ENTRIES = 50_000;
    /** Bytes of JSON read by one import, all files together (a zip: inflated). */
    public static final long MAX_IMPORT_BYTES = 256L << 20;
    /** Characters of a version (range event or listed version). */
    public static final int MAX_VERSION = 256;
    /** Characters of an id or alias. */
    public static final int MAX_ID = 128;
    /** Characters of a package name ({@code groupId:artifactId}). */
    public static final int MAX_PACKAGE = 512;
    /** Characters of the summary; a summary taken from the first line of details is cut here instead. */
    public static final int MAX_SUMMARY = 1024;
    /** Characters of the modified timestamp and of the severity name. */
    public static final int MAX_SHORT_TEXT = 64;
    /** Aliases of one advisory. */
    public static final int MAX_ALIASES = 100;
    /** Versions of one advisory: range events and listed versions together. */
    public static final int MAX_VERSIONS_PER_ADVISORY = 10_000;
    /** Versions of one import, all advisories together. */
    public static final long MAX_IMPORT_VERSIONS = 2_000_000;

    private OsvLimits() {
    }
}
