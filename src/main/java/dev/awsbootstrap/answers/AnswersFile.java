package dev.awsbootstrap.answers;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.awsbootstrap.BootstrapException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads an answers file, YAML or JSON (JSON is YAML too), and reports every unknown key, every
 * value of the wrong type and every value that breaks a rule at once, each on one line naming the
 * key.
 */
public final class AnswersFile {
    private AnswersFile() {}

    /**
     * Reads and checks the answers.
     *
     * @param knownRegion whether a region code names a real AWS region
     * @param environment the process environment, to check that a password variable is set
     * @throws BootstrapException (exit 2) listing every problem, one per line
     */
    public static Answers read(
            Path file, Predicate<String> knownRegion, Function<String, String> environment) {
        Parsed parsed = parse(file.toString(), content(file));
        List<String> problems = new ArrayList<>(parsed.problems());
        problems.addAll(AnswersValidator.problems(parsed.answers(), knownRegion, environment));
        if (!problems.isEmpty()) {
            throw BootstrapException.badInput(
                    String.join("\n", problems.stream().map(p -> file + ": " + p).toList()));
        }
        return parsed.answers();
    }

    private static byte[] content(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw BootstrapException.badInput(
                    "The answers file "
                            + file
                            + " does not exist: check the path given to"
                            + " --answers.");
        } catch (IOException e) {
            throw BootstrapException.badInput(
                    "Cannot read the answers file " + file + " (" + e.getMessage() + ").");
        }
    }

    /**
     * The answers a file holds, a value of the wrong type left out, and the problems found; a
     * syntax error, after which nothing can be read, is thrown at once.
     */
    record Parsed(Answers answers, List<String> problems) {}

    static Parsed parse(String name, byte[] content) {
        List<String> problems = new ArrayList<>();
        ObjectMapper mapper =
                YAMLMapper.builder()
                        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .addHandler(new ProblemCollector(problems))
                        .build();
        Answers answers;
        try {
            answers = mapper.readValue(content, Answers.class);
        } catch (MismatchedInputException e) {
            if (e.getOriginalMessage().startsWith("No content to map")) {
                return new Parsed(Answers.none(), List.of());
            }
            throw syntax(name, e);
        } catch (JsonProcessingException e) {
            throw syntax(name, e);
        } catch (IOException e) {
            throw BootstrapException.badInput(name + ": " + e.getMessage());
        }
        return new Parsed(answers == null ? Answers.none() : answers, List.copyOf(problems));
    }

    private static BootstrapException syntax(String name, JsonProcessingException e) {
        // SnakeYAML knows where the problem is and what it is; Jackson's own message names only
        // what the parser was doing, such as "while scanning for the next token".
        MarkedYAMLException yaml = yamlCause(e);
        if (yaml != null && yaml.getProblemMark() != null && yaml.getProblem() != null) {
            return BootstrapException.badInput(
                    name
                            + ": line "
                            + (yaml.getProblemMark().getLine() + 1)
                            + ": "
                            + firstLine(yaml.getProblem())
                            + ": fix the file's syntax (YAML or JSON).");
        }
        return BootstrapException.badInput(
                name
                        + ": "
                        + where(e.getLocation())
                        + firstLine(e.getOriginalMessage())
                        + ": fix the file's syntax (YAML or JSON).");
    }

    /** SnakeYAML's own exception, which a problem handler's failure wraps once more. */
    private static MarkedYAMLException yamlCause(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof MarkedYAMLException yaml) {
                return yaml;
            }
        }
        return null;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "line " + location.getLineNr() + ": ";
    }

    private static String firstLine(String text) {
        return text == null ? "not valid" : text.lines().findFirst().orElse("not valid");
    }

    /** The dotted key of the value the parser is at, such as {@code budget.thresholds[1]}. */
    static String keyOf(JsonParser parser) {
        return keyOf(parser.getParsingContext());
    }

    private static String keyOf(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.add(0, c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                parts.add(0, "[" + c.getCurrentIndex() + "]");
            }
        }
        return String.join(".", parts).replace(".[", "[");
    }

    /** Notes each problem and carries on, so that the operator sees all of them at once. */
    private static final class ProblemCollector extends DeserializationProblemHandler {
        private final List<String> problems;

        ProblemCollector(List<String> problems) {
            this.problems = problems;
        }

        @Override
        public boolean handleUnknownProperty(
                DeserializationContext context,
                JsonParser parser,
                JsonDeserializer<?> deserializer,
                Object beanOrClass,
                String propertyName)
                throws IOException {
            problems.add(
                    "unknown key \""
                            + keyOf(parser)
                            + "\": check its spelling against the"
                            + " answers-file reference in the README.");
            parser.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(
                DeserializationContext context,
                Class<?> targetType,
                String value,
                String failureMessage) {
            problems.add(wrongType(keyOf(context.getParser()), "\"" + value + "\"", targetType));
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(
                DeserializationContext context,
                Class<?> targetType,
                Number value,
                String failureMessage) {
            problems.add(wrongType(keyOf(context.getParser()), value.toString(), targetType));
            return null;
        }

        @Override
        public Object handleUnexpectedToken(
                DeserializationContext context,
                JavaType targetType,
                JsonToken token,
                JsonParser parser,
                String failureMessage)
                throws IOException {
            String found =
                    token == JsonToken.START_ARRAY
                            ? "a list"
                            : token == JsonToken.START_OBJECT
                                    ? "a map"
                                    : "\"" + parser.getText() + "\"";
            // At the start of a list or map the parser already stands inside it: name its parent.
            JsonStreamContext at =
                    token.isStructStart()
                            ? parser.getParsingContext().getParent()
                            : parser.getParsingContext();
            problems.add(wrongType(keyOf(at), found, targetType.getRawClass()));
            parser.skipChildren();
            return null;
        }

        private static String wrongType(String key, String found, Class<?> target) {
            return key + ": " + found + " is not " + describe(target) + ".";
        }

        private static String describe(Class<?> type) {
            if (Number.class.isAssignableFrom(type)) {
                return "a number";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "true or false";
            }
            if (type == String.class) {
                return "a single value";
            }
            if (List.class.isAssignableFrom(type)) {
                return "a list";
            }
            return "a map of keys";
        }
    }
}
