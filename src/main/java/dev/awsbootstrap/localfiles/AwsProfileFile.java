package dev.awsbootstrap.localfiles;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.localfiles.ProfileSections.Property;
import dev.awsbootstrap.localfiles.ProfileSections.Section;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The AWS shared config or credentials file, held line by line so that an edit changes only the
 * lines it must: comments, blank lines, the order of sections and keys, other profiles and the line
 * breaks of the file stay byte for byte as they were.
 *
 * <p>Sections are named as between their brackets: {@code default}, {@code profile admin}, {@code
 * sso-session corp}; blanks inside the brackets do not matter to a lookup, so {@code [ profile
 * admin ]} is found as {@code profile admin}. Keys are compared exactly, as the SDK does.
 *
 * <p>A key given twice in a section, or a section given twice, is read the way the AWS SDK for Java
 * reads it: the later one wins (the SDK logs a warning). The AWS CLI, through botocore and Python's
 * strict configparser, refuses such a file instead. So {@link #set} changes the last occurrence,
 * the one in effect, and {@link #remove} removes them all.
 *
 * <p>Values, which in a credentials file are secrets, never appear in a message or in {@link
 * #toString()}.
 */
public final class AwsProfileFile {
    private final Path file;
    private final Clock clock;
    private final List<TextLine> lines;
    private final String ending;
    private List<Section> sections;
    private byte[] onDisk;
    private String savedText;

    private AwsProfileFile(Path file, Clock clock, byte[] onDisk) {
        this.file = file;
        this.clock = clock;
        this.onDisk = onDisk;
        this.lines = new ArrayList<>(TextLine.split(onDisk == null ? new byte[0] : onDisk, file));
        this.ending = TextLine.usualEnding(lines);
        this.sections = ProfileSections.parse(lines, file);
        this.savedText = TextLine.join(lines);
    }

    /** Reads the file, timing backups by the system clock. */
    public static AwsProfileFile read(Path file) {
        return read(file, Clock.systemUTC());
    }

    /**
     * Reads the file; a missing file reads as an empty one.
     *
     * @param clock names the backups that {@link #save} writes
     * @throws BootstrapException exit 2 when a line is not valid, naming the file and the line;
     *     exit 1 when the file cannot be read
     */
    public static AwsProfileFile read(Path file, Clock clock) {
        return new AwsProfileFile(file, clock, readIfPresent(file));
    }

    public Path file() {
        return file;
    }

    /** The names of the sections, in file order, each once. */
    public List<String> sectionNames() {
        Set<String> names = new LinkedHashSet<>();
        sections.forEach(section -> names.add(section.name()));
        return List.copyOf(names);
    }

    /**
     * The keys and values of a section, in file order, or empty when there is no such section.
     * Values are trimmed and end before an inline comment; a value continued on indented lines
     * reads as its lines joined by {@code \n}, as in the SDK.
     */
    public Optional<Map<String, String>> section(String name) {
        List<Section> found = sectionsNamed(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Section section : found) {
            for (Property property : section.properties()) {
                values.put(property.key(), property.value());
            }
        }
        return Optional.of(Collections.unmodifiableMap(values));
    }

    /**
     * Gives a key a value. An existing key line is rewritten in place as {@code key = value},
     * keeping an inline comment; a new key goes after the last key of the section, so comments and
     * blank lines before the next section stay where they are; a new section goes at the end of the
     * file, after one blank line.
     *
     * @return whether the text changed: setting the value a key already has changes nothing
     * @throws IllegalArgumentException when the name, the key or the value cannot be written as one
     *     line the SDK reads back the same
     */
    public boolean set(String section, String key, String value) {
        String name = checkedSectionName(section);
        checkKey(key);
        checkValue(key, value);
        List<Section> found = sectionsNamed(name);
        if (found.isEmpty()) {
            appendSection(name, key, value);
            return true;
        }
        Optional<Property> existing = lastProperty(found, key);
        if (existing.isEmpty()) {
            insert(found.get(found.size() - 1).lastKeyLine() + 1, List.of(key + " = " + value));
            return true;
        }
        Property property = existing.get();
        if (property.value().equals(value) && property.lines().size() == 1) {
            return false;
        }
        String comment = property.comment().isEmpty() ? "" : " " + property.comment();
        int at = property.firstLine();
        lines.set(
                at, new TextLine(property.key() + " = " + value + comment, lines.get(at).ending()));
        deleteLines(property.lines().subList(1, property.lines().size()));
        return true;
    }

    /**
     * Removes a key, with its indented continuation lines, wherever it appears in the section.
     *
     * @return whether the key was there
     */
    public boolean remove(String section, String key) {
        List<Integer> doomed = new ArrayList<>();
        for (Section found : sectionsNamed(section)) {
            for (Property property : found.properties()) {
                if (property.key().equals(key)) {
                    doomed.addAll(property.lines());
                }
            }
        }
        deleteLines(doomed);
        return !doomed.isEmpty();
    }

    /**
     * Removes a section: its header, its keys and whatever lies between them, and the blank lines
     * that separated it from the next section. Comments after its last key are kept, since they may
     * well describe the section that follows.
     *
     * @return whether the section was there
     */
    public boolean removeSection(String name) {
        List<Section> found = sectionsNamed(name);
        List<Integer> doomed = new ArrayList<>();
        for (Section section : found) {
            int last = section.lastKeyLine();
            for (int index = section.header(); index <= last; index++) {
                doomed.add(index);
            }
            doomed.addAll(blankLinesAround(section.header(), last));
        }
        deleteLines(doomed);
        return !found.isEmpty();
    }

    /** The whole text as it would be saved. */
    public String text() {
        return TextLine.join(lines);
    }

    /** Whether the text differs from the file as read or last saved. */
    public boolean changed() {
        return !text().equals(savedText);
    }

    /**
     * Writes the text when it changed, keeping a copy of the old file first.
     *
     * <p>The copy goes beside the file, named {@code <name>.bak-<yyyyMMdd-HHmmss>} in UTC, with
     * {@code -1}, {@code -2}... added when that name is taken; it gets the same permissions as the
     * new file, since it holds the same kind of secrets. Both are written atomically. When the file
     * is a symbolic link, the new text goes to the file the link points to and the link stays a
     * link, so a config kept in a dotfiles repository is edited where it lives; the copy still goes
     * beside the link, out of that repository. A missing directory is created for the owner only.
     *
     * @return the copy of the old file, or empty when there was no old file or nothing changed
     * @throws BootstrapException exit 1 when a write fails, or when another program changed the
     *     file since it was read: then nothing is written
     */
    public Optional<Path> save(Set<PosixFilePermission> permissions) {
        if (!changed()) {
            return Optional.empty();
        }
        byte[] content = text().getBytes(StandardCharsets.UTF_8);
        try {
            Path target = SymbolicLinks.follow(file);
            if (!Arrays.equals(readIfPresent(target), onDisk)) {
                throw new BootstrapException(
                        ExitCode.FAILED,
                        file
                                + " was changed by another program while aws-bootstrap was editing"
                                + " it, and was left as it is: run again.");
            }
            Optional<Path> backup = Optional.empty();
            if (onDisk != null) {
                backup = Optional.of(Backups.freshName(file, clock));
                AtomicFiles.write(backup.get(), onDisk, permissions);
            }
            AtomicFiles.write(target, content, permissions);
            onDisk = content;
            savedText = text();
            return backup;
        } catch (IOException e) {
            throw new BootstrapException(
                    ExitCode.FAILED,
                    "Cannot write "
                            + file
                            + " ("
                            + e.getMessage()
                            + "): check the permissions of the file and its directory, then run"
                            + " again.",
                    e);
        }
    }

    /** Names the file only: its values may be secrets. */
    @Override
    public String toString() {
        return "AwsProfileFile[" + file + "]";
    }

    private static byte[] readIfPresent(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new BootstrapException(
                    ExitCode.FAILED,
                    "Cannot read "
                            + file
                            + " ("
                            + e.getMessage()
                            + "): check that it is a file you may read, then run again.",
                    e);
        }
    }

    private List<Section> sectionsNamed(String name) {
        String wanted = ProfileSections.normalise(name);
        return sections.stream().filter(section -> section.name().equals(wanted)).toList();
    }

    private static Optional<Property> lastProperty(List<Section> found, String key) {
        Property last = null;
        for (Section section : found) {
            for (Property property : section.properties()) {
                if (property.key().equals(key)) {
                    last = property;
                }
            }
        }
        return Optional.ofNullable(last);
    }

    private void appendSection(String name, String key, String value) {
        List<String> added = new ArrayList<>();
        if (!lines.isEmpty() && !lines.get(lines.size() - 1).text().isBlank()) {
            added.add("");
        }
        added.add("[" + name + "]");
        added.add(key + " = " + value);
        insert(lines.size(), added);
    }

    /** Inserts whole lines, ending the line before them if it was a last line without a break. */
    private void insert(int at, List<String> texts) {
        if (at > 0 && lines.get(at - 1).ending().isEmpty()) {
            lines.set(at - 1, lines.get(at - 1).withEnding(ending));
        }
        List<TextLine> added = texts.stream().map(text -> new TextLine(text, ending)).toList();
        lines.addAll(at, added);
        sections = ProfileSections.parse(lines, file);
    }

    /** Deletes lines, then finds the sections again, as after every edit. */
    private void deleteLines(List<Integer> indexes) {
        for (int index : new TreeSet<>(indexes).descendingSet()) {
            lines.remove(index);
        }
        sections = ProfileSections.parse(lines, file);
    }

    /**
     * The blank lines after a removed section; or, when nothing but blank lines follows it, the
     * blank lines before it, which only separated it from what came before.
     */
    private List<Integer> blankLinesAround(int first, int last) {
        List<Integer> blank = new ArrayList<>();
        int after = last + 1;
        while (after < lines.size() && lines.get(after).text().isBlank()) {
            blank.add(after++);
        }
        if (after < lines.size()) {
            return blank;
        }
        for (int before = first - 1; before >= 0 && lines.get(before).text().isBlank(); before--) {
            blank.add(before);
        }
        return blank;
    }

    private static String checkedSectionName(String section) {
        String name = ProfileSections.normalise(section);
        if (name.isEmpty() || !name.matches("[^\\[\\]#;\\r\\n]+")) {
            throw new IllegalArgumentException(
                    "A section name is not empty and has no [, ], #, ; or line break.");
        }
        return name;
    }

    private static void checkKey(String key) {
        if (!key.matches("[^\\s\\[#;=][^=\\r\\n]*") || !key.equals(key.strip())) {
            throw new IllegalArgumentException(
                    "The key \""
                            + key.replaceAll("[\\r\\n]", " ")
                            + "\" is not valid: a key has no =, no line break, and does not start"
                            + " with [, #, ; or a blank.");
        }
    }

    private static void checkValue(String key, String value) {
        boolean oneLine = value.indexOf('\n') < 0 && value.indexOf('\r') < 0;
        boolean readsBack =
                value.equals(value.strip())
                        && !value.matches(".*[ \\t][#;].*")
                        && !value.startsWith("#")
                        && !value.startsWith(";");
        if (!oneLine || !readsBack) {
            throw new IllegalArgumentException(
                    "The value of "
                            + key
                            + " (not shown) cannot be written: it must be one line, without"
                            + " blanks around it or a blank before # or ;.");
        }
    }
}
