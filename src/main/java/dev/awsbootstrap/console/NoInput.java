package dev.awsbootstrap.console;

/** The input of a {@code --non-interactive} run: nothing can be typed. */
public final class NoInput implements LineSource {
    @Override
    public String readLine(String prompt) {
        throw new IllegalStateException("A non-interactive run reads no input.");
    }

    @Override
    public String readSecret(String prompt) {
        throw new IllegalStateException("A non-interactive run reads no input.");
    }

    @Override
    public boolean canRead() {
        return false;
    }

    @Override
    public boolean canReadSecret() {
        return false;
    }
}
