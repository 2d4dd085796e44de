package dev.awsbootstrap.localfiles;

import dev.awsbootstrap.BootstrapException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the sections and keys among the lines of an AWS config or credentials file, accepting and
 * refusing what the AWS SDK for Java accepts and refuses, so that the wizard never rewrites a file
 * the SDK would not have read.
 *
 * <p>As in the SDK: comments start with {@code #} or {@code ;} in the first column; a line that
 * starts with a space or a tab continues the value of the key above it, across blank lines and
 * comments; after a key with an empty value, those indented lines must themselves be {@code key =
 * value} (sub-properties such as those of {@code s3}); a value ends at a {@code #} or {@code ;}
 * that follows a space or a tab.
 */
final class ProfileSections {
    private ProfileSections() {}

    /** A {@code key = value} line and the indented lines that continue it. */
    record Property(String key, String value, String comment, List<Integer> lines) {
        int firstLine() {
            return lines.get(0);
        }

        int lastLine() {
            return lines.get(lines.size() - 1);
        }
    }

    /**
     * A {@code [section]} header and the lines up to the next one.
     *
     * @param name the name between the brackets, trimmed, with each run of blanks made one space
     * @param header the index of the header line
     * @param end the index of the next header, or the number of lines
     */
    record Section(String name, int header, int end, List<Property> properties) {
        /** The last line of the last key, or the header when there is no key. */
        int lastKeyLine() {
            return properties.isEmpty() ? header : properties.get(properties.size() - 1).lastLine();
        }
    }

    /**
     * Parses the lines into sections, in file order.
     *
     * @throws BootstrapException (exit 2) naming the file and the first line that is not valid,
     *     never its content, which may be a secret
     */
    static List<Section> parse(List<TextLine> lines, Path file) {
        List<Section> sections = new ArrayList<>();
        String name = null;
        int header = -1;
        List<Property> properties = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            String text = lines.get(index).text();
            int number = index + 1;
            if (index == 0 && text.startsWith("\uFEFF")) {
                throw notValid(file, number, "the file starts with a byte order mark");
            }
            if (isBlank(text) || text.startsWith("#") || text.startsWith(";")) {
                continue;
            }
            if (text.startsWith("[")) {
                if (name != null) {
                    sections.add(new Section(name, header, index, List.copyOf(properties)));
                }
                name = headerName(text, file, number);
                header = index;
                properties.clear();
            } else if (text.startsWith(" ") || text.startsWith("\t")) {
                continueProperty(properties, index, text, file);
            } else if (name == null) {
                throw notValid(file, number, "a key = value line comes before any [section]");
            } else {
                properties.add(property(text, index, file));
            }
        }
        if (name != null) {
            sections.add(new Section(name, header, lines.size(), List.copyOf(properties)));
        }
        return sections;
    }

    /** The section name used for lookups: trimmed, each run of blanks made one space. */
    static String normalise(String name) {
        return name.strip().replaceAll("[ \t]+", " ");
    }

    static BootstrapException notValid(Path file, int number, String what) {
        return BootstrapException.badInput(
                file
                        + " line "
                        + number
                        + " is not valid: "
                        + what
                        + "; fix or move the file, then run again.");
    }

    private static boolean isBlank(String text) {
        return text.chars().allMatch(c -> c == ' ' || c == '\t');
    }

    private static String headerName(String text, Path file, int number) {
        String header = withoutComment(text, "#", ";").strip();
        if (!header.endsWith("]")) {
            String what =
                    header.contains("]")
                            ? "the [section] header has more after its closing ]"
                            : "the [section] header has no closing ]";
            throw notValid(file, number, what);
        }
        return normalise(header.substring(1, header.length() - 1));
    }

    private static Property property(String text, int index, Path file) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw notValid(
                    file, index + 1, "the line is not a [section], a comment or key = value");
        }
        String key = text.substring(0, equals).strip();
        if (key.isEmpty()) {
            throw notValid(file, index + 1, "the key = value line has no key");
        }
        String rest = text.substring(equals + 1);
        String value = withoutComment(rest, " #", " ;", "\t#", "\t;");
        String comment = rest.substring(value.length()).strip();
        return new Property(key, value.strip(), comment, List.of(index));
    }

    private static void continueProperty(
            List<Property> properties, int index, String text, Path file) {
        if (properties.isEmpty()) {
            throw notValid(file, index + 1, "an indented line follows no key = value line");
        }
        Property above = properties.remove(properties.size() - 1);
        String line = text.strip();
        if (hasSubProperties(above)) {
            int equals = line.indexOf('=');
            if (equals <= 0 || line.substring(0, equals).isBlank()) {
                throw notValid(
                        file, index + 1, "an indented line under an empty key is not key = value");
            }
        }
        List<Integer> lines = new ArrayList<>(above.lines());
        lines.add(index);
        properties.add(
                new Property(
                        above.key(),
                        above.value() + "\n" + line,
                        above.comment(),
                        List.copyOf(lines)));
    }

    /** Whether the key's own line has no value, so that the indented lines are its keys. */
    private static boolean hasSubProperties(Property property) {
        return property.value().isEmpty() || property.value().startsWith("\n");
    }

    private static String withoutComment(String text, String... markers) {
        int end = text.length();
        for (String marker : markers) {
            int at = text.indexOf(marker);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return text.substring(0, end);
    }
}
