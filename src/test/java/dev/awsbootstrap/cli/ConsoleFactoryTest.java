package dev.awsbootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** When messages are coloured: at a terminal on standard error, unless something says no. */
class ConsoleFactoryTest {
    private static final BooleanSupplier TERMINAL = () -> true;
    private static final BooleanSupplier NO_TERMINAL = () -> false;

    @Test
    void colouredWhenStandardErrorIsATerminal() {
        assertThat(ConsoleFactory.colour(false, Map.of("TERM", "xterm-256color"), TERMINAL))
                .isTrue();
        assertThat(ConsoleFactory.colour(false, Map.of(), TERMINAL)).isTrue();
    }

    @Test
    void plainWhenStandardErrorIsNotATerminal() {
        assertThat(ConsoleFactory.colour(false, Map.of("TERM", "xterm"), NO_TERMINAL)).isFalse();
    }

    @Test
    void plainWithTheNoColorOption() {
        assertThat(ConsoleFactory.colour(true, Map.of("TERM", "xterm"), TERMINAL)).isFalse();
    }

    @Test
    void plainWithNoColorSetToAnyValue() {
        for (String value : new String[] {"1", "0", "false", ""}) {
            assertThat(ConsoleFactory.colour(false, Map.of("NO_COLOR", value), TERMINAL))
                    .as("NO_COLOR=%s", value)
                    .isFalse();
        }
    }

    @Test
    void plainOnADumbTerminal() {
        assertThat(ConsoleFactory.colour(false, Map.of("TERM", "dumb"), TERMINAL)).isFalse();
    }

    @Test
    void asksNothingOfTheTerminalWhenColourIsOffAnyway() {
        AtomicBoolean asked = new AtomicBoolean();
        BooleanSupplier watched =
                () -> {
                    asked.set(true);
                    return true;
                };

        ConsoleFactory.colour(true, Map.of(), watched);
        ConsoleFactory.colour(false, Map.of("NO_COLOR", "1"), watched);
        ConsoleFactory.colour(false, Map.of("TERM", "dumb"), watched);

        assertThat(asked).isFalse();
    }
}
