package dev.awsbootstrap.answers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks every answer against AWS's rules before the first AWS call; each problem names the key,
 * the value and the rule.
 */
public final class AnswersValidator {
    /** AWS allows at most five notifications on one budget. */
    public static final int MAX_THRESHOLDS = 5;

    /** AWS allows at most ten e-mail subscribers on one notification. */
    public static final int MAX_EMAILS = 10;

    private final Predicate<String> knownRegion;
    private final Function<String, String> environment;
    private final List<String> problems = new ArrayList<>();

    private AnswersValidator(Predicate<String> knownRegion, Function<String, String> environment) {
        this.knownRegion = knownRegion;
        this.environment = environment;
    }

    static List<String> problems(
            Answers answers, Predicate<String> knownRegion, Function<String, String> environment) {
        AnswersValidator validator = new AnswersValidator(knownRegion, environment);
        validator.checkAccount(answers);
        validator.checkUser(answers.user());
        validator.checkAccessKey(answers.accessKey());
        validator.checkBudget(answers.budget());
        return validator.problems;
    }

    private void checkAccount(Answers answers) {
        if (answers.homeRegion() != null && !knownRegion.test(answers.homeRegion())) {
            add(
                    "homeRegion",
                    answers.homeRegion(),
                    "it is not an AWS region code such as eu-west-2");
        }
        check("rootMfa", answers.rootMfa(), v -> AnswerRules.oneOf(v, AnswerRules.ROOT_MFA));
        check("accountAlias", answers.accountAlias(), AnswerRules::accountAlias);
        check(
                "billingAccess",
                answers.billingAccess(),
                v -> AnswerRules.oneOf(v, AnswerRules.CONSOLE_STEP));
        check(
                "billingAlerts",
                answers.billingAlerts(),
                v -> AnswerRules.oneOf(v, AnswerRules.CONSOLE_STEP));
    }

    private void checkUser(Answers.User user) {
        check("user.name", user.name(), AnswerRules::userName);
        check("user.mfaDeviceName", user.mfaDeviceName(), AnswerRules::mfaDeviceName);
        if (user.consolePassword() != null && !user.consolePassword().equals("generate")) {
            problems.add(
                    "user.consolePassword: a password is never written in the answers file: use"
                            + " consolePasswordEnv with the name of an environment variable, or"
                            + " consolePassword: generate.");
        }
        if (user.consolePassword() != null && user.consolePasswordEnv() != null) {
            problems.add(
                    "user.consolePasswordEnv: give either consolePasswordEnv or"
                            + " consolePassword: generate, not both.");
        }
        String variable = user.consolePasswordEnv();
        if (variable != null) {
            Optional<String> badName = AnswerRules.environmentVariableName(variable);
            if (badName.isPresent()) {
                // The value is not echoed: an operator may have pasted the password itself here.
                problems.add(
                        "user.consolePasswordEnv: the value is not an environment variable name ("
                                + badName.get()
                                + "); it is not shown, in case it is a password.");
            } else if (environment.apply(variable) == null
                    || environment.apply(variable).isEmpty()) {
                problems.add(
                        "user.consolePasswordEnv: the environment variable "
                                + variable
                                + " is not set: export it before running.");
            }
        }
        List<String> codes = user.mfaCodes();
        if (codes != null) {
            if (codes.size() != 2) {
                problems.add(
                        "user.mfaCodes: give two consecutive codes, not " + codes.size() + ".");
            }
            for (int i = 0; i < codes.size(); i++) {
                check(
                        "user.mfaCodes[" + i + "]",
                        codes.get(i),
                        code ->
                                AnswerRules.mfaCode(code)
                                        .map(rule -> rule + " (quote it in YAML)"));
            }
        }
    }

    private void checkAccessKey(Answers.AccessKey accessKey) {
        check(
                "accessKey.store",
                accessKey.store(),
                v -> AnswerRules.oneOf(v, AnswerRules.KEY_STORES));
    }

    private void checkBudget(Answers.Budget budget) {
        check("budget.name", budget.name(), AnswerRules::budgetName);
        if (budget.amount() != null) {
            AnswerRules.budgetAmount(budget.amount())
                    .ifPresent(rule -> add("budget.amount", budget.amount().toPlainString(), rule));
        }
        if (budget.currency() != null && !budget.currency().equals("USD")) {
            add("budget.currency", budget.currency(), "AWS cost budgets are in USD only");
        }
        checkThresholds(budget.thresholds());
        List<String> emails = budget.emails();
        if (emails != null) {
            if (emails.isEmpty() || emails.size() > MAX_EMAILS) {
                problems.add(
                        "budget.emails: give 1 to "
                                + MAX_EMAILS
                                + " addresses, not "
                                + emails.size()
                                + ".");
            }
            for (int i = 0; i < emails.size(); i++) {
                check("budget.emails[" + i + "]", emails.get(i), AnswerRules::email);
            }
        }
    }

    private void checkThresholds(List<BigDecimal> thresholds) {
        if (thresholds == null) {
            return;
        }
        if (thresholds.isEmpty() || thresholds.size() > MAX_THRESHOLDS) {
            problems.add(
                    "budget.thresholds: give 1 to "
                            + MAX_THRESHOLDS
                            + " thresholds, not "
                            + thresholds.size()
                            + ".");
        }
        Set<BigDecimal> seen = new HashSet<>();
        for (int i = 0; i < thresholds.size(); i++) {
            BigDecimal threshold = thresholds.get(i);
            if (threshold == null) {
                continue;
            }
            String key = "budget.thresholds[" + i + "]";
            AnswerRules.threshold(threshold)
                    .ifPresent(rule -> add(key, threshold.toPlainString(), rule));
            if (!seen.add(threshold.stripTrailingZeros())) {
                add(key, threshold.toPlainString(), "each threshold is given once");
            }
        }
    }

    private void check(String key, String value, Function<String, Optional<String>> rule) {
        if (value != null) {
            rule.apply(value).ifPresent(broken -> add(key, value, broken));
        }
    }

    private void add(String key, String value, String rule) {
        problems.add(key + ": \"" + value + "\" is not valid: " + rule + ".");
    }
}
