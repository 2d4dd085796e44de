package dev.awsbootstrap.steps.roles;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The trust policy of the roles: principals of the account itself may assume them, as far as their
 * own policies allow, and, when MFA is required, only from a session signed in with MFA.
 */
final class TrustPolicy {
    static final String VERSION = "2012-10-17";
    static final String MFA_PRESENT = "aws:MultiFactorAuthPresent";

    private TrustPolicy() {}

    /** The document as compact JSON, ready for CreateRole and UpdateAssumeRolePolicy. */
    static String document(String accountId, boolean requireMfa) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode statement = nodes.objectNode();
        statement.put("Effect", "Allow");
        statement.putObject("Principal").put("AWS", "arn:aws:iam::" + accountId + ":root");
        statement.put("Action", "sts:AssumeRole");
        if (requireMfa) {
            statement.putObject("Condition").putObject("Bool").put(MFA_PRESENT, "true");
        }
        ObjectNode policy = nodes.objectNode();
        policy.put("Version", VERSION);
        policy.putArray("Statement").add(statement);
        return policy.toString();
    }
}
