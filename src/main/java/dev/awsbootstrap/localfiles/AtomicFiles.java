package dev.awsbootstrap.localfiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes files so that a reader, or a run killed half-way, only ever sees the old content or the
 * new one: a temporary file beside the target, flushed to disk, then renamed over it. A temporary
 * file that a killed run left behind (it may hold a secret key), of the target or of one of its
 * backups, is removed by the next write of the same target.
 */
public final class AtomicFiles {
    /** Read and write for the owner only: for every file that may hold something private. */
    public static final Set<PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.fromString("rwx------");

    /**
     * How old a temporary file must be before a write of its target takes it for a killed run's
     * leftover: a live writer renames its own within milliseconds.
     */
    static final Duration STALE = Duration.ofMinutes(1);

    private AtomicFiles() {}

    /** Replaces {@code target} with {@code content}, the new file having {@code permissions}. */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions)
            throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        createPrivateDirectories(directory);
        removeStaleTemporaries(directory, target.getFileName().toString());
        Path temporary =
                Files.createTempFile(
                        directory,
                        "." + target.getFileName() + ".",
                        ".tmp",
                        attributes(permissions));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            move(temporary, target);
            syncDirectory(directory);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void removeStaleTemporaries(Path directory, String name) {
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE));
        // Temporaries of the target itself and of its backups (<name>.bak-<stamp>), as write names
        // them: a dot, the name, a dot, the random number createTempFile adds, .tmp.
        Pattern ours =
                Pattern.compile("\\." + Pattern.quote(name) + "(\\.bak-[0-9-]+)?\\.\\d+\\.tmp");
        DirectoryStream.Filter<Path> temporaries =
                entry -> ours.matcher(entry.getFileName().toString()).matches();
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, temporaries)) {
            for (Path leftover : leftovers) {
                removeIfStale(leftover, cutoff);
            }
        } catch (IOException | DirectoryIteratorException e) {
            // Clearing up is a courtesy: a directory that cannot be listed must not stop the write.
        }
    }

    private static void removeIfStale(Path leftover, FileTime cutoff) {
        try {
            if (Files.isRegularFile(leftover, LinkOption.NOFOLLOW_LINKS)
                    && Files.getLastModifiedTime(leftover).compareTo(cutoff) < 0) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            // Another program may hold it; the next write tries again.
        }
    }

    /** Creates missing directories readable by the owner only. */
    public static void createPrivateDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (isPosix()) {
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncDirectory(Path directory) {
        // Flushing the directory makes the rename itself survive a power cut; not every platform
        // allows opening a directory, and there the rename is as durable as the platform makes it.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        if (!isPosix()) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }

    static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
