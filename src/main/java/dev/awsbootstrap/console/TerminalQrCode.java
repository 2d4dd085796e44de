package dev.awsbootstrap.console;

import io.nayuki.qrcodegen.DataTooLongException;
import io.nayuki.qrcodegen.QrCode;
import io.nayuki.qrcodegen.QrSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A QR code drawn as lines of text for a phone camera to read off the screen, two module rows to a
 * line with the half blocks {@code █ ▀ ▄} and space.
 *
 * <p>A terminal shows a character's ink in its foreground colour and the rest of the cell in its
 * background colour. On the usual dark terminal with light text, the light modules must be the ink,
 * so the drawing is the negative of a printed code, and what the camera sees is the right way
 * round: dark modules inside a light quiet zone. On a light terminal with dark text the dark
 * modules are the ink instead; {@link #lines(String, boolean)} draws either.
 *
 * <p>The text is only encoded, never logged or kept; it may be a secret, such as the seed inside an
 * MFA device's {@code otpauth://} URI.
 */
public final class TerminalQrCode {
    /**
     * Modules of light margin on each side. The standard asks for 4; 2 saves 4 columns and 2 lines,
     * which a 24-line terminal feels, and still reads with the dark screen right beyond it.
     */
    static final int QUIET_ZONE = 2;

    /** The largest version whose drawing, quiet zone included, stays within 80 columns. */
    static final int MAX_VERSION = 14;

    private static final char BOTH_INK = '█';
    private static final char UPPER_INK = '▀';
    private static final char LOWER_INK = '▄';
    private static final char NO_INK = ' ';

    private TerminalQrCode() {}

    /**
     * Draws {@code text} for a dark terminal showing light text, the usual case.
     *
     * @see #lines(String, boolean)
     */
    public static List<String> lines(String text) {
        return lines(text, true);
    }

    /**
     * Draws {@code text} as lines of equal width, quiet zone included, to be printed as they are,
     * one under the other, without trimming.
     *
     * <p>The error correction is the lowest level that keeps the code smallest, raised where that
     * costs no size: a screen does not smudge or tear, and every module saved is a column and half
     * a line. An {@code otpauth://} URI of IAM's shape (about 160 characters) draws 53 columns by
     * 27 lines.
     *
     * @param lightInkOnDark true for a terminal with a dark background and light text, where the
     *     ink draws the light modules; false for a light background and dark text, where it draws
     *     the dark ones
     * @throws DataTooLongException if the code for {@code text} would be wider than 80 columns
     */
    public static List<String> lines(String text, boolean lightInkOnDark) {
        Objects.requireNonNull(text, "text");
        QrCode code =
                QrCode.encodeSegments(
                        QrSegment.makeSegments(text), QrCode.Ecc.LOW, 1, MAX_VERSION, -1, true);

        int first = -QUIET_ZONE;
        int end = code.size + QUIET_ZONE;
        List<String> lines = new ArrayList<>();
        for (int y = first; y < end; y += 2) {
            StringBuilder line = new StringBuilder(end - first);
            for (int x = first; x < end; x++) {
                boolean upper = inked(code, x, y, lightInkOnDark);
                boolean lower = inked(code, x, y + 1, lightInkOnDark);
                line.append(cell(upper, lower));
            }
            lines.add(line.toString());
        }
        return List.copyOf(lines);
    }

    /**
     * Whether the module at (x, y) takes ink. Outside the symbol every module is light, which makes
     * the quiet zone, and, where the height is odd, lends the last line's lower half to it too.
     */
    private static boolean inked(QrCode code, int x, int y, boolean lightInkOnDark) {
        boolean dark = code.getModule(x, y);
        return dark != lightInkOnDark;
    }

    private static char cell(boolean upper, boolean lower) {
        if (upper && lower) {
            return BOTH_INK;
        }
        if (upper) {
            return UPPER_INK;
        }
        return lower ? LOWER_INK : NO_INK;
    }
}
