package dev.awsbootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.nayuki.qrcodegen.DataTooLongException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalQrCodeTest {
    private static final String URI =
            "otpauth://totp/Amazon%20Web%20Services:jane.bloggs@acme-data"
                    + "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
                    + "&issuer=Amazon%20Web%20Services";

    /** Screen pixels to a module side, and modules of terminal background around the drawing. */
    private static final int SCALE = 4;

    private static final int SCREEN_MARGIN = 6;

    private static final int WHITE = 0xFFFFFF;
    private static final int BLACK = 0x000000;

    @Test
    void aPhoneReadsTheUriOffADarkTerminal() throws Exception {
        List<String> lines = TerminalQrCode.lines(URI);

        assertThat(readOffScreen(lines, true)).isEqualTo(URI);
    }

    @Test
    void aPhoneReadsTheUriOffALightTerminal() throws Exception {
        List<String> lines = TerminalQrCode.lines(URI, false);

        assertThat(readOffScreen(lines, false)).isEqualTo(URI);
    }

    @Test
    void fitsAnEightyColumnTerminal() {
        List<String> lines = TerminalQrCode.lines(URI);

        assertThat(lines.get(0)).hasSizeLessThanOrEqualTo(80);
        assertThat(lines).hasSizeLessThanOrEqualTo(40);
        assertThat(lines.get(0)).hasSize(53);
        assertThat(lines).hasSize(27);
    }

    @Test
    void drawsLinesOfEqualWidthInFourCharactersOnly() {
        for (boolean lightInkOnDark : new boolean[] {true, false}) {
            List<String> lines = TerminalQrCode.lines(URI, lightInkOnDark);

            assertThat(lines).allSatisfy(line -> assertThat(line).hasSameSizeAs(lines.get(0)));
            assertThat(lines).allSatisfy(line -> assertThat(line).matches("[█▀▄ ]+"));
        }
    }

    @Test
    void drawsTheQuietZoneLightOnBothTerminals() {
        String width = "x".repeat(TerminalQrCode.lines(URI).get(0).length());

        assertThat(TerminalQrCode.lines(URI).get(0)).isEqualTo(width.replace('x', '█'));
        assertThat(TerminalQrCode.lines(URI, false).get(0)).isEqualTo(width.replace('x', ' '));
    }

    @Test
    void drawsTheLightTerminalVariantAsTheNegativeOfTheDarkOne() {
        List<String> negative =
                TerminalQrCode.lines(URI).stream().map(TerminalQrCodeTest::negative).toList();

        assertThat(TerminalQrCode.lines(URI, false)).isEqualTo(negative);
    }

    @Test
    void refusesTextTooLongToFitEightyColumns() {
        assertThatThrownBy(() -> TerminalQrCode.lines("x".repeat(500)))
                .isInstanceOf(DataTooLongException.class);
    }

    /**
     * Decodes what a camera would see: the drawing, lit as the terminal shows it, on its screen.
     */
    private static String readOffScreen(List<String> lines, boolean lightInkOnDark)
            throws Exception {
        boolean[][] light = lightModules(lines, lightInkOnDark);
        int modules = light[0].length + 2 * SCREEN_MARGIN;
        int rows = light.length + 2 * SCREEN_MARGIN;
        int background = lightInkOnDark ? BLACK : WHITE;

        int[] pixels = new int[modules * SCALE * rows * SCALE];
        for (int py = 0; py < rows * SCALE; py++) {
            for (int px = 0; px < modules * SCALE; px++) {
                int x = px / SCALE - SCREEN_MARGIN;
                int y = py / SCALE - SCREEN_MARGIN;
                boolean drawn = y >= 0 && y < light.length && x >= 0 && x < light[0].length;
                pixels[py * modules * SCALE + px] =
                        drawn ? (light[y][x] ? WHITE : BLACK) : background;
            }
        }

        LuminanceSource screen = new RGBLuminanceSource(modules * SCALE, rows * SCALE, pixels);
        return new QRCodeReader()
                .decode(
                        new BinaryBitmap(new HybridBinarizer(screen)),
                        Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                .getText();
    }

    /** Splits each character back into its two modules, true where the screen shows light. */
    private static boolean[][] lightModules(List<String> lines, boolean lightInkOnDark) {
        boolean[][] light = new boolean[lines.size() * 2][];
        for (int row = 0; row < lines.size(); row++) {
            String line = lines.get(row);
            light[2 * row] = new boolean[line.length()];
            light[2 * row + 1] = new boolean[line.length()];
            for (int x = 0; x < line.length(); x++) {
                char c = line.charAt(x);
                boolean upperInk = c == '█' || c == '▀';
                boolean lowerInk = c == '█' || c == '▄';
                light[2 * row][x] = upperInk == lightInkOnDark;
                light[2 * row + 1][x] = lowerInk == lightInkOnDark;
            }
        }
        return light;
    }

    private static String negative(String line) {
        StringBuilder swapped = new StringBuilder(line.length());
        for (char c : line.toCharArray()) {
            swapped.append(
                    switch (c) {
                        case '█' -> ' ';
                        case ' ' -> '█';
                        case '▀' -> '▄';
                        default -> '▀';
                    });
        }
        return swapped.toString();
    }
}
