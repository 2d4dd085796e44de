package dev.awsbootstrap.answers;

import java.math.BigDecimal;
import java.util.List;

/**
 * The answers file: every key optional, a missing one asked for at the prompt. It holds no
 * password, only the name of the environment variable that holds one, or {@code generate}.
 */
public record Answers(
        String homeRegion,
        String rootMfa,
        String accountAlias,
        String billingAccess,
        Roles roles,
        User user,
        AccessKey accessKey,
        Budget budget,
        String billingAlerts,
        CliConfig cliConfig) {

    /** No answer at all: everything is asked. */
    public static Answers none() {
        return new Answers(null, null, null, null, null, null, null, null, null, null);
    }

    public Roles roles() {
        return roles == null ? new Roles(null) : roles;
    }

    public User user() {
        return user == null ? new User(null, null, null, null, null, null) : user;
    }

    public AccessKey accessKey() {
        return accessKey == null ? new AccessKey(null, null) : accessKey;
    }

    public Budget budget() {
        return budget == null ? new Budget(null, null, null, null, null) : budget;
    }

    public CliConfig cliConfig() {
        return cliConfig == null ? new CliConfig(null) : cliConfig;
    }

    /** Answers about the three roles. */
    public record Roles(Boolean requireMfa) {}

    /** Answers about the operator's IAM user. */
    public record User(
            String name,
            String consolePasswordEnv,
            String consolePassword,
            Boolean passwordResetRequired,
            String mfaDeviceName,
            List<String> mfaCodes) {}

    /** Answers about the user's access key. */
    public record AccessKey(Boolean create, String store) {}

    /** Answers about the monthly cost budget. */
    public record Budget(
            String name,
            BigDecimal amount,
            String currency,
            List<BigDecimal> thresholds,
            List<String> emails) {}

    /** Answers about writing ~/.aws/config. */
    public record CliConfig(Boolean replaceProfiles) {}
}
