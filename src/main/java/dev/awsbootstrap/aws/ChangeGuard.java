package dev.awsbootstrap.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Refuses, inside the SDK itself, any operation that is not a read unless {@link AwsChanges} is
 * sending it. A dry run never sends through {@link AwsChanges}, so there every change is refused: a
 * call that bypassed the gateway can neither change an account nor escape the dry-run plan.
 */
final class ChangeGuard implements ExecutionInterceptor {
    private static final ThreadLocal<Boolean> SENDING = ThreadLocal.withInitial(() -> false);

    private final boolean dryRun;

    ChangeGuard(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** Runs {@code send} with changes allowed on this thread; the SDK's sync clients stay on it. */
    static <R> R allowingChanges(Supplier<R> send) {
        SENDING.set(true);
        try {
            return send.get();
        } finally {
            SENDING.set(false);
        }
    }

    @Override
    public SdkRequest modifyRequest(
            Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
        String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (operation == null || ReadOnlyOperations.isReadOnly(operation)) {
            return context.request();
        }
        if (dryRun || !SENDING.get()) {
            String service = executionAttributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            throw new RefusedChange(service + ":" + operation, dryRun);
        }
        return context.request();
    }

    /** Thrown when a change is attempted in a dry run, or outside {@link AwsChanges}. */
    static final class RefusedChange extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        RefusedChange(String operation, boolean dryRun) {
            super(
                    dryRun
                            ? "Refused " + operation + " in a dry run: a dry run only reads."
                            : "Refused " + operation + ": changes go through AwsChanges only.");
        }
    }
}
