package dev.awsbootstrap.status;

import java.util.Locale;

/**
 * One claim of the resume file held against the account or the local files, and what was found.
 *
 * @param step the key of the step that recorded the claim
 * @param claim what the file claims, such as {@code role AdminRole}
 * @param detail what was found, or why nothing was checked; null when there is nothing to add
 */
public record ClaimCheck(String step, String claim, Result result, String detail) {

    /** What a check found. */
    public enum Result {
        /** It exists as the file says. */
        CONFIRMED,
        /** It exists, but not as the file says: another ARN, an inactive key, another amount. */
        DIFFERS,
        /** It no longer exists. */
        MISSING,
        /** It could not be checked: no credentials, access denied, AWS out of reach. */
        NOT_CHECKED;

        /** The result in words, as the text table and JSON show it. */
        public String words() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }
}
