package dev.awsbootstrap.wizard;

/**
 * Who runs the wizard, in which account.
 *
 * @param id the 12-digit account id, or {@code ACCOUNT_ID} in a dry run without credentials
 * @param callerArn the caller's ARN, empty when unknown
 */
public record Account(String id, String callerArn) {
    /** The account id used in a dry run that has no credentials. */
    public static final String PLACEHOLDER_ID = "ACCOUNT_ID";

    public static Account unknown() {
        return new Account(PLACEHOLDER_ID, "");
    }

    public boolean known() {
        return !PLACEHOLDER_ID.equals(id);
    }

    public boolean callerIsRoot() {
        return callerArn.endsWith(":root");
    }

    /** What kind of principal runs the wizard, in words. */
    public String callerKind() {
        if (callerIsRoot()) {
            return "the root user";
        }
        if (callerArn.contains(":assumed-role/")) {
            return "an assumed role";
        }
        if (callerArn.contains(":user/")) {
            return "an IAM user";
        }
        return "an unknown principal";
    }
}
