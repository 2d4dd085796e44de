package dev.awsbootstrap.steps.account;

import dev.awsbootstrap.answers.Answers;

/**
 * Step 3: IAM access to billing. No API turns it on for a standalone account, so the step shows the
 * console path and records the operator's word: done now, or later (an open item, not a blocker).
 */
public final class BillingAccessStep extends ConsoleOnlyStep {
    public static final String KEY = "billing-access";
    public static final String ANSWER = "billingAccess";

    static final String INSTRUCTIONS =
            """
            Activate IAM access to billing in the AWS console, signed in as root:
              1. Account menu (top right), then "Account".
              2. Scroll to "IAM User and Role Access to Billing Information", click "Edit".
              3. Tick "Activate IAM Access", then click "Update".
            Direct link: https://console.aws.amazon.com/billing/home#/account
            Without it only the root user can see costs, even from AdminRole.""";

    static final String LATER_NOTE =
            "Activate IAM access to billing in the console (Account, IAM User and Role Access to"
                    + " Billing Information).";

    public BillingAccessStep(Answers answers) {
        super(
                new Texts(
                        KEY,
                        "IAM access to billing",
                        ANSWER,
                        "IAM access to billing",
                        INSTRUCTIONS,
                        "Have you activated IAM access to billing?",
                        "yes, it is active",
                        LATER_NOTE),
                answers.billingAccess());
    }
}
