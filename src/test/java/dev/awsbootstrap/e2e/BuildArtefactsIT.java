package dev.awsbootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The completion script and the man pages that the package phase writes beside the jar: they name
 * the options, bash completes with them, and man (or groff) renders the pages.
 */
class BuildArtefactsIT {
    private static final Path TARGET =
            Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target");

    @Test
    void completionScriptCompletesOptionsAndTheStatusCommand() throws Exception {
        Path script = TARGET.resolve("aws-bootstrap_completion");
        assertThat(script).isRegularFile();
        assertThat(Files.readString(script, StandardCharsets.UTF_8))
                .contains("--dry-run", "--answers", "--non-interactive", "--output", "status");

        String completions =
                run(
                        "bash",
                        "-c",
                        "source \"$0\" && complete -p aws-bootstrap"
                                + " && COMP_WORDS=(aws-bootstrap --dry) && COMP_CWORD=1"
                                + " && _complete_aws-bootstrap"
                                + " && printf '%s\\n' \"${COMPREPLY[@]}\""
                                + " && COMP_WORDS=(aws-bootstrap sta) && _complete_aws-bootstrap"
                                + " && printf '%s\\n' \"${COMPREPLY[@]}\"",
                        script.toString());

        assertThat(completions.lines().toList())
                .as("what bash offers after sourcing the script")
                .contains("--dry-run", "status")
                .anyMatch(line -> line.startsWith("complete ") && line.endsWith("aws-bootstrap"));
    }

    @Test
    void manPagesDescribeTheWizardAndStatusAndRender() throws Exception {
        Path wizard = TARGET.resolve("man").resolve("aws-bootstrap.1");
        Path status = TARGET.resolve("man").resolve("aws-bootstrap-status.1");
        String buildDate = System.getProperty("build.outputTimestamp").substring(0, 10);
        assertThat(Files.readString(wizard, StandardCharsets.UTF_8))
                .startsWith("'\\\" t")
                .contains(".TH \"AWS\\-BOOTSTRAP\" \"1\" \"" + buildDate + "\"")
                .contains("dry\\-run", "answers", "status");
        assertThat(Files.readString(status, StandardCharsets.UTF_8))
                .contains(".TH \"AWS\\-BOOTSTRAP\\-STATUS\" \"1\" \"" + buildDate + "\"")
                .contains("output", "state");

        String rendered = render(wizard);

        assertThat(rendered)
                .contains("NAME", "SYNOPSIS", "--dry-run", "--answers=FILE", "EXIT CODES")
                .contains("waiting for the operator");
        assertThat(render(status)).contains("aws-bootstrap status", "--output=FORMAT");
    }

    /** The page as man shows it, through man -l or else groff; fails if neither is installed. */
    private static String render(Path page) throws Exception {
        if (onPath("man")) {
            return run("man", "-l", "-P", "cat", page.toString());
        }
        return run("groff", "-man", "-Tutf8", page.toString());
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(":"))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        builder.environment().put("MANWIDTH", "100");
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s ends", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s: %s", List.of(command), output).isZero();
        // man and groff turn hyphens into U+2010 in some locales; compare with plain ones.
        return output.replace('\u2010', '-').replace('\u2212', '-');
    }
}
