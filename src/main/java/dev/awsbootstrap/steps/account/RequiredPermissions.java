package dev.awsbootstrap.steps.account;

import dev.awsbootstrap.steps.budget.BillingAlertsStep;
import dev.awsbootstrap.steps.budget.BudgetStep;
import dev.awsbootstrap.steps.cliconfig.CliConfigStep;
import dev.awsbootstrap.steps.roles.RolesStep;
import dev.awsbootstrap.steps.user.AccessKeyStep;
import dev.awsbootstrap.steps.user.AssumeRolesPolicyStep;
import dev.awsbootstrap.steps.user.MfaDeviceStep;
import dev.awsbootstrap.steps.user.UserStep;
import dev.awsbootstrap.steps.verify.RootAccessKeyStep;
import dev.awsbootstrap.steps.verify.VerifyStep;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The AWS operations each step may send with the caller's credentials, and the IAM actions they
 * need: the one table the permission check reads, kept in one place so that it is easy to review
 * against the steps. A test fails when a step sends an operation missing here.
 *
 * <p>Operations are named as {@code AwsCall} names them ({@code iam:CreateRole}). Their IAM action
 * is the same name, except for Budgets, whose reads all need {@code budgets:ViewBudget} and whose
 * changes all need {@code budgets:ModifyBudget}. A call that creates a role, user or MFA device
 * with tags also needs the matching tag action.
 */
public final class RequiredPermissions {
    /** What an operation acts on: the resource ARNs the simulation uses for it. */
    public enum Target {
        /** Account-wide operations, or ones without resource-level permissions: {@code *}. */
        ACCOUNT,
        /** The three roles of the wizard. */
        ROLES,
        /** The operator's IAM user. */
        USER,
        /** The user's virtual MFA device. */
        MFA_DEVICE,
        /** The cost budget. */
        BUDGET
    }

    /** Whether the permission check simulates an operation, and as what. */
    public enum Kind {
        READ,
        CHANGE,
        /** Sent, but needing nothing of the caller; the reason is in the table's comment. */
        NOT_CHECKED
    }

    /**
     * One operation a step may send.
     *
     * @param operation as {@code service:Operation}
     * @param actions the IAM actions it needs; empty for {@link Kind#NOT_CHECKED}
     * @param target what the actions act on; null for {@link Kind#NOT_CHECKED}
     */
    public record Operation(String operation, Kind kind, List<String> actions, Target target) {
        public Operation {
            actions = List.copyOf(actions);
        }
    }

    /**
     * The reads the permission check itself sends, from the caller step: a role's real ARN, then
     * the simulation. A caller that may not make them is not checked, and the run carries on.
     */
    public static final List<String> CHECK_OPERATIONS =
            List.of("iam:GetRole", "iam:SimulatePrincipalPolicy");

    private static final Map<String, List<Operation>> BY_STEP = table();

    private RequiredPermissions() {}

    private static Map<String, List<Operation>> table() {
        Map<String, List<Operation>> steps = new LinkedHashMap<>();
        // GetCallerIdentity needs no permission: AWS answers it even under an explicit Deny.
        steps.put(CallerStep.KEY, List.of(notChecked("sts:GetCallerIdentity")));
        steps.put(RootMfaStep.KEY, List.of(read("iam:GetAccountSummary", Target.ACCOUNT)));
        steps.put(
                AccountAliasStep.KEY,
                List.of(
                        read("iam:ListAccountAliases", Target.ACCOUNT),
                        change("iam:CreateAccountAlias", Target.ACCOUNT)));
        steps.put(BillingAccessStep.KEY, List.of());
        steps.put(
                RolesStep.KEY,
                List.of(
                        read("iam:GetRole", Target.ROLES),
                        read("iam:ListAttachedRolePolicies", Target.ROLES),
                        read("iam:ListRolePolicies", Target.ROLES),
                        change("iam:CreateRole", Target.ROLES, "iam:CreateRole", "iam:TagRole"),
                        change("iam:AttachRolePolicy", Target.ROLES),
                        change("iam:UpdateAssumeRolePolicy", Target.ROLES)));
        steps.put(
                UserStep.KEY,
                List.of(
                        read("iam:GetAccountPasswordPolicy", Target.ACCOUNT),
                        read("iam:GetUser", Target.USER),
                        read("iam:GetLoginProfile", Target.USER),
                        read("iam:ListAttachedUserPolicies", Target.USER),
                        read("iam:ListUserPolicies", Target.USER),
                        read("iam:ListGroupsForUser", Target.USER),
                        change("iam:CreateUser", Target.USER, "iam:CreateUser", "iam:TagUser"),
                        change("iam:CreateLoginProfile", Target.USER)));
        steps.put(
                MfaDeviceStep.KEY,
                List.of(
                        read("iam:ListMFADevices", Target.USER),
                        read("iam:ListVirtualMFADevices", Target.ACCOUNT),
                        change(
                                "iam:CreateVirtualMFADevice",
                                Target.MFA_DEVICE,
                                "iam:CreateVirtualMFADevice",
                                "iam:TagMFADevice"),
                        change("iam:EnableMFADevice", Target.USER),
                        change("iam:DeleteVirtualMFADevice", Target.MFA_DEVICE)));
        steps.put(
                AssumeRolesPolicyStep.KEY,
                List.of(
                        read("iam:GetUserPolicy", Target.USER),
                        change("iam:PutUserPolicy", Target.USER)));
        steps.put(
                AccessKeyStep.KEY,
                List.of(
                        read("iam:ListAccessKeys", Target.USER),
                        read("iam:GetAccessKeyLastUsed", Target.USER),
                        change("iam:CreateAccessKey", Target.USER),
                        change("iam:DeleteAccessKey", Target.USER)));
        steps.put(
                BudgetStep.KEY,
                List.of(
                        budgetRead("budgets:DescribeBudget"),
                        budgetRead("budgets:DescribeNotificationsForBudget"),
                        budgetRead("budgets:DescribeSubscribersForNotification"),
                        budgetChange("budgets:CreateBudget"),
                        budgetChange("budgets:UpdateBudget"),
                        budgetChange("budgets:CreateNotification"),
                        budgetChange("budgets:CreateSubscriber")));
        steps.put(BillingAlertsStep.KEY, List.of());
        steps.put(CliConfigStep.KEY, List.of());
        // Verification signs in with the new user's access key and the role sessions it gets,
        // never with the caller's credentials.
        steps.put(
                VerifyStep.KEY,
                List.of(notChecked("sts:GetCallerIdentity"), notChecked("sts:AssumeRole")));
        // The root user's key is deleted only when the root user runs, which is never checked.
        steps.put(RootAccessKeyStep.KEY, List.of(notChecked("iam:DeleteAccessKey")));
        return Collections.unmodifiableMap(steps);
    }

    /** The operations of the step {@code key}; empty for a step that sends none. */
    public static List<Operation> of(String stepKey) {
        List<Operation> operations = BY_STEP.get(stepKey);
        if (operations == null) {
            throw new IllegalArgumentException("No permissions listed for the step " + stepKey);
        }
        return operations;
    }

    /** The step keys of the table. */
    public static Set<String> stepKeys() {
        return BY_STEP.keySet();
    }

    private static Operation read(String operation, Target target, String... actions) {
        return new Operation(operation, Kind.READ, actionsOf(operation, actions), target);
    }

    private static Operation change(String operation, Target target, String... actions) {
        return new Operation(operation, Kind.CHANGE, actionsOf(operation, actions), target);
    }

    private static Operation budgetRead(String operation) {
        return new Operation(operation, Kind.READ, List.of("budgets:ViewBudget"), Target.BUDGET);
    }

    private static Operation budgetChange(String operation) {
        return new Operation(
                operation, Kind.CHANGE, List.of("budgets:ModifyBudget"), Target.BUDGET);
    }

    private static Operation notChecked(String operation) {
        return new Operation(operation, Kind.NOT_CHECKED, List.of(), null);
    }

    private static List<String> actionsOf(String operation, String... actions) {
        return actions.length == 0 ? List.of(operation) : List.of(actions);
    }
}
