package dev.awsbootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of the design hold: the command line on top, then the steps, the engine, and the
 * edges, which know nothing of what stands above them. Checked on the sources' imports.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/awsbootstrap");

    /** For each package, the project packages it may import (besides its own and the root). */
    private static final Map<String, Set<String>> ALLOWED =
            Map.of(
                    "wizard", Set.of("state", "aws", "console"),
                    "status", Set.of("state", "aws", "localfiles"),
                    "aws", Set.of(),
                    "console", Set.of(),
                    "state", Set.of("localfiles"),
                    "answers", Set.of(),
                    "localfiles", Set.of());

    @Test
    void eachLayerImportsOnlyWhatStandsBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> layer : ALLOWED.entrySet()) {
            for (Path source : sources(SOURCES.resolve(layer.getKey()))) {
                for (String imported : projectImports(source)) {
                    if (!imported.equals(layer.getKey()) && !layer.getValue().contains(imported)) {
                        violations.add(SOURCES.relativize(source) + " imports " + imported);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void stepsNeverReachUpIntoTheCommandLine() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path source : sources(SOURCES.resolve("steps"))) {
            if (projectImports(source).contains("cli")) {
                violations.add(SOURCES.relativize(source).toString());
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<Path> sources(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    /** The first package name under dev.awsbootstrap of each project import, such as "state". */
    private static Set<String> projectImports(Path source) throws IOException {
        return Set.copyOf(
                Files.readAllLines(source).stream()
                        .filter(line -> line.startsWith("import dev.awsbootstrap."))
                        .map(line -> line.substring("import dev.awsbootstrap.".length()))
                        .filter(rest -> rest.indexOf('.') > 0)
                        .map(rest -> rest.substring(0, rest.indexOf('.')))
                        .toList());
    }
}
