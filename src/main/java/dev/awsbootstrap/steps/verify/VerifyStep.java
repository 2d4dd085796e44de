package dev.awsbootstrap.steps.verify;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.AnswerRules;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.localfiles.AwsFileLocations;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.steps.cliconfig.CliConfigStep;
import dev.awsbootstrap.steps.roles.RolesStep;
import dev.awsbootstrap.steps.user.OperatorUser;
import dev.awsbootstrap.steps.user.UsedMfaCodes;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Step 11: proves that the written profiles work, the way the AWS CLI will use them. The access key
 * in the {@code [default]} profile must sign in as the operator's user, and each role profile must
 * assume its role from it, with an MFA code when the profile names a device. The outcome is a table
 * of who is who. IAM changes take a while to reach STS, so failures that look like that are waited
 * out for up to two minutes.
 */
public final class VerifyStep implements Step<VerifyStep.Found> {
    public static final String KEY = "verify";

    static final String SESSION_NAME = "aws-bootstrap-verify";

    /** Recorded once verified: the access key and config file it was verified with. */
    static final String VERIFIED_KEY = "verifiedAccessKeyId";

    static final String VERIFIED_CONFIG = "verifiedConfigSha256";

    private static final String SOURCE_PROFILE = "default";

    private final Answers answers;
    private final Path home;
    private final Function<String, String> environment;
    private final Propagation propagation;
    private final UsedMfaCodes used;

    public VerifyStep(Answers answers, Path home, Function<String, String> environment) {
        this(answers, home, environment, new UsedMfaCodes());
    }

    /**
     * @param used the MFA codes this run already sent to AWS, which are refused before a call
     */
    public VerifyStep(
            Answers answers, Path home, Function<String, String> environment, UsedMfaCodes used) {
        this(answers, home, environment, Propagation.realTime(), used);
    }

    VerifyStep(
            Answers answers,
            Path home,
            Function<String, String> environment,
            Propagation propagation,
            UsedMfaCodes used) {
        this.answers = answers;
        this.home = home;
        this.environment = environment;
        this.propagation = propagation;
        this.used = used;
    }

    /** The profiles as written, or empty in a dry run, which verifies nothing. */
    public record Found(String userName, Optional<WrittenProfiles> profiles) {}

    /**
     * One line of the table: a profile, the role it assumes, and who AWS says it is.
     *
     * @param checked false for a profile the operator kept, which names another role
     */
    record Check(String profile, String role, String arn, boolean checked) {
        Check(String profile, String role, String arn) {
            this(profile, role, arn, true);
        }
    }

    /** Every profile checked, or why the check is left for later. */
    private record Verification(List<Check> checks, String laterNote) {
        static Verification passed(List<Check> checks) {
            return new Verification(List.copyOf(checks), null);
        }

        static Verification later(String note) {
            return new Verification(List.of(), note);
        }
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Verification";
    }

    @Override
    public Found inspect(StepContext context) {
        String user = OperatorUser.name(context, answers);
        if (context.dryRun()) {
            return new Found(user, Optional.empty());
        }
        return new Found(
                user,
                Optional.of(
                        WrittenProfiles.read(
                                AwsFileLocations.configFile(home, environment),
                                AwsFileLocations.credentialsFile(home, environment))));
    }

    @Override
    public Plan plan(Found found, StepContext context) {
        Plan plan = new Plan();
        if (found.profiles().isEmpty()) {
            return plan.found(
                            "After a real run, the wizard assumes each role through its profile"
                                    + " with the access key of "
                                    + found.userName()
                                    + ", and shows who AWS says each profile is.")
                    .outcome(StepStatus.TO_DO, "checked by a real run");
        }
        WrittenProfiles profiles = found.profiles().get();
        Optional<AwsCredentials> key = profiles.credentials(SOURCE_PROFILE);
        if (key.isEmpty()) {
            return plan.outcome(
                    StepStatus.LATER,
                    "No access key in the [default] profile: put the key of "
                            + found.userName()
                            + " there (aws configure), then run aws-bootstrap again to verify the"
                            + " profiles.");
        }
        String keyId = key.get().accessKeyId();
        if (verifiedBefore(context, keyId, profiles.configDigest())) {
            return plan.found(
                    "The profiles were verified with the access key "
                            + keyId
                            + "; nothing has changed since.");
        }
        Verification verification = verify(context, found.userName(), profiles, key.get());
        if (verification.laterNote() != null) {
            return plan.outcome(StepStatus.LATER, verification.laterNote());
        }
        table(verification.checks()).forEach(plan::found);
        boolean allChecked = verification.checks().stream().allMatch(Check::checked);
        plan.nothingToChange(
                allChecked
                        ? "Each profile signs in as it should."
                        : "The profiles aws-bootstrap wrote sign in as they should.");
        context.remember(VERIFIED_KEY, keyId);
        context.remember(VERIFIED_CONFIG, profiles.configDigest());
        return plan;
    }

    /** Signs in as each profile in turn. */
    private Verification verify(
            StepContext context, String user, WrittenProfiles profiles, AwsCredentials key) {
        Console console = context.console();
        String accountId = context.account().id();
        StsClient asUser = sts(context, profiles, SOURCE_PROFILE, key);
        String userArn =
                propagation.await(
                        console,
                        () -> asUser.getCallerIdentity().arn(),
                        VerifyStep::keyNotYetKnown);
        String expected = "arn:aws:iam::" + accountId + ":user/" + user;
        if (!userArn.equals(expected)) {
            // Typically the key was printed rather than stored, and [default] still holds the
            // credentials the run signed in with: the profiles are not wrong, only not in use yet.
            return Verification.later(
                    "The [default] profile signs in as "
                            + userArn
                            + ", not as "
                            + user
                            + ": put the access key of "
                            + user
                            + " there (aws configure), then run aws-bootstrap again to"
                            + " verify the profiles.");
        }
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(SOURCE_PROFILE, "(your user)", userArn));
        for (Map.Entry<String, String> profile : CliConfigStep.ROLE_PROFILES.entrySet()) {
            Optional<Check> check =
                    assume(context, profiles, key, profile.getKey(), profile.getValue());
            if (check.isEmpty()) {
                return Verification.later(
                        "Not verified: run aws sts get-caller-identity --profile data-engineer, or"
                                + " run aws-bootstrap again at a terminal.");
            }
            checks.add(check.get());
        }
        return Verification.passed(checks);
    }

    private Optional<Check> assume(
            StepContext context,
            WrittenProfiles profiles,
            AwsCredentials key,
            String profile,
            String role) {
        String roleArn =
                profiles.property(profile, "role_arn")
                        .orElseThrow(() -> notWritten(profile, "role_arn"));
        if (!roleArn.equals(RolesStep.recordedArn(context, role))) {
            // A profile the operator chose to keep as it was: it is theirs, not the wizard's.
            return Optional.of(
                    new Check(profile, role, "not checked: kept, it assumes " + roleArn, false));
        }
        String source = profiles.property(profile, "source_profile").orElse("");
        if (!source.equals(SOURCE_PROFILE)) {
            throw notWritten(profile, "source_profile = " + SOURCE_PROFILE);
        }
        Optional<String> serial = profiles.property(profile, "mfa_serial");
        StsClient sts = sts(context, profiles, profile, key);
        while (true) {
            Optional<String> code = serial.isPresent() ? code(context, profile) : Optional.empty();
            if (serial.isPresent() && code.isEmpty()) {
                return Optional.empty();
            }
            AssumeRoleRequest request =
                    AssumeRoleRequest.builder()
                            .roleArn(roleArn)
                            .roleSessionName(SESSION_NAME)
                            .serialNumber(serial.orElse(null))
                            .tokenCode(code.orElse(null))
                            .build();
            code.ifPresent(used::sent);
            try {
                Credentials credentials =
                        propagation.await(
                                context.console(),
                                () -> sts.assumeRole(request).credentials(),
                                VerifyStep::roleNotYetAssumable);
                return Optional.of(new Check(profile, role, whoIs(context, profiles, credentials)));
            } catch (AwsServiceException e) {
                if (!mfaRejected(e)) {
                    throw new BootstrapException(
                            ExitCode.FAILED,
                            "The profile "
                                    + profile
                                    + " cannot assume "
                                    + roleArn
                                    + " ("
                                    + e.awsErrorDetails().errorCode()
                                    + ") after waiting "
                                    + Propagation.PATIENCE.toMinutes()
                                    + " minutes for IAM: check the role's trust policy and the"
                                    + " user's AssumeRolesPolicy, then run aws-bootstrap again.",
                            e);
                }
                rejectedCode(context);
            }
        }
    }

    private String whoIs(StepContext context, WrittenProfiles profiles, Credentials temporary) {
        AwsCredentials session =
                AwsSessionCredentials.create(
                        temporary.accessKeyId(),
                        temporary.secretAccessKey(),
                        temporary.sessionToken());
        return sts(context, profiles, SOURCE_PROFILE, session).getCallerIdentity().arn();
    }

    /** An MFA code for {@code profile}: typed, or from the answers file in a scripted run. */
    private Optional<String> code(StepContext context, String profile) {
        List<String> scripted = answers.user().mfaCodes();
        if (scripted != null && !scripted.isEmpty()) {
            return Optional.of(scripted.get(scripted.size() - 1));
        }
        Console console = context.console();
        if (!console.canAsk()) {
            console.warn(
                    "The profiles need an MFA code to assume the roles, and nobody can type one"
                            + " here: they are not verified.");
            return Optional.empty();
        }
        return Optional.of(
                console.ask(
                        "MFA code from your app, for the profile " + profile,
                        null,
                        typed -> AnswerRules.mfaCode(typed).or(() -> used.reuse(typed))));
    }

    private void rejectedCode(StepContext context) {
        if (answers.user().mfaCodes() != null || !context.console().canAsk()) {
            throw BootstrapException.badInput(
                    "AWS rejected the MFA code of user.mfaCodes for assuming a role: run"
                            + " aws-bootstrap at a terminal to type fresh codes.");
        }
        context.console()
                .warn(
                        "AWS rejected that MFA code. Check the app's clock and type the code it"
                                + " shows now.");
    }

    private static StsClient sts(
            StepContext context, WrittenProfiles profiles, String profile, AwsCredentials key) {
        Region region =
                profiles.property(profile, "region")
                        .map(Region::of)
                        .orElseGet(() -> context.clients().region());
        return context.clients().stsWith(StaticCredentialsProvider.create(key), region);
    }

    private static boolean verifiedBefore(StepContext context, String keyId, String digest) {
        Map<String, String> done = context.remembered();
        return context.session().state().statusOf(KEY) == StepStatus.DONE
                && context.changes().calls().isEmpty()
                && keyId.equals(done.get(VERIFIED_KEY))
                && digest.equals(done.get(VERIFIED_CONFIG));
    }

    /** A new access key is unknown to STS for a few seconds after IAM makes it. */
    private static Optional<String> keyNotYetKnown(AwsServiceException e) {
        String code = errorCode(e);
        return code.equals("InvalidClientTokenId") || code.equals("SignatureDoesNotMatch")
                ? Optional.of("the new access key is not known to STS yet")
                : Optional.empty();
    }

    /** A new role, trust policy or user policy can deny AssumeRole for a while. */
    private static Optional<String> roleNotYetAssumable(AwsServiceException e) {
        if (mfaRejected(e)) {
            return Optional.empty();
        }
        String code = errorCode(e);
        if (code.equals("AccessDenied")) {
            return Optional.of("the role cannot be assumed yet");
        }
        return keyNotYetKnown(e);
    }

    private static boolean mfaRejected(AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage();
        return message != null && message.contains("MultiFactorAuthentication");
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? ""
                : e.awsErrorDetails().errorCode();
    }

    private static BootstrapException notWritten(String profile, String what) {
        return new BootstrapException(
                ExitCode.FAILED,
                "The profile "
                        + profile
                        + " has no "
                        + what
                        + ": run aws-bootstrap again and let it replace the profile (or set"
                        + " cliConfig.replaceProfiles: true), then it verifies the profiles.");
    }

    private static List<String> table(List<Check> checks) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-22s %-24s %s", "Profile", "Role", "Signed in as"));
        for (Check check : checks) {
            lines.add(String.format("%-22s %-24s %s", check.profile(), check.role(), check.arn()));
        }
        return lines;
    }
}
