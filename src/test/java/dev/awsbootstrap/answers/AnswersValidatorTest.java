package dev.awsbootstrap.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswersValidatorTest {
    private static final Predicate<String> REGIONS =
            Set.of("eu-west-1", "eu-west-2", "us-east-1")::contains;
    private static final Function<String, String> ENVIRONMENT =
            Map.of("BOOTSTRAP_PASSWORD", "from-the-environment")::get;

    @Test
    void acceptsTheSampleOfTheDesign() throws Exception {
        byte[] sample;
        try (var in = getClass().getResourceAsStream("design-sample.yaml")) {
            sample = in.readAllBytes();
        }

        assertThat(problems(new String(sample, StandardCharsets.UTF_8))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "accountAlias: Acme-Data|accountAlias: \"Acme-Data\" is not valid: an account alias"
                        + " has only lowercase letters",
                "accountAlias: acme_data|accountAlias: \"acme_data\" is not valid",
                "accountAlias: acme--data|accountAlias: \"acme--data\" is not valid",
                "accountAlias: '123456789012'|an account alias cannot be 12 digits",
                "accountAlias: ab|an account alias has 3 to 63 characters",
                "accountAlias: -acme|accountAlias: \"-acme\" is not valid",
                "homeRegion: eu-west-9|homeRegion: \"eu-west-9\" is not valid: it is not an AWS"
                        + " region code",
                "rootMfa: maybe|rootMfa: \"maybe\" is not valid: use one of accept-risk, require",
                "billingAccess: yes|billingAccess: \"yes\" is not valid: use one of confirmed,"
                        + " later",
                "user: {name: jane bloggs}|user.name: \"jane bloggs\" is not valid",
                "user: {consolePassword: hunter2}|user.consolePassword: a password is never"
                        + " written in the answers file",
                "user: {consolePasswordEnv: MISSING_VAR}|the environment variable MISSING_VAR is"
                        + " not set",
                "user: {mfaCodes: ['12345', '654321']}|user.mfaCodes[0]: \"12345\" is not valid:"
                        + " an MFA code is exactly 6 digits",
                "user: {mfaCodes: ['123456']}|user.mfaCodes: give two consecutive codes, not 1.",
                "accessKey: {store: clipboard}|accessKey.store: \"clipboard\" is not valid",
                "budget: {currency: GBP}|budget.currency: \"GBP\" is not valid: AWS cost budgets"
                        + " are in USD only",
                "budget: {amount: 0}|budget.amount: \"0\" is not valid: a budget amount is a"
                        + " number above 0",
                "budget: {amount: -5}|budget.amount: \"-5\" is not valid",
                "budget: {thresholds: [80, 80]}|budget.thresholds[1]: \"80\" is not valid: each"
                        + " threshold is given once",
                "budget: {thresholds: [-10]}|budget.thresholds[0]: \"-10\" is not valid",
                "budget: {thresholds: [10, 20, 30, 40, 50, 60]}|budget.thresholds: give 1 to 5"
                        + " thresholds, not 6.",
                "budget: {emails: [ops.example.com]}|budget.emails[0]: \"ops.example.com\" is not"
                        + " valid: an e-mail address looks like name@example.com",
            })
    void namesTheKeyTheValueAndTheRule(String yaml, String expected) {
        assertThat(problems(yaml)).singleElement().asString().contains(expected);
    }

    @Test
    void neverEchoesWhatMayBeAPasswordPastedInPlaceOfAVariableName() {
        assertThat(problems("user: {consolePasswordEnv: 'Hunter2 Pa55!'}"))
                .singleElement()
                .asString()
                .contains("user.consolePasswordEnv", "not shown")
                .doesNotContain("Hunter2");
    }

    private static List<String> problems(String yaml) {
        Answers answers =
                AnswersFile.parse("a.yaml", yaml.getBytes(StandardCharsets.UTF_8)).answers();
        return AnswersValidator.problems(answers, REGIONS, ENVIRONMENT);
    }
}
