package dev.awsbootstrap.localfiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process SIGKILLed while it replaces a file leaves the old file or the new one, never a torn
 * one: a child JVM rewrites a file over and over, and is killed at random moments.
 */
class AtomicFilesKillTest {
    private static final int KILLS = 12;
    private static final int SIZE = 2 * 1024 * 1024;

    @TempDir Path dir;

    @Test
    void aKilledWriterLeavesTheOldOrTheNewFileWhole() throws Exception {
        Path target = dir.resolve("config");
        Random random = new Random(20261204);
        for (int kill = 0; kill < KILLS; kill++) {
            Files.deleteIfExists(started(target));
            Process writer = ChildJvm.start(Writer.class, target.toString());
            ChildJvm.awaitFile(writer, started(target));
            Thread.sleep(random.nextInt(250));
            writer.destroyForcibly();
            assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();

            byte[] content = Files.readAllBytes(target);
            assertThat(content).hasSize(SIZE);
            byte first = content[0];
            assertThat(first).isIn((byte) 'a', (byte) 'b');
            byte[] whole = new byte[SIZE];
            Arrays.fill(whole, first);
            assertThat(Arrays.equals(content, whole)).as("file %d is one version", kill).isTrue();
        }
    }

    private static Path started(Path target) {
        return target.resolveSibling(target.getFileName() + ".started");
    }

    /** The child: writes the file with all 'a', then all 'b', and so on, until killed. */
    public static final class Writer {
        public static void main(String[] args) throws IOException {
            Path target = Path.of(args[0]);
            byte[] a = new byte[SIZE];
            byte[] b = new byte[SIZE];
            Arrays.fill(a, (byte) 'a');
            Arrays.fill(b, (byte) 'b');
            for (long round = 0; ; round++) {
                AtomicFiles.write(target, round % 2 == 0 ? a : b, AtomicFiles.OWNER_ONLY);
                if (round == 0) {
                    Files.createFile(started(target));
                }
            }
        }

        private Writer() {}
    }
}
