package dev.awsbootstrap.steps.account;

import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsRegions;
import dev.awsbootstrap.console.Console.Choice;
import dev.awsbootstrap.wizard.Account;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Step 0: who is running, in which account, and the home region. The resume file is bound to the
 * account found here, and the caller's permissions are checked before any step changes anything
 * (see {@link PermissionCheck}).
 */
public final class CallerStep implements Step<Account> {
    public static final String KEY = "caller";
    public static final String HOME_REGION = "homeRegion";

    private static final List<Choice> SUGGESTED_REGIONS =
            List.of(
                    new Choice("eu-west-2", "London: lowest latency for UK users, GDPR-compliant"),
                    new Choice(
                            "eu-west-1", "Ireland: AWS's largest European region, more services"),
                    new Choice(
                            "us-east-1", "N. Virginia: the original region, new services first"));

    private final Answers answers;
    private final PermissionCheck permissions;

    public CallerStep(Answers answers) {
        this.answers = answers;
        this.permissions = new PermissionCheck(answers);
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Caller and home region";
    }

    @Override
    public Account inspect(StepContext context) {
        if (context.offline()) {
            return Account.unknown();
        }
        GetCallerIdentityResponse identity = context.clients().callerIdentity();
        return new Account(identity.account(), identity.arn());
    }

    @Override
    public Plan plan(Account account, StepContext context) {
        context.bindAccount(account);
        Plan plan = new Plan();
        if (account.known()) {
            context.console()
                    .info(
                            "Account "
                                    + account.id()
                                    + ", as "
                                    + account.callerKind()
                                    + " ("
                                    + account.callerArn()
                                    + ").");
        } else {
            context.console()
                    .info(
                            "No AWS credentials: the plan below uses "
                                    + Account.PLACEHOLDER_ID
                                    + " for the account id.");
        }
        if (account.callerIsRoot()) {
            context.console()
                    .warn(
                            "You are signed in as the root user. That is right for this setup;"
                                    + " afterwards use your IAM user and roles, as the guide"
                                    + " advises.");
        }
        permissions.run(context, account);
        String region =
                context.ask()
                        .choice(
                                HOME_REGION,
                                answers.homeRegion(),
                                "Home region",
                                "Your home region is where you will mostly work: the one"
                                        + " nearest your data that meets its residency rules."
                                        + " Pick one of these, or type any other region code.",
                                SUGGESTED_REGIONS,
                                "eu-west-2",
                                CallerStep::regionRule);
        plan.found("Home region: " + region + ".");
        return plan;
    }

    static Optional<String> regionRule(String code) {
        return AwsRegions.isKnown(code)
                ? Optional.empty()
                : Optional.of("not an AWS region code; use one such as eu-west-2");
    }
}
