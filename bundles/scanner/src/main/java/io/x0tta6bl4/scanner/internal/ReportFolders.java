package io.x0tta6bl4.scanner.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a report may be written: only inside the allowed folders (the data folder and the
 * operator's {@code report.dir}). A shell user must not be able to make the container, which
 * runs as root on a mesh node, overwrite {@code etc/}, a key file or anything else: the path is
 * normalised, a {@code ..} segment is refused outright, and the deepest folder that exists is
 * resolved through its symbolic links before it is compared, so a link cannot lead out.
 */
final class ReportFolders {

    private final List<Path> allowed;

    /** {@code allowed}: absolute folders; the first is where a relative path is resolved. */
    ReportFolders(List<Path> allowed) {
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("no allowed folder");
        }
        this.allowed = allowed.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** The absolute file {@code output} names, or an {@link IllegalArgumentException} with one line saying why not. */
    Path resolve(String output) {
        Path p;
        try {
            if (output == null || output.isBlank()) {
                throw refused(output, "it is empty");
            }
            p = Path.of(output);
        } catch (InvalidPathException e) {
            throw refused(output, "it is not a path");
        }
        for (Path part : p) {
            if (part.toString().equals("..")) {
                throw refused(output, "'..' is not allowed in it");
            }
        }
        Path file = allowed.get(0).resolve(p).normalize();
        if (Files.isSymbolicLink(file)) {
            throw refused(output, "it is a symbolic link");
        }
        Path real;
        try {
            real = realOfDeepestExisting(file);
        } catch (IOException e) {
            throw refused(output, "its folder cannot be resolved (" + e.getMessage() + ")");
        }
        for (Path root : allowed) {
            if (file.startsWith(root) && real.startsWith(realOrSelf(root)) && !file.equals(root)) {
                return file;
            }
        }
        throw refused(output, "it is not under " + names());
    }

    /** Checks again, once the folders are made, that no link appeared on the way; then the file is written by the caller. */
    void recheck(String output, Path file) throws IOException {
        Path parentReal = file.getParent().toRealPath();
        for (Path root : allowed) {
            if (parentReal.startsWith(realOrSelf(root))) {
                return;
            }
        }
        throw refused(output, "its folder leads out of " + names() + " through a link");
    }

    String names() {
        return allowed.stream().map(Path::toString).collect(Collectors.joining(" or "));
    }

    private IllegalArgumentException refused(String output, String why) {
        return new IllegalArgumentException("refused --output '" + output + "': " + why
                + "; reports are written only under " + names() + " (scanner key report.dir names another folder)");
    }

    /** The real path of the deepest existing ancestor (or the file itself), with the rest appended. */
    private static Path realOfDeepestExisting(Path file) throws IOException {
        Path existing = file;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return file;
        }
        Path real = existing.toRealPath();
        return real.resolve(existing.relativize(file)).normalize();
    }

    private static Path realOrSelf(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root;
        }
    }
}
