package dev.awsbootstrap.localfiles;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Follows symbolic links by hand, so that a link to a file that does not exist yet works too. */
final class SymbolicLinks {
    /** As many links as Linux follows before it gives up on a loop. */
    private static final int MOST_LINKS = 40;

    private SymbolicLinks() {}

    /** The path that {@code path} leads to through any chain of links; itself when no link. */
    static Path follow(Path path) throws IOException {
        Path current = path;
        for (int links = 0; Files.isSymbolicLink(current); links++) {
            if (links == MOST_LINKS) {
                throw new FileSystemException(
                        path.toString(), null, "too many levels of symbolic links");
            }
            current = current.toAbsolutePath().resolveSibling(Files.readSymbolicLink(current));
        }
        return current;
    }
}
