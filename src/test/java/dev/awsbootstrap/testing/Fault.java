package dev.awsbootstrap.testing;

import java.time.Duration;
import java.util.List;

/**
 * A failure that {@link MutationProxy} answers with instead of forwarding a request to moto, so
 * that moto never sees the faulted attempt.
 *
 * <p>Service errors are written in the protocol of the request, as AWS writes them: an XML {@code
 * ErrorResponse} for the query protocol (IAM, STS), a JSON {@code __type} for the JSON protocol
 * (Budgets), and the {@code x-amzn-ErrorType} header for REST-JSON (Account). A JSON service's own
 * name for a code may differ from the query one ({@code Throttling} is {@code ThrottlingException}
 * in Budgets), hence two codes.
 *
 * @param name how the fault is named in assertion messages
 * @param status the HTTP status of the error reply; unused for connection faults
 * @param queryCode the error code for the query protocol, or null for a reply without one
 * @param jsonCode the error code for the JSON protocols, or null for a reply without one
 * @param hold how long to hold the request before dropping the connection; zero drops it at once
 * @param dropConnection whether to drop the connection without a reply instead of answering
 */
public record Fault(
        String name,
        int status,
        String queryCode,
        String jsonCode,
        Duration hold,
        boolean dropConnection) {

    /** The error code {@code Throttling} with HTTP 400, as IAM and STS throttle. */
    public static Fault throttling() {
        return new Fault(
                "Throttling 400", 400, "Throttling", "ThrottlingException", Duration.ZERO, false);
    }

    /**
     * HTTP 429 with a plain-text body and no error code, as a proxy or load balancer in the way
     * would answer: only the status says that this is throttling.
     */
    public static Fault tooManyRequests() {
        return new Fault("HTTP 429", 429, null, null, Duration.ZERO, false);
    }

    /** HTTP 500 with the error code AWS sends for a failure on its side. */
    public static Fault internalError() {
        return new Fault(
                "HTTP 500", 500, "InternalFailure", "InternalFailure", Duration.ZERO, false);
    }

    /** HTTP 503 with the error code AWS sends when a service is briefly unavailable. */
    public static Fault serviceUnavailable() {
        return new Fault(
                "HTTP 503",
                503,
                "ServiceUnavailable",
                "ServiceUnavailableException",
                Duration.ZERO,
                false);
    }

    /** The connection closed with no reply at all, as after a reset. */
    public static Fault closedConnection() {
        return new Fault("closed connection", 0, null, null, Duration.ZERO, true);
    }

    /**
     * The request held for {@code hold}, then the connection dropped with no reply: longer than the
     * client's socket or attempt timeout, this is a read timeout.
     */
    public static Fault readTimeout(Duration hold) {
        return new Fault(
                "read timeout after " + hold.toMillis() + " ms", 0, null, null, hold, true);
    }

    /** A service error with {@code code} in every protocol, such as {@code AccessDenied}. */
    public static Fault error(String code, int status) {
        return new Fault(code + " " + status, status, code, code, Duration.ZERO, false);
    }

    /** The faults that a client should retry and that need no waiting, one of each kind. */
    public static List<Fault> quickRetryable() {
        return List.of(
                throttling(),
                tooManyRequests(),
                internalError(),
                serviceUnavailable(),
                closedConnection());
    }

    /** A message for an error reply, worded like AWS's. */
    String message() {
        if (queryCode == null) {
            return "Too Many Requests";
        }
        return switch (queryCode) {
            case "Throttling" -> "Rate exceeded";
            case "AccessDenied" ->
                    "User: arn:aws:iam::123456789012:user/bootstrap-admin is not"
                            + " authorized to perform this action";
            case "InvalidClientTokenId" -> "The security token included in the request is invalid.";
            case "ExpiredToken" -> "The security token included in the request is expired";
            default -> "Injected by the test proxy: " + name;
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
