package dev.awsbootstrap.wizard;

import dev.awsbootstrap.aws.AwsChanges;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.console.Console;
import java.util.Map;

/**
 * What a step works with: the console, the AWS clients for reads, the one gateway for changes, the
 * resume file, and the account once step 0 has found it. Answers reach a step through its
 * constructor.
 */
public final class StepContext {
    private final Console console;
    private final AwsClients clients;
    private final AwsChanges changes;
    private final ResumeSession session;
    private final boolean offline;
    private final Prompter prompter;
    private Account account = Account.unknown();
    private String currentStep = "";

    /**
     * @param offline true in a dry run without credentials: steps then inspect nothing and plan
     *     everything, with placeholders
     */
    public StepContext(
            Console console,
            AwsClients clients,
            AwsChanges changes,
            ResumeSession session,
            boolean offline) {
        this.console = console;
        this.clients = clients;
        this.changes = changes;
        this.session = session;
        this.offline = offline;
        this.prompter = new Prompter(console, session, changes.dryRun());
    }

    public Console console() {
        return console;
    }

    /** The clients for read-only calls. Changes go through {@link #changes()}. */
    public AwsClients clients() {
        return clients;
    }

    /** The one gateway for mutating AWS calls. */
    public AwsChanges changes() {
        return changes;
    }

    public ResumeSession session() {
        return session;
    }

    public Prompter ask() {
        return prompter;
    }

    public boolean dryRun() {
        return changes.dryRun();
    }

    /** True in a dry run without credentials: nothing can be read, everything is planned. */
    public boolean offline() {
        return offline;
    }

    public Account account() {
        return account;
    }

    /** Sets the account found by step 0 and opens its resume file. */
    public void bindAccount(Account account) {
        this.account = account;
        session.bind(account);
    }

    /** Records something the current step created, for the resume file. */
    public void remember(String name, String value) {
        session.recordCreated(currentStep, name, value);
    }

    /** What the current step recorded as created, by an earlier run or this one. */
    public Map<String, String> remembered() {
        return session.bound()
                ? Map.copyOf(session.state().step(currentStep).getCreated())
                : Map.of();
    }

    /** Forgets something the current step recorded, such as a marker of work under way. */
    public void forget(String name) {
        session.forgetCreated(currentStep, name);
    }

    void enterStep(String key) {
        this.currentStep = key;
    }
}
