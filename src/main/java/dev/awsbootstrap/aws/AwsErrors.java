package dev.awsbootstrap.aws;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns AWS SDK failures into one line that says what failed and what to do about it. */
public final class AwsErrors {
    private static final Set<String> ACCESS_DENIED =
            Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation");
    private static final Set<String> BAD_KEY =
            Set.of(
                    "InvalidClientTokenId",
                    "UnrecognizedClientException",
                    "SignatureDoesNotMatch",
                    "InvalidAccessKeyId");
    private static final Set<String> EXPIRED =
            Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired");
    private static final Set<String> THROTTLED =
            Set.of("Throttling", "ThrottlingException", "TooManyRequestsException");

    private AwsErrors() {}

    /** Whether {@code failure} came from the AWS SDK: a service error or a client-side one. */
    public static boolean isAwsFailure(RuntimeException failure) {
        return failure instanceof SdkException && !(failure instanceof ChangeGuard.RefusedChange);
    }

    /**
     * Describes a failure of {@code operation} (as {@code iam:CreateRole}) for the operator.
     *
     * @return an exception with exit code 1 whose message is one line
     */
    public static BootstrapException describe(RuntimeException failure, String operation) {
        if (failure instanceof BootstrapException known) {
            return known;
        }
        return new BootstrapException(ExitCode.FAILED, message(failure, operation), failure);
    }

    static String message(RuntimeException failure, String operation) {
        if (failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return serviceMessage(aws, operation);
        }
        if (failure instanceof SdkClientException client) {
            return clientMessage(client, operation);
        }
        return operation
                + " failed: "
                + firstLine(failure.getMessage())
                + ". Run again to resume; --verbose shows the details.";
    }

    private static String serviceMessage(AwsServiceException aws, String operation) {
        String code = aws.awsErrorDetails().errorCode();
        String detail = firstLine(aws.awsErrorDetails().errorMessage());
        if (code != null && ACCESS_DENIED.contains(code)) {
            return "AWS denied "
                    + operation
                    + " ("
                    + detail
                    + "): grant the caller the "
                    + operation
                    + " permission, or run as a principal that has it, then run again to"
                    + " resume.";
        }
        if (code != null && BAD_KEY.contains(code)) {
            return "AWS does not accept the access key used for "
                    + operation
                    + " ("
                    + code
                    + (code.equals("SignatureDoesNotMatch")
                            ? ": its secret key is wrong"
                            : ": the key is unknown, deleted or inactive")
                    + "): check the credentials of the profile or environment (aws configure"
                    + " list shows which are used), then run again to resume.";
        }
        if (code != null && EXPIRED.contains(code)) {
            return "The session credentials used for "
                    + operation
                    + " have expired ("
                    + code
                    + "): get new ones (for example with aws sso login), then run again to"
                    + " resume.";
        }
        if (code != null && THROTTLED.contains(code)) {
            return "AWS kept throttling "
                    + operation
                    + " after "
                    + AwsClients.MAX_ATTEMPTS
                    + " attempts: wait a minute, then run again to resume.";
        }
        return operation
                + " failed: "
                + code
                + ": "
                + detail
                + ". Run again to resume; --verbose shows the details.";
    }

    private static String clientMessage(SdkClientException client, String operation) {
        String text = String.valueOf(client.getMessage());
        if (text.contains("Unable to load credentials")) {
            return NO_CREDENTIALS;
        }
        return "Could not reach AWS for "
                + operation
                + " ("
                + firstLine(text)
                + "): check the network, the proxy or --endpoint-url, then run again.";
    }

    /** What to say when no credentials can be found. */
    public static final String NO_CREDENTIALS =
            "No AWS credentials found: run aws configure, set AWS_PROFILE or AWS_ACCESS_KEY_ID"
                    + " and AWS_SECRET_ACCESS_KEY, or pass --profile NAME; --dry-run works"
                    + " without them.";

    private static String firstLine(String text) {
        if (text == null) {
            return "no details";
        }
        String line = text.strip().lines().findFirst().orElse("no details");
        int requestId = line.indexOf(" (Service:");
        return requestId > 0 ? line.substring(0, requestId) : line;
    }
}
