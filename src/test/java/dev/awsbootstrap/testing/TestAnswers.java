package dev.awsbootstrap.testing;

import dev.awsbootstrap.answers.Answers;

/** Answers for a test, given key by key rather than as the record's ten positions. */
public final class TestAnswers {
    private String homeRegion;
    private String rootMfa;
    private String accountAlias;
    private String billingAccess;
    private Answers.Roles roles;
    private Answers.User user;
    private Answers.AccessKey accessKey;
    private Answers.Budget budget;
    private String billingAlerts;
    private Answers.CliConfig cliConfig;

    private TestAnswers() {}

    /** No answer yet: every key is missing until set. */
    public static TestAnswers answers() {
        return new TestAnswers();
    }

    public TestAnswers homeRegion(String value) {
        this.homeRegion = value;
        return this;
    }

    public TestAnswers rootMfa(String value) {
        this.rootMfa = value;
        return this;
    }

    public TestAnswers accountAlias(String value) {
        this.accountAlias = value;
        return this;
    }

    public TestAnswers billingAccess(String value) {
        this.billingAccess = value;
        return this;
    }

    public TestAnswers roles(Answers.Roles value) {
        this.roles = value;
        return this;
    }

    public TestAnswers user(Answers.User value) {
        this.user = value;
        return this;
    }

    public TestAnswers accessKey(Answers.AccessKey value) {
        this.accessKey = value;
        return this;
    }

    public TestAnswers budget(Answers.Budget value) {
        this.budget = value;
        return this;
    }

    public TestAnswers billingAlerts(String value) {
        this.billingAlerts = value;
        return this;
    }

    public TestAnswers cliConfig(Answers.CliConfig value) {
        this.cliConfig = value;
        return this;
    }

    public Answers build() {
        return new Answers(
                homeRegion,
                rootMfa,
                accountAlias,
                billingAccess,
                roles,
                user,
                accessKey,
                budget,
                billingAlerts,
                cliConfig);
    }
}
