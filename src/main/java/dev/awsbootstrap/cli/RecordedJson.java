package dev.awsbootstrap.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awsbootstrap.status.Recorded;
import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * The fields of the JSON summary that say what the account has, shared by the wizard's summary and
 * {@code status}: role ARNs, user, MFA serial, access key id (never the secret), budget, profiles.
 */
final class RecordedJson {
    private RecordedJson() {}

    /** Adds the fields to {@code root}; a field the resume file has no value for is null. */
    static void put(ObjectNode root, Recorded recorded) {
        root.put("userArn", recorded.userArn().orElse(null));
        ObjectNode roles = root.putObject("roles");
        recorded.roles().forEach(roles::put);
        root.put("mfaSerial", recorded.mfaSerial().orElse(null));
        root.put("inlinePolicy", recorded.inlinePolicy().orElse(null));
        root.put("accessKeyId", recorded.accessKeyId().orElse(null));
        if (recorded.budget().isPresent()) {
            Recorded.Budget budget = recorded.budget().get();
            ObjectNode node = root.putObject("budget");
            node.put("name", budget.name());
            budget.amount()
                    .ifPresentOrElse(a -> number(node, "amount", a), () -> node.putNull("amount"));
            node.put("currency", budget.currency());
            ArrayNode thresholds = node.putArray("thresholds");
            budget.thresholds().forEach(t -> number(thresholds, t));
            ArrayNode emails = node.putArray("emails");
            budget.emails().forEach(emails::add);
        } else {
            root.putNull("budget");
        }
        root.put("configFile", recorded.configFile().map(Path::toString).orElse(null));
        ArrayNode profiles = root.putArray("profiles");
        recorded.profiles().forEach(profiles::add);
    }

    private static void number(ObjectNode node, String field, String value) {
        try {
            node.put(field, new BigDecimal(value));
        } catch (NumberFormatException e) {
            node.put(field, value);
        }
    }

    private static void number(ArrayNode array, String value) {
        try {
            array.add(new BigDecimal(value));
        } catch (NumberFormatException e) {
            array.add(value);
        }
    }
}
