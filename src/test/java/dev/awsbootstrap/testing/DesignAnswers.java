package dev.awsbootstrap.testing;

/**
 * The answers file of a complete non-interactive run, as DESIGN.md gives it, shared by the tests
 * that run the whole wizard; the console password comes from {@link #PASSWORD_VARIABLE}.
 */
public final class DesignAnswers {
    /** The environment variable the answers name for the console password. */
    public static final String PASSWORD_VARIABLE = "BOOTSTRAP_PASSWORD";

    public static final String YAML =
            """
            homeRegion: eu-west-2
            rootMfa: accept-risk
            accountAlias: acme-data
            billingAccess: later
            roles:
              requireMfa: true
            user:
              name: jane.bloggs
              consolePasswordEnv: BOOTSTRAP_PASSWORD
              passwordResetRequired: false
              mfaDeviceName: jbloggs-phone
              mfaCodes: ["123456", "654321"]
            accessKey:
              create: true
              store: credentials-file
            budget:
              name: Monthly-Cost-Budget
              amount: 100
              currency: USD
              thresholds: [80]
              emails: [ops@example.com]
            billingAlerts: confirmed
            """;

    private DesignAnswers() {}
}
