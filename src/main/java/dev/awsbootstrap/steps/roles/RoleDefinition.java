package dev.awsbootstrap.steps.roles;

import java.util.List;

/**
 * One of the roles the wizard sets up: its name, its description as the guide gives it, and the AWS
 * managed policies attached to it.
 *
 * @param managedPolicies names of AWS managed policies, such as {@code AdministratorAccess}
 */
public record RoleDefinition(String name, String description, List<String> managedPolicies) {
    private static final String MANAGED_POLICY_PREFIX = "arn:aws:iam::aws:policy/";

    public RoleDefinition {
        managedPolicies = List.copyOf(managedPolicies);
    }

    /** The ARNs of the role's managed policies, in the guide's order. */
    public List<String> policyArns() {
        return managedPolicies.stream().map(RoleDefinition::managedPolicyArn).toList();
    }

    /** The ARN of an AWS managed policy, such as {@code arn:aws:iam::aws:policy/IAMFullAccess}. */
    public static String managedPolicyArn(String policyName) {
        return MANAGED_POLICY_PREFIX + policyName;
    }

    /** A policy's name for people: the last part of its ARN. */
    static String policyName(String policyArn) {
        return policyArn.substring(policyArn.lastIndexOf('/') + 1);
    }
}
