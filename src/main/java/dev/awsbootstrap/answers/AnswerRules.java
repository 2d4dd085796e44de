package dev.awsbootstrap.answers;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AWS's rules for the values the operator gives, shared by the answers file and the prompts. Each
 * check returns the broken rule as a sentence, or empty when the value is fine.
 */
public final class AnswerRules {
    private static final Pattern ALIAS =
            Pattern.compile("^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$");
    private static final Pattern TWELVE_DIGITS = Pattern.compile("^\\d{12}$");
    private static final Pattern IAM_NAME = Pattern.compile("^[\\w+=,.@-]+$");
    private static final Pattern MFA_CODE = Pattern.compile("^\\d{6}$");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Pattern EMAIL =
            Pattern.compile("^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$");
    private static final Pattern BUDGET_NAME = Pattern.compile("^[^:\\\\]{1,100}$");

    public static final Set<String> ROOT_MFA = Set.of("require", "accept-risk");
    public static final Set<String> CONSOLE_STEP = Set.of("confirmed", "later");
    public static final Set<String> KEY_STORES = Set.of("credentials-file", "print");

    private AnswerRules() {}

    public static Optional<String> accountAlias(String alias) {
        if (alias.length() < 3 || alias.length() > 63) {
            return Optional.of("an account alias has 3 to 63 characters");
        }
        if (TWELVE_DIGITS.matcher(alias).matches()) {
            return Optional.of("an account alias cannot be 12 digits, like an account id");
        }
        if (!ALIAS.matcher(alias).matches()) {
            return Optional.of(
                    "an account alias has only lowercase letters, digits and single hyphens,"
                            + " and starts and ends with a letter or digit");
        }
        return Optional.empty();
    }

    public static Optional<String> userName(String name) {
        if (name.isEmpty() || name.length() > 64 || !IAM_NAME.matcher(name).matches()) {
            return Optional.of(
                    "a user name has 1 to 64 letters, digits or the characters + = , . @ _ -");
        }
        return Optional.empty();
    }

    public static Optional<String> mfaDeviceName(String name) {
        if (name.isEmpty() || name.length() > 226 || !IAM_NAME.matcher(name).matches()) {
            return Optional.of(
                    "an MFA device name has 1 to 226 letters, digits or the characters"
                            + " + = , . @ _ -");
        }
        return Optional.empty();
    }

    public static Optional<String> mfaCode(String code) {
        if (!MFA_CODE.matcher(code).matches()) {
            return Optional.of("an MFA code is exactly 6 digits");
        }
        return Optional.empty();
    }

    public static Optional<String> environmentVariableName(String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            return Optional.of("an environment variable name has letters, digits and _");
        }
        return Optional.empty();
    }

    public static Optional<String> email(String address) {
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            return Optional.of("an e-mail address looks like name@example.com");
        }
        return Optional.empty();
    }

    public static Optional<String> budgetName(String name) {
        if (!BUDGET_NAME.matcher(name).matches()) {
            return Optional.of("a budget name has 1 to 100 characters, without : or \\");
        }
        return Optional.empty();
    }

    public static Optional<String> budgetAmount(BigDecimal amount) {
        if (amount.signum() <= 0) {
            return Optional.of("a budget amount is a number above 0");
        }
        return Optional.empty();
    }

    public static Optional<String> threshold(BigDecimal percent) {
        if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(1000)) > 0) {
            return Optional.of("a threshold is a percentage above 0 and at most 1000");
        }
        return Optional.empty();
    }

    public static Optional<String> oneOf(String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            return Optional.of(
                    "use one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return Optional.empty();
    }
}
