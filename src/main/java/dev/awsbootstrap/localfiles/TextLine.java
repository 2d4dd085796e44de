package dev.awsbootstrap.localfiles;

import dev.awsbootstrap.BootstrapException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a text file and the line break that ended it, kept apart so that a file written back
 * has the very line breaks it was read with: {@code "\n"}, {@code "\r\n"}, {@code "\r"}, or nothing
 * on a last line without one.
 */
record TextLine(String text, String ending) {

    TextLine withEnding(String newEnding) {
        return new TextLine(text, newEnding);
    }

    /**
     * Splits UTF-8 bytes into lines where Java's own line readers would, which is where the AWS SDK
     * numbers them too.
     *
     * @throws BootstrapException (exit 2) naming the first line that is not UTF-8
     */
    static List<TextLine> split(byte[] content, Path file) {
        List<TextLine> lines = new ArrayList<>();
        int start = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n' && content[end] != '\r') {
                end++;
            }
            int next = Math.min(end + 1, content.length);
            if (end < content.length
                    && content[end] == '\r'
                    && next < content.length
                    && content[next] == '\n') {
                next++;
            }
            String ending = new String(content, end, next - end, StandardCharsets.US_ASCII);
            lines.add(new TextLine(decode(content, start, end, file, lines.size() + 1), ending));
            start = next;
        }
        return lines;
    }

    /** The first line break of the file, or {@code "\n"} when it has none yet. */
    static String usualEnding(List<TextLine> lines) {
        return lines.stream()
                .map(TextLine::ending)
                .filter(ending -> !ending.isEmpty())
                .findFirst()
                .orElse("\n");
    }

    static String join(List<TextLine> lines) {
        StringBuilder text = new StringBuilder();
        for (TextLine line : lines) {
            text.append(line.text()).append(line.ending());
        }
        return text.toString();
    }

    private static String decode(byte[] content, int start, int end, Path file, int number) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, start, end - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ProfileSections.notValid(file, number, "it is not UTF-8 text");
        }
    }
}
