package dev.awsbootstrap.steps.roles;

import dev.awsbootstrap.aws.PolicyDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How an existing role differs from what the wizard sets up. A different trust policy and missing
 * managed policies are drift, which the wizard repairs on confirmation; anything else (more
 * policies, inline policies, another description or path) is only reported.
 */
final class RoleComparison {
    private final RoleDefinition wanted;
    private final ExistingRole found;
    private final String trustPolicy;
    private final Optional<TrustDifference> trustDifference;
    private final List<String> missingPolicyArns;

    private RoleComparison(
            RoleDefinition wanted,
            ExistingRole found,
            String trustPolicy,
            Optional<TrustDifference> trustDifference) {
        this.wanted = wanted;
        this.found = found;
        this.trustPolicy = trustPolicy;
        this.trustDifference = trustDifference;
        this.missingPolicyArns =
                wanted.policyArns().stream()
                        .filter(arn -> !found.attachedPolicyArns().contains(arn))
                        .toList();
    }

    /**
     * Compares {@code found} with {@code wanted} and the trust policy for {@code accountId}, with
     * or without MFA.
     */
    static RoleComparison of(
            RoleDefinition wanted, ExistingRole found, String accountId, boolean requireMfa) {
        String trust = TrustPolicy.document(accountId, requireMfa);
        return new RoleComparison(
                wanted, found, trust, trustDifference(found, accountId, requireMfa, trust));
    }

    private static Optional<TrustDifference> trustDifference(
            ExistingRole found, String accountId, boolean requireMfa, String trust) {
        if (sameMeaning(found.trustPolicy(), trust)) {
            return Optional.empty();
        }
        if (sameMeaning(found.trustPolicy(), TrustPolicy.document(accountId, !requireMfa))) {
            String summary =
                    requireMfa
                            ? "the trust policy does not require MFA"
                            : "the trust policy requires MFA, which roles.requireMfa turns off";
            return Optional.of(new TrustDifference(summary, summary));
        }
        return Optional.of(
                new TrustDifference(
                        "the trust policy differs",
                        "the trust policy differs: it is "
                                + shown(found.trustPolicy())
                                + ", expected "
                                + trust));
    }

    private static boolean sameMeaning(String current, String wanted) {
        try {
            return PolicyDocuments.sameMeaning(current, wanted);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The trust policy the role should have. */
    String trustPolicy() {
        return trustPolicy;
    }

    boolean trustDiffers() {
        return trustDifference.isPresent();
    }

    /** The role's managed policies that are not attached, as ARNs. */
    List<String> missingPolicyArns() {
        return missingPolicyArns;
    }

    /** Whether the role has no drift at all. */
    boolean inPlace() {
        return !trustDiffers() && missingPolicyArns.isEmpty();
    }

    /** Whether only managed policies are missing from the role. */
    boolean onlyPoliciesMissing() {
        return !trustDiffers() && !missingPolicyArns.isEmpty();
    }

    /** The drift, one line per difference, each naming the role. */
    List<String> drift() {
        List<String> lines = new ArrayList<>();
        trustDifference.ifPresent(d -> lines.add(found.name() + ": " + d.detail() + "."));
        for (String arn : missingPolicyArns) {
            lines.add(
                    found.name()
                            + ": the managed policy "
                            + RoleDefinition.policyName(arn)
                            + " is not attached.");
        }
        return lines;
    }

    /** The drift in a few words, for one line, such as {@code IAMFullAccess is not attached}. */
    String driftSummary() {
        List<String> parts = new ArrayList<>();
        trustDifference.ifPresent(d -> parts.add(d.summary()));
        for (String arn : missingPolicyArns) {
            parts.add(RoleDefinition.policyName(arn) + " is not attached");
        }
        return String.join(", ", parts);
    }

    /** What differs but is left alone, one line each. */
    List<String> leftAlone() {
        List<String> lines = new ArrayList<>();
        String name = found.name();
        if (!found.madeByAwsBootstrap()) {
            lines.add(
                    name
                            + " exists but was not made by aws-bootstrap (no managed-by tag): it is"
                            + " compared with what the wizard sets up, and nothing is removed.");
        }
        if (!"/".equals(found.path())) {
            lines.add(name + " has the path " + found.path() + " rather than /: left alone.");
        }
        if (!wanted.description().equals(found.description())) {
            lines.add(
                    name
                            + " has the description \""
                            + found.description()
                            + "\" rather than \""
                            + wanted.description()
                            + "\": left alone.");
        }
        for (String arn : found.attachedPolicyArns()) {
            if (!wanted.policyArns().contains(arn)) {
                lines.add(name + " also has the policy " + arn + " attached: left alone.");
            }
        }
        for (String policy : found.inlinePolicyNames()) {
            lines.add(name + " has the inline policy " + policy + ": left alone.");
        }
        return lines;
    }

    private static String shown(String document) {
        try {
            return PolicyDocuments.compact(document);
        } catch (IllegalArgumentException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    /** A trust policy difference: in a few words, and in full with both documents if need be. */
    private record TrustDifference(String summary, String detail) {}
}
