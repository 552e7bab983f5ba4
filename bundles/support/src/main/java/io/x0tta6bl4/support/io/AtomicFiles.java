package io.x0tta6bl4.support.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Replaces a whole file so that a crash or a power cut at any moment leaves either the old
 * content or the new, never a torn file: what a node keeps across restarts (attestations,
 * penalties, the guard's state, issued keys) is written this way.
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {
    }

    /** Replaces {@code file} with {@code content}, readable as the process's umask allows. */
    public static void write(Path file, byte[] content) throws IOException {
        write(file, content, false);
    }

    /**
     * Replaces {@code file} with {@code content}. The bytes go to a sibling {@code <name>.tmp}
     * created afresh (never one someone else made, which would keep its owner and mode), owner
     * read/write only from its first byte when {@code secret}, forced to the device, then
     * renamed over {@code file}; the folder is forced too, so that the rename survives.
     */
    public static void write(Path file, byte[] content, boolean secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        FileAttribute<?>[] mode = secret && dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
        try (FileChannel out = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), mode)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceFolder(dir);
    }

    private static void forceFolder(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Linux forces a folder opened for reading; where a system refuses, the rename is as
            // durable as that system makes it, and the file itself is already on the device
        }
    }
}
