package dev.awsbootstrap.steps.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsCall;
import dev.awsbootstrap.aws.PolicyDocuments;
import dev.awsbootstrap.steps.roles.RolesStep;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;

/**
 * Step 7: the inline policy AssumeRolesPolicy, which lets the operator's user assume exactly the
 * three roles and nothing else. A policy that differs in meaning is put right, and the difference
 * is shown.
 */
public final class AssumeRolesPolicyStep implements Step<AssumeRolesPolicyStep.Found> {
    public static final String KEY = "assume-roles-policy";
    public static final String POLICY_NAME = "AssumeRolesPolicy";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Answers answers;

    public AssumeRolesPolicyStep(Answers answers) {
        this.answers = answers;
    }

    /** The user's current AssumeRolesPolicy document, if it has one. */
    public record Found(String userName, Optional<String> document) {}

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Permission to assume roles";
    }

    @Override
    public Found inspect(StepContext context) {
        String name = OperatorUser.name(context, answers);
        if (context.offline()) {
            return new Found(name, Optional.empty());
        }
        try {
            return new Found(
                    name,
                    Optional.of(
                            context.clients()
                                    .iam()
                                    .getUserPolicy(q -> q.userName(name).policyName(POLICY_NAME))
                                    .policyDocument()));
        } catch (NoSuchEntityException e) {
            return new Found(name, Optional.empty());
        }
    }

    @Override
    public Plan plan(Found found, StepContext context) {
        Plan plan = new Plan();
        String wanted =
                document(
                        RolesStep.ROLE_NAMES.stream()
                                .map(role -> RolesStep.recordedArn(context, role))
                                .toList());
        String user = found.userName();
        if (found.document().isEmpty()) {
            return plan.change(
                    "Add the inline policy " + POLICY_NAME + " to " + user,
                    c -> put(c, user, wanted));
        }
        if (PolicyDocuments.sameMeaning(found.document().get(), wanted)) {
            remember(context);
            return plan.found(user + " has the inline policy " + POLICY_NAME + " as it should be.");
        }
        context.console()
                .warn(
                        POLICY_NAME
                                + " of "
                                + user
                                + " differs from what the roles need: "
                                + PolicyDocuments.parse(found.document().get())
                                + ". It is replaced with "
                                + wanted
                                + ".");
        return plan.change(
                "Correct the inline policy " + POLICY_NAME + " of " + user,
                c -> put(c, user, wanted));
    }

    /** The policy allowing {@code sts:AssumeRole} on exactly the roles {@code roleArns}. */
    public static String document(List<String> roleArns) {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement").addObject();
        statement.put("Effect", "Allow");
        statement.put("Action", "sts:AssumeRole");
        ArrayNode resources = statement.putArray("Resource");
        roleArns.forEach(resources::add);
        return policy.toString();
    }

    private static void put(StepContext context, String user, String document) {
        context.changes()
                .apply(
                        AwsCall.iam(
                                PutUserPolicyRequest.builder()
                                        .userName(user)
                                        .policyName(POLICY_NAME)
                                        .policyDocument(document)
                                        .build(),
                                IamClient::putUserPolicy));
        remember(context);
    }

    private static void remember(StepContext context) {
        if (!context.dryRun()) {
            context.remember("inlinePolicy", POLICY_NAME);
        }
    }
}
