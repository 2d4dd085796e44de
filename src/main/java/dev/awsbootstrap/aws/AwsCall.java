package dev.awsbootstrap.aws;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One mutating AWS call, described before it is made: the request, how to send it, and which of its
 * parameters are secret. {@link AwsChanges} is the only place that sends it.
 */
public final class AwsCall<Q extends SdkRequest, R> {
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i)(password|privatekey|seed|sessiontoken)$|secret");

    private final Q request;
    private final Function<AwsClients, R> sender;
    private final Set<String> secretParameters;

    private AwsCall(Q request, Function<AwsClients, R> sender, Set<String> secretParameters) {
        this.request = request;
        this.sender = sender;
        this.secretParameters = Set.copyOf(secretParameters);
    }

    public static <Q extends SdkRequest, R> AwsCall<Q, R> iam(
            Q request, BiFunction<IamClient, Q, R> operation) {
        return new AwsCall<>(request, c -> operation.apply(c.iam(), request), Set.of());
    }

    public static <Q extends SdkRequest, R> AwsCall<Q, R> sts(
            Q request, BiFunction<StsClient, Q, R> operation) {
        return new AwsCall<>(request, c -> operation.apply(c.sts(), request), Set.of());
    }

    public static <Q extends SdkRequest, R> AwsCall<Q, R> budgets(
            Q request, BiFunction<BudgetsClient, Q, R> operation) {
        return new AwsCall<>(request, c -> operation.apply(c.budgets(), request), Set.of());
    }

    public static <Q extends SdkRequest, R> AwsCall<Q, R> account(
            Q request, BiFunction<AccountClient, Q, R> operation) {
        return new AwsCall<>(request, c -> operation.apply(c.account(), request), Set.of());
    }

    /** The same call with one more parameter (as AWS names it) shown as {@code ****}. */
    public AwsCall<Q, R> withSecret(String parameterName) {
        Set<String> secrets = new LinkedHashSet<>(secretParameters);
        secrets.add(parameterName);
        return new AwsCall<>(request, sender, secrets);
    }

    public Q request() {
        return request;
    }

    /** The service's name as the AWS CLI spells it, such as {@code iam}. */
    public String service() {
        String pkg = request.getClass().getPackageName();
        String[] parts = pkg.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals("services")) {
                return parts[i + 1];
            }
        }
        throw new IllegalStateException("Not an AWS service request: " + pkg);
    }

    /**
     * The operation's name as AWS spells it, such as {@code CreateAccountAlias}. The SDK's class
     * names write the acronym MFA as {@code Mfa}; AWS, CloudTrail and IAM policies write {@code
     * CreateVirtualMFADevice}.
     */
    public String operation() {
        String name = request.getClass().getSimpleName();
        String operation = name.endsWith("Request") ? name.substring(0, name.length() - 7) : name;
        return operation.replace("Mfa", "MFA");
    }

    /**
     * Whether a parameter is shown as {@code ****}: those marked with {@link #withSecret}, and any
     * whose name says it holds a secret, so that a forgotten mark still hides a password.
     */
    public boolean isSecret(String parameterName) {
        return secretParameters.contains(parameterName)
                || SECRET_NAME.matcher(parameterName).find();
    }

    /** The call as a copy-pasteable AWS CLI command, secrets shown as {@code ****}. */
    public String asCliCommand() {
        return CliCommandRenderer.render(this);
    }

    R send(AwsClients clients) {
        return sender.apply(clients);
    }
}
