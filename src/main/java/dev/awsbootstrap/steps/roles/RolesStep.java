package dev.awsbootstrap.steps.roles;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsCall;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.state.StepRecord;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyResponse;

/**
 * Step 4: the three roles people work through, each with the guide's managed policies and a trust
 * policy that lets the account's own principals assume it. An existing role is compared, never
 * recreated: drift is shown and repaired on confirmation, anything else is left alone.
 */
public final class RolesStep implements Step<RolesStep.Found> {
    public static final String KEY = "roles";
    public static final String ANSWER = "roles.requireMfa";

    public static final String ADMIN_ROLE = "AdminRole";
    public static final String DATA_ENGINEER_ROLE = "DataEngineerRole";
    public static final String INFRASTRUCTURE_ADMIN_ROLE = "InfrastructureAdminRole";

    /** The tag that marks a role as made by aws-bootstrap; it is set by CreateRole itself. */
    public static final String TAG_KEY = "managed-by";

    public static final String TAG_VALUE = "aws-bootstrap";

    /**
     * Recorded just before CreateRole and forgotten once the role has all its policies: a role it
     * names was left half-made by an interrupted run, and is finished without asking.
     */
    static final String UNFINISHED = "unfinishedRole";

    /** The roles, in the order they are set up. */
    public static final List<RoleDefinition> ROLES =
            List.of(
                    new RoleDefinition(
                            ADMIN_ROLE,
                            "Full administrative access for account administrators",
                            List.of("AdministratorAccess")),
                    new RoleDefinition(
                            DATA_ENGINEER_ROLE,
                            "Permissions for data platform development and operations",
                            List.of(
                                    "AmazonS3FullAccess",
                                    "AmazonDynamoDBFullAccess",
                                    "SecretsManagerReadWrite",
                                    "CloudWatchFullAccess",
                                    "IAMReadOnlyAccess")),
                    new RoleDefinition(
                            INFRASTRUCTURE_ADMIN_ROLE,
                            "Role for Terraform infrastructure management",
                            List.of(
                                    "AmazonS3FullAccess",
                                    "AmazonDynamoDBFullAccess",
                                    "SecretsManagerReadWrite",
                                    "IAMFullAccess",
                                    "CloudWatchFullAccess")));

    /** The names of the roles, in the order they are set up. */
    public static final List<String> ROLE_NAMES = ROLES.stream().map(RoleDefinition::name).toList();

    private static final String MFA_QUESTION = "Require MFA to assume the roles?";
    private static final String MFA_WHY =
            "With MFA required, the roles' trust policies let someone assume a role only after"
                    + " signing in with MFA, so a leaked access key alone cannot use them.";

    /**
     * What the inspection found.
     *
     * @param inspected false in a dry run without credentials, when nothing could be read
     * @param roles the roles that exist, by name
     */
    public record Found(boolean inspected, Map<String, ExistingRole> roles) {
        public Found {
            roles = Map.copyOf(roles);
        }

        public Optional<ExistingRole> role(String name) {
            return Optional.ofNullable(roles.get(name));
        }
    }

    private final Answers answers;

    public RolesStep(Answers answers) {
        this.answers = answers;
    }

    /** The ARN of a role of the wizard, which lives under the path {@code /}. */
    public static String roleArn(String accountId, String roleName) {
        return "arn:aws:iam::" + accountId + ":role/" + roleName;
    }

    /**
     * The ARN of a role of the wizard as this step recorded it, which keeps the path of a role that
     * existed under another one; else, as before the step ran, under {@code /}.
     */
    public static String recordedArn(StepContext context, String roleName) {
        if (context.session().bound()) {
            StepRecord record = context.session().state().getSteps().get(KEY);
            if (record != null && record.getCreated().get(roleName) != null) {
                return record.getCreated().get(roleName);
            }
        }
        return roleArn(context.account().id(), roleName);
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Roles and trust policies";
    }

    @Override
    public Found inspect(StepContext context) {
        if (context.offline()) {
            return new Found(false, Map.of());
        }
        IamClient iam = context.clients().iam();
        Map<String, ExistingRole> roles = new LinkedHashMap<>();
        for (String name : ROLE_NAMES) {
            RoleReader.read(iam, name).ifPresent(role -> roles.put(name, role));
        }
        return new Found(true, roles);
    }

    @Override
    public Plan plan(Found found, StepContext context) {
        boolean requireMfa =
                context.ask()
                        .yesNo(ANSWER, answers.roles().requireMfa(), MFA_QUESTION, MFA_WHY, true);
        String accountId = context.account().id();
        Console console = context.console();
        if (!found.inspected()) {
            console.info("No credentials: the three roles are planned as new.");
        }
        console.info(
                "The roles trust account "
                        + accountId
                        + (requireMfa ? ", for sessions signed in with MFA only." : "."));
        Plan plan = new Plan();
        List<String> leftInPlace = new ArrayList<>();
        for (RoleDefinition role : ROLES) {
            Optional<ExistingRole> existing = found.role(role.name());
            if (existing.isEmpty()) {
                String trust = TrustPolicy.document(accountId, requireMfa);
                plan.change(
                        "Create the role " + role.name() + " with " + names(role.policyArns()),
                        c -> create(c, role, trust));
                continue;
            }
            RoleComparison comparison =
                    RoleComparison.of(role, existing.get(), accountId, requireMfa);
            if (!planExisting(plan, existing.get(), comparison, context)) {
                leftInPlace.add(role.name() + " (" + comparison.driftSummary() + ")");
            }
        }
        if (!leftInPlace.isEmpty()) {
            String drift = String.join("; ", leftInPlace);
            plan.found("Drift left in place, as chosen: " + drift + ".");
            plan.outcome(StepStatus.RISK_ACCEPTED, "drift left in place: " + drift);
        }
        return plan;
    }

    /**
     * Plans what an existing role still needs.
     *
     * @return false when the operator chose to leave its drift in place
     */
    private static boolean planExisting(
            Plan plan, ExistingRole role, RoleComparison comparison, StepContext context) {
        Console console = context.console();
        comparison.leftAlone().forEach(console::info);
        if (!context.dryRun()) {
            context.remember(role.name(), role.arn());
        }
        boolean unfinished = role.name().equals(context.remembered().get(UNFINISHED));
        if (comparison.inPlace()) {
            console.info(role.name() + " is in place.");
            if (unfinished && !context.dryRun()) {
                context.forget(UNFINISHED);
            }
            return true;
        }
        List<String> missing = comparison.missingPolicyArns();
        if (comparison.onlyPoliciesMissing() && role.madeByAwsBootstrap() && unfinished) {
            console.info(
                    role.name()
                            + " was left unfinished by an interrupted run: attaching the rest of"
                            + " its policies.");
            plan.change(
                    "Attach " + names(missing) + " to " + role.name(),
                    c -> {
                        attach(c, role.name(), missing);
                        if (!c.dryRun()) {
                            c.forget(UNFINISHED);
                        }
                    });
            return true;
        }
        comparison.drift().forEach(console::warn);
        if (!context.dryRun() && !confirmRepair(role.name(), comparison, console)) {
            console.warn("Leaving the drift of " + role.name() + " in place.");
            return false;
        }
        plan.change(
                "Repair the drift of " + role.name() + ": " + repairSummary(comparison),
                c -> repair(c, role.name(), comparison));
        return true;
    }

    private static boolean confirmRepair(String role, RoleComparison comparison, Console console) {
        if (!console.canAsk()) {
            throw new BootstrapException(
                    ExitCode.WAITING_FOR_OPERATOR,
                    role
                            + " has drifted ("
                            + comparison.driftSummary()
                            + "): run aws-bootstrap without --non-interactive to review and"
                            + " repair it.");
        }
        return console.confirm("Repair the drift of " + role + "?", true);
    }

    private static String repairSummary(RoleComparison comparison) {
        List<String> actions = new ArrayList<>();
        if (comparison.trustDiffers()) {
            actions.add("update its trust policy");
        }
        if (!comparison.missingPolicyArns().isEmpty()) {
            actions.add("attach " + names(comparison.missingPolicyArns()));
        }
        return String.join(", ", actions);
    }

    private static void create(StepContext context, RoleDefinition role, String trustPolicy) {
        if (!context.dryRun()) {
            context.remember(UNFINISHED, role.name());
        }
        Optional<CreateRoleResponse> created =
                context.changes().apply(createCall(role, trustPolicy));
        if (!context.dryRun()) {
            String arn =
                    created.map(r -> r.role().arn())
                            .orElse(roleArn(context.account().id(), role.name()));
            context.remember(role.name(), arn);
        }
        attach(context, role.name(), role.policyArns());
        if (!context.dryRun()) {
            context.forget(UNFINISHED);
        }
    }

    private static void repair(StepContext context, String role, RoleComparison comparison) {
        if (comparison.trustDiffers()) {
            context.changes().apply(updateTrustCall(role, comparison.trustPolicy()));
        }
        attach(context, role, comparison.missingPolicyArns());
    }

    private static void attach(StepContext context, String role, List<String> policyArns) {
        for (String arn : policyArns) {
            context.changes().apply(attachCall(role, arn));
        }
    }

    static AwsCall<CreateRoleRequest, CreateRoleResponse> createCall(
            RoleDefinition role, String trustPolicy) {
        return AwsCall.iam(
                CreateRoleRequest.builder()
                        .path("/")
                        .roleName(role.name())
                        .description(role.description())
                        .assumeRolePolicyDocument(trustPolicy)
                        .tags(Tag.builder().key(TAG_KEY).value(TAG_VALUE).build())
                        .build(),
                IamClient::createRole);
    }

    static AwsCall<AttachRolePolicyRequest, AttachRolePolicyResponse> attachCall(
            String role, String policyArn) {
        return AwsCall.iam(
                AttachRolePolicyRequest.builder().roleName(role).policyArn(policyArn).build(),
                IamClient::attachRolePolicy);
    }

    static AwsCall<UpdateAssumeRolePolicyRequest, UpdateAssumeRolePolicyResponse> updateTrustCall(
            String role, String trustPolicy) {
        return AwsCall.iam(
                UpdateAssumeRolePolicyRequest.builder()
                        .roleName(role)
                        .policyDocument(trustPolicy)
                        .build(),
                IamClient::updateAssumeRolePolicy);
    }

    private static String names(List<String> policyArns) {
        return String.join(", ", policyArns.stream().map(RoleDefinition::policyName).toList());
    }
}
