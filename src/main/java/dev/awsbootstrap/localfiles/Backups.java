package dev.awsbootstrap.localfiles;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Names the copy of a file kept before the file is rewritten. */
final class Backups {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Backups() {}

    /**
     * A name beside {@code file} that nothing has yet: {@code <name>.bak-<yyyyMMdd-HHmmss>} at the
     * clock's time in UTC, then the same with {@code -1}, {@code -2}... so that two saves within a
     * second keep both copies.
     */
    static Path freshName(Path file, Clock clock) {
        String base = file.getFileName() + ".bak-" + STAMP.format(clock.instant());
        Path candidate = file.resolveSibling(base);
        for (int suffix = 1; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); suffix++) {
            candidate = file.resolveSibling(base + "-" + suffix);
        }
        return candidate;
    }
}
