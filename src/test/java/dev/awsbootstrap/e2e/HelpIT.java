package dev.awsbootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awsbootstrap.e2e.JarRunner.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} and {@code --version} answer at once, without loading the AWS SDK. */
class HelpIT {
    private static final String SDK_PACKAGE = "software.amazon.awssdk";

    @TempDir Path home;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--help", "--version", "status --help"})
    void loadsNoAwsSdkClass(String arguments) {
        Result run =
                JarRunner.withHome(home).jvmOptions("-verbose:class").run(arguments.split(" "));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout().lines())
                .as("classes loaded from the AWS SDK")
                .isNotEmpty()
                .noneMatch(line -> line.contains(SDK_PACKAGE));
    }

    @Test
    void helpExitsWithZeroAndShowsTheUsageInUnderHalfASecond() {
        List<Long> millis = new ArrayList<>();
        Result fastest = null;
        // The best of three: the first start of a JVM may wait for a cold disk cache.
        for (int i = 0; i < 3; i++) {
            Result run = JarRunner.withHome(home).run("--help");
            assertThat(run.exitCode()).as(run.describe()).isZero();
            millis.add(run.elapsed().toMillis());
            if (fastest == null || run.elapsed().compareTo(fastest.elapsed()) < 0) {
                fastest = run;
            }
        }

        assertThat(fastest.stdout()).contains("Usage: aws-bootstrap").contains("--dry-run");
        assertThat(fastest.elapsed())
                .as(
                        "wall time of --help: %d ms at best (runs: %s ms)",
                        fastest.elapsed().toMillis(), millis)
                .isLessThan(Duration.ofMillis(500));
    }

    @Test
    void versionExitsWithZeroAndPrintsTheVersion() {
        Result run = JarRunner.withHome(home).run("--version");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout().strip())
                .as(run.describe())
                .matches("aws-bootstrap \\d+\\.\\d+\\S*");
    }
}
