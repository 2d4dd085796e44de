package dev.awsbootstrap.localfiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A class's main method run in a JVM of its own, for tests that SIGKILL it mid-write. */
final class ChildJvm {
    private ChildJvm() {}

    /** Starts {@code main} with the test's class path and {@code args}; its output is dropped. */
    static Process start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Waits, for at most 30 s, until the child creates {@code marker}; fails if it dies first. */
    static void awaitFile(Process child, Path marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(marker)) {
            assertThat(child.isAlive()).as("the child runs").isTrue();
            assertThat(System.nanoTime()).as("the child starts in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
