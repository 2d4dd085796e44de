package dev.awsbootstrap.console;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Terminal colours and weights, or none: off with {@code --no-color}, {@code NO_COLOR}, {@code
 * TERM=dumb} or when the messages do not go to a terminal. Meaning never rests on colour alone:
 * every styled line has a mark too.
 */
public final class Style {
    private final boolean enabled;

    public Style(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    public String bold(String text) {
        return wrap(AttributedStyle.BOLD, text);
    }

    public String red(String text) {
        return wrap(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED), text);
    }

    public String green(String text) {
        return wrap(AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN), text);
    }

    public String yellow(String text) {
        return wrap(AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW), text);
    }

    public String dim(String text) {
        return wrap(AttributedStyle.DEFAULT.faint(), text);
    }

    private String wrap(AttributedStyle style, String text) {
        return enabled ? new AttributedString(text, style).toAnsi() : text;
    }
}
