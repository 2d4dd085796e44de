package dev.awsbootstrap.steps.account;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StepRecord;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.steps.account.RequiredPermissions.Kind;
import dev.awsbootstrap.steps.account.RequiredPermissions.Operation;
import dev.awsbootstrap.steps.account.RequiredPermissions.Target;
import dev.awsbootstrap.steps.budget.BudgetStep;
import dev.awsbootstrap.steps.roles.RolesStep;
import dev.awsbootstrap.steps.user.MfaDeviceStep;
import dev.awsbootstrap.steps.user.OperatorUser;
import dev.awsbootstrap.steps.user.UserStep;
import dev.awsbootstrap.wizard.Account;
import dev.awsbootstrap.wizard.StepContext;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;

/**
 * Checks, once per run and before the first change, that the caller may make the calls the run
 * still needs, so that a caller short of permissions learns all it lacks at once instead of failing
 * half-way. It asks IAM's policy simulator (iam:SimulatePrincipalPolicy) about the actions of
 * {@link RequiredPermissions}: the reads of every step, since every step reads again on each run,
 * and the changes of the steps not yet done.
 *
 * <p>The root user is not checked: IAM policies do not bind it. A user is simulated as it is, an
 * assumed role as its role; other principals are not checked. When the simulator cannot answer (no
 * permission to ask it, or an endpoint that lacks it) the run carries on, as it would without the
 * check. A denied action stops a real run with exit 1; a dry run only warns.
 */
public final class PermissionCheck {
    private static final String ASSUMED_ROLE = ":assumed-role/";

    /** What to do about actions that are missing, for the one line that lists them. */
    static final String REMEDY =
            "attach AdministratorAccess to it (or a policy that allows them), or run as the root"
                    + " user for the first run";

    /**
     * The check is advice: when the simulator fails (an emulator without it answers HTTP 500), the
     * run goes on without it at once rather than wait through the retries. The steps' own calls
     * keep the full retry strategy.
     */
    private static final SdkPlugin NO_RETRY =
            config ->
                    config.overrideConfiguration(
                            c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));

    private final Answers answers;

    public PermissionCheck(Answers answers) {
        this.answers = answers;
    }

    /** How one action fares, from allowed to explicitly denied. */
    enum Verdict {
        ALLOWED,
        /** Denied only for want of request context the simulation lacks, such as MFA. */
        UNDETERMINED,
        IMPLICITLY_DENIED,
        EXPLICITLY_DENIED
    }

    /** What the simulator said of every action, and the context keys it lacked. */
    private record Findings(Map<String, Verdict> verdicts, Set<String> missingContext) {
        List<String> with(Verdict verdict) {
            return verdicts.entrySet().stream()
                    .filter(e -> e.getValue() == verdict)
                    .map(Map.Entry::getKey)
                    .toList();
        }
    }

    /** Runs the check for the account step 0 found; its resume file is already read. */
    public void run(StepContext context, Account account) {
        if (context.offline() || !account.known() || account.callerIsRoot()) {
            return;
        }
        Console console = context.console();
        IamClient iam = context.clients().iam();
        String principal;
        Findings findings;
        try {
            Optional<String> simulated = principal(iam, account.callerArn());
            if (simulated.isEmpty()) {
                console.info(
                        "The caller is "
                                + account.callerKind()
                                + " ("
                                + account.callerArn()
                                + "): its permissions are not checked before the changes.");
                return;
            }
            principal = simulated.get();
            findings = simulate(iam, principal, resources(context, account), needed(context));
        } catch (SdkException e) {
            console.info(
                    "Could not check the caller's permissions ("
                            + context.clients().lastOperation()
                            + ": "
                            + reason(e)
                            + "); carrying on.");
            return;
        }
        report(context, principal, findings);
    }

    /**
     * The ARN to simulate for the caller: a user's own, an assumed role's role (read with
     * iam:GetRole, as a role's ARN holds its path, which the session's ARN does not), or empty for
     * other principals.
     */
    static Optional<String> principal(IamClient iam, String callerArn) {
        int assumed = callerArn.indexOf(ASSUMED_ROLE);
        if (assumed >= 0) {
            String rest = callerArn.substring(assumed + ASSUMED_ROLE.length());
            int slash = rest.indexOf('/');
            String roleName = slash < 0 ? rest : rest.substring(0, slash);
            return Optional.of(
                    iam.getRole(GetRoleRequest.builder().roleName(roleName).build()).role().arn());
        }
        if (callerArn.contains(":user/")) {
            return Optional.of(callerArn);
        }
        return Optional.empty();
    }

    /** The IAM actions the run may need, by what they act on, each once, in the table's order. */
    static Map<Target, Set<String>> needed(StepContext context) {
        ResumeState state = context.session().state();
        Map<Target, Set<String>> needed = new EnumMap<>(Target.class);
        for (String step : RequiredPermissions.stepKeys()) {
            boolean done = state.statusOf(step) == StepStatus.DONE;
            for (Operation operation : RequiredPermissions.of(step)) {
                if (operation.kind() == Kind.NOT_CHECKED
                        || (done && operation.kind() == Kind.CHANGE)) {
                    continue;
                }
                needed.computeIfAbsent(operation.target(), t -> new LinkedHashSet<>())
                        .addAll(operation.actions());
            }
        }
        return needed;
    }

    /**
     * The resources of each target, as ARNs: those of the answers or the resume file where known,
     * else with {@code *} for the name not yet chosen. Account-wide actions get none, which the
     * simulator takes as {@code *}.
     */
    private Map<Target, List<String>> resources(StepContext context, Account account) {
        String partition = account.callerArn().split(":", -1)[1];
        String iam = "arn:" + partition + ":iam::" + account.id() + ":";
        String user = answer(context, answers.user().name(), OperatorUser.NAME);
        String device = answer(context, answers.user().mfaDeviceName(), MfaDeviceStep.DEVICE_NAME);
        String budget = answer(context, answers.budget().name(), BudgetStep.NAME_ANSWER);
        Map<Target, List<String>> resources = new EnumMap<>(Target.class);
        resources.put(Target.ACCOUNT, List.of());
        resources.put(
                Target.ROLES,
                RolesStep.ROLE_NAMES.stream()
                        .map(role -> RolesStep.recordedArn(context, role))
                        .toList());
        resources.put(
                Target.USER,
                List.of(created(context, UserStep.KEY, "userArn").orElse(iam + "user/" + user)));
        resources.put(
                Target.MFA_DEVICE,
                List.of(
                        created(context, MfaDeviceStep.KEY, "mfaSerial")
                                .orElse(iam + "mfa/" + device)));
        resources.put(
                Target.BUDGET,
                List.of("arn:" + partition + ":budgets::" + account.id() + ":budget/" + budget));
        return resources;
    }

    private static String answer(StepContext context, String given, String key) {
        if (given != null) {
            return given;
        }
        return context.session().state().answer(key).orElse("*");
    }

    private static Optional<String> created(StepContext context, String step, String name) {
        StepRecord record = context.session().state().getSteps().get(step);
        return record == null
                ? Optional.empty()
                : Optional.ofNullable(record.getCreated().get(name));
    }

    /**
     * One simulation per kind of resource: the simulator tries every action on every resource of a
     * call, so a role's actions and a user's go in separate calls. The simulator's answer is
     * advice: a failure is not retried, and ends the check.
     */
    private static Findings simulate(
            IamClient iam,
            String principal,
            Map<Target, List<String>> resources,
            Map<Target, Set<String>> needed) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        Set<String> missingContext = new TreeSet<>();
        for (Map.Entry<Target, Set<String>> group : needed.entrySet()) {
            List<String> arns = resources.getOrDefault(group.getKey(), List.of());
            SimulatePrincipalPolicyRequest request =
                    SimulatePrincipalPolicyRequest.builder()
                            .policySourceArn(principal)
                            .actionNames(List.copyOf(group.getValue()))
                            .resourceArns(arns.isEmpty() ? null : arns)
                            .overrideConfiguration(o -> o.addPlugin(NO_RETRY))
                            .build();
            for (EvaluationResult result :
                    iam.simulatePrincipalPolicyPaginator(request).evaluationResults()) {
                Verdict verdict = verdict(result, missingContext);
                verdicts.merge(result.evalActionName(), verdict, PermissionCheck::worse);
            }
            // An action the simulator said nothing of is not held against the caller: the check
            // only ever stops a run for a denial it was told of.
            group.getValue().forEach(action -> verdicts.putIfAbsent(action, Verdict.ALLOWED));
        }
        return new Findings(verdicts, missingContext);
    }

    /** The worst verdict over the resources of one result. */
    private static Verdict verdict(EvaluationResult result, Set<String> missingContext) {
        if (result.resourceSpecificResults().isEmpty()) {
            return verdict(result.evalDecision(), result.missingContextValues(), missingContext);
        }
        Verdict worst = Verdict.ALLOWED;
        for (ResourceSpecificResult resource : result.resourceSpecificResults()) {
            worst =
                    worse(
                            worst,
                            verdict(
                                    resource.evalResourceDecision(),
                                    resource.missingContextValues(),
                                    missingContext));
        }
        return worst;
    }

    private static Verdict verdict(
            PolicyEvaluationDecisionType decision, List<String> missing, Set<String> lacking) {
        if (decision == PolicyEvaluationDecisionType.ALLOWED) {
            return Verdict.ALLOWED;
        }
        if (decision == PolicyEvaluationDecisionType.EXPLICIT_DENY) {
            return Verdict.EXPLICITLY_DENIED;
        }
        if (decision == PolicyEvaluationDecisionType.IMPLICIT_DENY && missing.isEmpty()) {
            return Verdict.IMPLICITLY_DENIED;
        }
        lacking.addAll(missing);
        return Verdict.UNDETERMINED;
    }

    private static Verdict worse(Verdict a, Verdict b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void report(StepContext context, String principal, Findings findings) {
        Console console = context.console();
        List<String> implicit = findings.with(Verdict.IMPLICITLY_DENIED);
        List<String> explicit = findings.with(Verdict.EXPLICITLY_DENIED);
        List<String> undetermined = findings.with(Verdict.UNDETERMINED);
        if (!undetermined.isEmpty()) {
            console.info(
                    "Could not tell whether the caller may use "
                            + String.join(", ", undetermined)
                            + ": that depends on "
                            + (findings.missingContext().isEmpty()
                                    ? "conditions"
                                    : String.join(", ", findings.missingContext()))
                            + ", which the check cannot see; carrying on.");
        }
        if (implicit.isEmpty() && explicit.isEmpty()) {
            console.info(
                    "Permissions checked: "
                            + principal
                            + " may make the calls this run needs"
                            + (undetermined.isEmpty() ? "." : ", as far as the check can tell."));
            return;
        }
        String problem = missing(principal, implicit, explicit);
        if (context.dryRun()) {
            console.warn("A real run would stop before any change: " + problem);
            return;
        }
        throw new BootstrapException(ExitCode.FAILED, problem);
    }

    /** The one line that names every missing permission and what to do. */
    static String missing(String principal, List<String> implicit, List<String> explicit) {
        StringBuilder line =
                new StringBuilder(principal).append(" lacks permissions this run needs:");
        if (!implicit.isEmpty()) {
            line.append(" not allowed ").append(String.join(", ", implicit));
        }
        if (!explicit.isEmpty()) {
            line.append(implicit.isEmpty() ? "" : ";")
                    .append(" explicitly denied ")
                    .append(String.join(", ", explicit));
        }
        line.append(". Stopped before any change: ").append(REMEDY);
        if (!explicit.isEmpty()) {
            line.append(
                    "; an explicit Deny must first be lifted from its policies, permissions"
                            + " boundary or SCPs, unless you run as root");
        }
        return line.append(".").toString();
    }

    private static String reason(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code =
                    service.awsErrorDetails() == null
                            ? null
                            : service.awsErrorDetails().errorCode();
            if (code != null && !code.isBlank()) {
                return code;
            }
            return "HTTP " + service.statusCode();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
