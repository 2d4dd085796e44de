package dev.awsbootstrap.aws;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;

/**
 * Renders an {@link AwsCall} as the AWS CLI command that makes the same call, with the CLI's
 * spelling of names ({@code --virtual-mfa-device-name}) and nested values as JSON.
 */
final class CliCommandRenderer {
    static final String MASK = "****";

    private static final Pattern FIRST_CAP = Pattern.compile("(.)([A-Z][a-z]+)");
    private static final Pattern END_CAP = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@,+%-]+");

    private CliCommandRenderer() {}

    static String render(AwsCall<?, ?> call) {
        StringBuilder command = new StringBuilder("aws ").append(call.service());
        command.append(' ').append(cliName(call.operation()));
        SdkRequest request = call.request();
        for (SdkField<?> field : request.sdkFields()) {
            Object value = field.getValueOrDefault(request);
            if (value == null || isEmptyAutoCollection(value)) {
                continue;
            }
            String option = "--" + cliName(field.locationName());
            if (call.isSecret(field.locationName())) {
                command.append(' ').append(option).append(' ').append(quote(MASK));
            } else if (value instanceof Boolean flag) {
                command.append(' ').append(flag ? option : "--no-" + option.substring(2));
            } else {
                command.append(' ').append(option).append(' ').append(quote(scalarOrJson(value)));
            }
        }
        return command.toString();
    }

    /** {@code VirtualMFADeviceName} becomes {@code virtual-mfa-device-name}, as botocore does. */
    static String cliName(String awsName) {
        String spaced = FIRST_CAP.matcher(awsName).replaceAll("$1-$2");
        return END_CAP.matcher(spaced).replaceAll("$1-$2").toLowerCase(Locale.ROOT);
    }

    static String quote(String value) {
        if (SHELL_SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static boolean isEmptyAutoCollection(Object value) {
        return (value instanceof Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    private static String scalarOrJson(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof String || value instanceof Number) {
            return value.toString();
        }
        StringBuilder json = new StringBuilder();
        appendJson(json, value);
        return json.toString();
    }

    private static void appendJson(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof SdkPojo pojo) {
            appendPojo(json, pojo);
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.append(separator);
                appendString(json, String.valueOf(entry.getKey()));
                json.append(':');
                appendJson(json, entry.getValue());
                separator = ",";
            }
            json.append('}');
        } else if (value instanceof List<?> list) {
            json.append('[');
            String separator = "";
            for (Object item : list) {
                json.append(separator);
                appendJson(json, item);
                separator = ",";
            }
            json.append(']');
        } else if (value instanceof BigDecimal decimal) {
            // The SDK maps string shapes that hold a number, such as the Budgets amount, to
            // BigDecimal and sends them as strings; the AWS CLI takes them only as strings.
            appendString(json, decimal.toPlainString());
        } else if (value instanceof Number || value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof Instant instant) {
            json.append(instant.getEpochSecond());
        } else {
            appendString(json, value.toString());
        }
    }

    private static void appendPojo(StringBuilder json, SdkPojo pojo) {
        json.append('{');
        String separator = "";
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || isEmptyAutoCollection(value)) {
                continue;
            }
            json.append(separator);
            appendString(json, field.memberName());
            json.append(':');
            appendJson(json, value);
            separator = ",";
        }
        json.append('}');
    }

    private static void appendString(StringBuilder json, String text) {
        json.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
