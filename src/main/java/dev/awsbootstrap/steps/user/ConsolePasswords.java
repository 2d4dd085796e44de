package dev.awsbootstrap.steps.user;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;

/**
 * The console password: checked against the account's password policy before AWS sees it, or
 * generated to pass it. Without a policy, AWS's default applies: 8 to 128 characters, with three of
 * the four kinds (upper case, lower case, digits, symbols).
 */
final class ConsolePasswords {
    /** The symbols IAM counts as such in a password policy. */
    static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final int GENERATED_LENGTH = 24;
    private static final int MAX_LENGTH = 128;

    private final Optional<PasswordPolicy> policy;

    /**
     * @param policy the account's password policy, or empty when it has none
     */
    ConsolePasswords(Optional<PasswordPolicy> policy) {
        this.policy = policy;
    }

    /**
     * The rule that {@code password} breaks, or empty when IAM should accept it. The rule never
     * quotes the password.
     */
    Optional<String> problem(String password, String userName) {
        int minimum = policy.map(PasswordPolicy::minimumPasswordLength).orElse(8);
        if (password.length() < minimum) {
            return Optional.of("the password needs at least " + minimum + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("the password has at most " + MAX_LENGTH + " characters");
        }
        if (password.equals(userName)) {
            return Optional.of("the password cannot be the user name");
        }
        // IAM counts only the ASCII letters and digits; an É or a ٣ is none of the kinds.
        boolean upper = password.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
        boolean lower = password.chars().anyMatch(c -> c >= 'a' && c <= 'z');
        boolean digit = password.chars().anyMatch(c -> c >= '0' && c <= '9');
        boolean symbol = password.chars().anyMatch(c -> SYMBOLS.indexOf(c) >= 0);
        if (policy.isEmpty()) {
            int kinds = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
            return kinds >= 3
                    ? Optional.empty()
                    : Optional.of(
                            "the password needs three of: upper case, lower case, digits and"
                                    + " symbols such as "
                                    + SYMBOLS);
        }
        PasswordPolicy rules = policy.get();
        List<String> missing = new ArrayList<>();
        if (Boolean.TRUE.equals(rules.requireUppercaseCharacters()) && !upper) {
            missing.add("an upper-case letter");
        }
        if (Boolean.TRUE.equals(rules.requireLowercaseCharacters()) && !lower) {
            missing.add("a lower-case letter");
        }
        if (Boolean.TRUE.equals(rules.requireNumbers()) && !digit) {
            missing.add("a digit");
        }
        if (Boolean.TRUE.equals(rules.requireSymbols()) && !symbol) {
            missing.add("a symbol such as " + SYMBOLS);
        }
        if (!missing.isEmpty()) {
            return Optional.of(
                    "the account's password policy asks for " + String.join(", ", missing));
        }
        return Optional.empty();
    }

    /**
     * A strong password that passes the policy: every kind of character, at least 24 of them, from
     * a cryptographic random source. Look-alike characters (O and 0, l and 1) are left out, as the
     * operator may copy it by hand.
     */
    String generate(SecureRandom random) {
        int minimum = policy.map(PasswordPolicy::minimumPasswordLength).orElse(8);
        int length = Math.max(GENERATED_LENGTH, minimum);
        String all = UPPER + LOWER + DIGITS + SYMBOLS;
        List<Character> chars = new ArrayList<>();
        for (String kind : List.of(UPPER, LOWER, DIGITS, SYMBOLS)) {
            chars.add(kind.charAt(random.nextInt(kind.length())));
        }
        while (chars.size() < length) {
            chars.add(all.charAt(random.nextInt(all.length())));
        }
        Collections.shuffle(chars, random);
        StringBuilder password = new StringBuilder(length);
        chars.forEach(password::append);
        return password.toString();
    }
}
