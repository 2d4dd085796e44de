package dev.awsbootstrap.cli;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the bash/zsh completion script and the AsciiDoc sources of the man pages from the picocli
 * model of the commands. The build runs it in the package phase; it lives with the tests so that
 * picocli-codegen never reaches the jar.
 *
 * <p>Arguments: the completion script to write, the directory for the AsciiDoc pages, and the
 * build's {@code project.build.outputTimestamp}, whose date becomes the pages' date so that two
 * builds of one commit write the same pages.
 */
public final class CommandDocs {
    private CommandDocs() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "usage: CommandDocs COMPLETION_FILE ADOC_DIRECTORY OUTPUT_TIMESTAMP");
        }
        CommandLine commandLine = commandLine();
        Path completion = Path.of(args[0]);
        Files.createDirectories(completion.toAbsolutePath().getParent());
        Files.writeString(
                completion,
                AutoComplete.bash("aws-bootstrap", commandLine),
                StandardCharsets.UTF_8);

        File pages = new File(args[1]);
        Files.createDirectories(pages.toPath());
        int code =
                ManPageGenerator.generateManPage(
                        pages, null, new boolean[0], true, commandLine.getCommandSpec());
        if (code != 0) {
            throw new IOException("the man page generator ended with " + code);
        }
        String date = Instant.parse(args[2]).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        try (Stream<Path> adoc = Files.list(pages.toPath())) {
            for (Path page : adoc.filter(p -> p.toString().endsWith(".adoc")).toList()) {
                dated(page, date);
            }
        }
    }

    /** Gives {@code page} a fixed date instead of the day it happens to be built. */
    private static void dated(Path page, String date) throws IOException {
        String text = Files.readString(page, StandardCharsets.UTF_8);
        String header = ":doctype: manpage\n";
        if (!text.contains(header)) {
            throw new IOException(page + " has no man page header");
        }
        Files.writeString(
                page,
                text.replace(header, header + ":docdate: " + date + "\n"),
                StandardCharsets.UTF_8);
    }

    /** The command line as Main builds it, with streams that lead nowhere. */
    static CommandLine commandLine() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        Main.Streams streams =
                new Main.Streams(new ByteArrayInputStream(new byte[0]), nowhere, nowhere, Map.of());
        return new CommandLine(new BootstrapCommand(streams));
    }
}
