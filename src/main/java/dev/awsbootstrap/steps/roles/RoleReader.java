package dev.awsbootstrap.steps.roles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** Reads a role and what is attached to it, with read-only calls, every page of each list. */
final class RoleReader {
    private RoleReader() {}

    /** The role named {@code roleName}, or empty when the account has none of that name. */
    static Optional<ExistingRole> read(IamClient iam, String roleName) {
        Role role;
        try {
            role = iam.getRole(GetRoleRequest.builder().roleName(roleName).build()).role();
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : role.tags()) {
            tags.put(tag.key(), tag.value());
        }
        return Optional.of(
                new ExistingRole(
                        role.roleName(),
                        role.arn(),
                        role.path(),
                        role.description() == null ? "" : role.description(),
                        role.assumeRolePolicyDocument(),
                        tags,
                        attachedPolicyArns(iam, roleName),
                        inlinePolicyNames(iam, roleName)));
    }

    static List<String> attachedPolicyArns(IamClient iam, String roleName) {
        return iam
                .listAttachedRolePoliciesPaginator(q -> q.roleName(roleName))
                .attachedPolicies()
                .stream()
                .map(AttachedPolicy::policyArn)
                .toList();
    }

    static List<String> inlinePolicyNames(IamClient iam, String roleName) {
        return iam.listRolePoliciesPaginator(q -> q.roleName(roleName)).policyNames().stream()
                .toList();
    }
}
