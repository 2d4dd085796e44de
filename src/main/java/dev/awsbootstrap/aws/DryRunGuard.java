package dev.awsbootstrap.aws;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The second guard of a dry run: refuses, inside the SDK itself, any operation that is not a read,
 * so that a call which bypassed {@link AwsChanges} still changes nothing.
 */
final class DryRunGuard implements ExecutionInterceptor {
    @Override
    public SdkRequest modifyRequest(
            Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
        String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (operation != null && !ReadOnlyOperations.isReadOnly(operation)) {
            String service = executionAttributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            throw new DryRunViolation(service + ":" + operation);
        }
        return context.request();
    }

    /** Thrown when a dry run tries to change something. */
    static final class DryRunViolation extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        DryRunViolation(String operation) {
            super("Refused " + operation + " in a dry run: a dry run only reads.");
        }
    }
}
