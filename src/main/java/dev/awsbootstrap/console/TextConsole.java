package dev.awsbootstrap.console;

import dev.awsbootstrap.BootstrapException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The console of aws-bootstrap: plain lines, optionally styled, questions from a {@link
 * LineSource}.
 */
public final class TextConsole implements Console {
    private final PrintStream out;
    private final PrintStream err;
    private final LineSource input;
    private final Style style;
    private final boolean quiet;

    public TextConsole(
            PrintStream out, PrintStream err, LineSource input, Style style, boolean quiet) {
        this.out = out;
        this.err = err;
        this.input = input;
        this.style = style;
        this.quiet = quiet;
    }

    @Override
    public void header(String text) {
        if (!quiet) {
            err.println();
            err.println(style.bold(text));
        }
    }

    @Override
    public void info(String text) {
        if (!quiet) {
            err.println("  " + text);
        }
    }

    @Override
    public void success(String text) {
        if (!quiet) {
            err.println("  " + style.green("✓ " + text));
        }
    }

    @Override
    public void warn(String text) {
        err.println("  " + style.yellow("! " + text));
    }

    @Override
    public void error(String text) {
        for (String line : text.split("\n")) {
            err.println(style.red("Error: ") + line);
        }
    }

    @Override
    public void trace(Throwable failure) {
        failure.printStackTrace(err);
    }

    @Override
    public void result(String text) {
        out.println(text);
    }

    @Override
    public boolean canAsk() {
        return input.canRead();
    }

    @Override
    public boolean canAskSecret() {
        return input.canReadSecret();
    }

    @Override
    public String ask(
            String question, String defaultValue, Function<String, Optional<String>> rule) {
        String prompt =
                "  "
                        + style.bold(question)
                        + (defaultValue == null ? "" : " [" + defaultValue + "]")
                        + ": ";
        while (true) {
            String line = read(prompt, question).strip();
            String answer = line.isEmpty() && defaultValue != null ? defaultValue : line;
            Optional<String> broken =
                    answer.isEmpty() ? Optional.of("an answer is needed") : rule.apply(answer);
            if (broken.isEmpty()) {
                return answer;
            }
            err.println(
                    "  " + style.yellow("! \"" + answer + "\": " + broken.get() + ". Try again."));
        }
    }

    @Override
    public String choose(
            String question,
            List<Choice> choices,
            String defaultKey,
            Function<String, Optional<String>> other) {
        err.println("  " + style.bold(question));
        int width = choices.stream().mapToInt(choice -> choice.key().length()).max().orElse(0);
        for (Choice choice : choices) {
            String mark = choice.key().equals(defaultKey) ? "*" : " ";
            String key = String.format(Locale.ROOT, "%-" + width + "s", choice.key());
            err.println("   " + mark + " " + key + style.dim("  " + choice.description()));
        }
        List<String> keys = choices.stream().map(Choice::key).toList();
        return ask(
                "Your choice",
                defaultKey,
                answer -> {
                    if (keys.contains(answer)) {
                        return Optional.empty();
                    }
                    return other == null
                            ? Optional.of("type one of " + String.join(", ", keys))
                            : other.apply(answer);
                });
    }

    @Override
    public boolean confirm(String question, boolean defaultAnswer) {
        String answer = ask(question + " (y/n)", defaultAnswer ? "y" : "n", TextConsole::yesOrNo);
        return answer.toLowerCase(Locale.ROOT).startsWith("y");
    }

    /** Questions are also worded to follow "Cannot ask for the": the prompt starts a sentence. */
    private static String capitalised(String question) {
        return question.isEmpty()
                ? question
                : Character.toUpperCase(question.charAt(0)) + question.substring(1);
    }

    private static Optional<String> yesOrNo(String answer) {
        return List.of("y", "yes", "n", "no").contains(answer.toLowerCase(Locale.ROOT))
                ? Optional.empty()
                : Optional.of("answer y or n");
    }

    @Override
    public String askSecret(String question) {
        String line = input.readSecret("  " + style.bold(capitalised(question)) + ": ");
        if (line == null) {
            throw new OperatorInterrupted();
        }
        return line;
    }

    @Override
    public void showSecret(List<String> lines) {
        if (!input.canReadSecret()) {
            throw new IllegalStateException("Secrets are only shown at a terminal.");
        }
        lines.forEach(line -> err.println("  " + line));
        err.flush();
    }

    /**
     * Reads one answer. A terminal reports Ctrl-C and Ctrl-D itself; the end of piped input means
     * an answer is missing from the script, which is bad input rather than an interruption.
     */
    private String read(String prompt, String question) {
        String line = input.readLine(prompt);
        if (line == null) {
            throw BootstrapException.badInput(
                    "The input ended before the question \""
                            + question
                            + "\" was answered: give"
                            + " the answers in a file with --answers, or run in a terminal.");
        }
        return line;
    }
}
