package dev.awsbootstrap.steps.roles;

import java.util.List;
import java.util.Map;

/**
 * A role as IAM reports it.
 *
 * @param trustPolicy the assume-role policy document as IAM returns it, usually URL-encoded
 * @param description the description, or empty when the role has none
 * @param tags the role's tags by key
 * @param attachedPolicyArns the managed policies attached to it
 * @param inlinePolicyNames the names of its inline policies
 */
public record ExistingRole(
        String name,
        String arn,
        String path,
        String description,
        String trustPolicy,
        Map<String, String> tags,
        List<String> attachedPolicyArns,
        List<String> inlinePolicyNames) {

    public ExistingRole {
        tags = Map.copyOf(tags);
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
        inlinePolicyNames = List.copyOf(inlinePolicyNames);
    }

    /** Whether aws-bootstrap created the role: it carries the {@code managed-by} tag. */
    public boolean madeByAwsBootstrap() {
        return RolesStep.TAG_VALUE.equals(tags.get(RolesStep.TAG_KEY));
    }
}
