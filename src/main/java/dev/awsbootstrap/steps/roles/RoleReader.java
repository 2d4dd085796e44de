package dev.awsbootstrap.steps.roles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
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
        List<String> arns = new ArrayList<>();
        String marker = null;
        do {
            ListAttachedRolePoliciesResponse page =
                    iam.listAttachedRolePolicies(
                            ListAttachedRolePoliciesRequest.builder()
                                    .roleName(roleName)
                                    .marker(marker)
                                    .build());
            page.attachedPolicies().forEach(p -> arns.add(p.policyArn()));
            marker = Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null;
        } while (marker != null);
        return arns;
    }

    static List<String> inlinePolicyNames(IamClient iam, String roleName) {
        List<String> names = new ArrayList<>();
        String marker = null;
        do {
            ListRolePoliciesResponse page =
                    iam.listRolePolicies(
                            ListRolePoliciesRequest.builder()
                                    .roleName(roleName)
                                    .marker(marker)
                                    .build());
            names.addAll(page.policyNames());
            marker = Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null;
        } while (marker != null);
        return names;
    }
}
