package dev.awsbootstrap.steps.budget;

import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.steps.account.ConsoleOnlyStep;

/**
 * Step 9, second part: the billing alert preferences. No API sets them, so the step shows the
 * console path and records the operator's word: done now, or later (an open item, not a blocker).
 */
public final class BillingAlertsStep extends ConsoleOnlyStep {
    public static final String KEY = "billing-alerts";
    public static final String ANSWER = "billingAlerts";

    static final String INSTRUCTIONS =
            """
            Turn on the billing alert preferences in the AWS console (as root, or from AdminRole
            once IAM access to billing is active):
              1. Billing and Cost Management, then "Billing preferences".
              2. Under "Alert preferences", click "Edit".
              3. Tick "Receive AWS Free Tier alerts" and enter the e-mail address for them.
              4. Tick "Receive CloudWatch billing alerts" (older consoles: "Receive Billing
                 Alerts"), then click "Update" ("Save preferences").
            Direct link: https://console.aws.amazon.com/billing/home#/preferences
            Free Tier alerts warn before usage passes the free tier; billing alerts let CloudWatch
            alarms watch the estimated charges.""";

    static final String LATER_NOTE =
            "Turn on the billing alert preferences in the console (Billing preferences, Alert"
                    + " preferences: Free Tier alerts and CloudWatch billing alerts).";

    public BillingAlertsStep(Answers answers) {
        super(
                new Texts(
                        KEY,
                        "Billing alert preferences",
                        ANSWER,
                        "Turning on the billing alert preferences",
                        INSTRUCTIONS,
                        "Have you turned on both alert preferences?",
                        "yes, both are on",
                        LATER_NOTE),
                answers.billingAlerts());
    }
}
