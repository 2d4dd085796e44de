package dev.awsbootstrap.steps.budget;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.answers.AnswerRules;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.answers.AnswersValidator;
import dev.awsbootstrap.console.Console.Choice;
import dev.awsbootstrap.wizard.StepContext;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The budget's answers: from the answers file, the resume file or the prompt, each checked by the
 * same rule wherever it comes from. Lists are kept in the resume file as comma-separated text.
 */
final class BudgetQuestions {
    static final String NAME = "budget.name";
    static final String AMOUNT = "budget.amount";
    static final String CURRENCY = "budget.currency";
    static final String THRESHOLDS = "budget.thresholds";
    static final String EMAILS = "budget.emails";

    static final String DEFAULT_NAME = "Monthly-Cost-Budget";

    /** The guide's example amount: what Enter gives at the prompt, and what a dry run shows. */
    static final String DEFAULT_AMOUNT = "100";

    static final String DEFAULT_THRESHOLDS = "80";

    private static final Pattern NUMBER = Pattern.compile("^\\d+(\\.\\d+)?$");

    /** The guide's default alert, then its suggested extra ones. */
    private static final List<Choice> THRESHOLD_CHOICES =
            List.of(
                    new Choice("80", "one alert at 80 % of the budget, as the guide suggests"),
                    new Choice("80,100", "also when the budget is spent"),
                    new Choice("50,80,100", "from half the budget on"),
                    new Choice("50,80,100,120", "all the guide's thresholds, up to 120 %"));

    private BudgetQuestions() {}

    /** Fails, before any AWS call, when the answers ask for a currency AWS does not take. */
    static void requireUsd(Answers.Budget answers) {
        String currency = answers.currency();
        if (currency != null && !currency.equals(WantedBudget.USD)) {
            throw BootstrapException.badInput(
                    CURRENCY
                            + ": \""
                            + currency
                            + "\" is not valid: AWS cost budgets are in USD only; set "
                            + CURRENCY
                            + ": USD, or leave it out, and give budget.amount in US dollars.");
        }
    }

    static String name(Answers.Budget answers, StepContext context) {
        return checked(
                NAME,
                context.ask()
                        .text(
                                NAME,
                                answers.name(),
                                "Budget name",
                                "The budget's name in AWS Budgets; a budget of that name that"
                                        + " exists already is compared, not replaced.",
                                DEFAULT_NAME,
                                AnswerRules::budgetName),
                AnswerRules::budgetName);
    }

    /** The rest of the budget's answers, asked where missing. */
    static WantedBudget ask(String name, Answers.Budget answers, StepContext context) {
        String amount =
                context.ask()
                        .text(
                                AMOUNT,
                                answers.amount() == null ? null : answers.amount().toPlainString(),
                                "Monthly budget, in US dollars",
                                "AWS cost budgets are in USD only; the alerts are percentages of"
                                        + " this amount.",
                                DEFAULT_AMOUNT,
                                BudgetQuestions::amountRule);
        String thresholds =
                context.ask()
                        .choice(
                                THRESHOLDS,
                                joined(answers.thresholds(), BigDecimal::toPlainString),
                                "Alert at which percentages of the budget?",
                                "An e-mail goes out when the month's actual cost passes each"
                                        + " percentage. Pick a line, or type up to "
                                        + AnswersValidator.MAX_THRESHOLDS
                                        + " percentages separated by commas.",
                                THRESHOLD_CHOICES,
                                DEFAULT_THRESHOLDS,
                                BudgetQuestions::thresholdsRule);
        String emails =
                context.ask()
                        .text(
                                EMAILS,
                                joined(answers.emails(), String::toString),
                                "E-mail addresses for the alerts",
                                "Each alert is e-mailed to these addresses: up to "
                                        + AnswersValidator.MAX_EMAILS
                                        + ", separated by commas.",
                                null,
                                BudgetQuestions::emailsRule);
        return new WantedBudget(
                name,
                new BigDecimal(checked(AMOUNT, amount, BudgetQuestions::amountRule)),
                thresholds(checked(THRESHOLDS, thresholds, BudgetQuestions::thresholdsRule)),
                emails(emails, context));
    }

    static Optional<String> amountRule(String amount) {
        if (!NUMBER.matcher(amount).matches()) {
            return Optional.of(
                    "type the amount in US dollars as a plain number, such as 100: AWS cost"
                            + " budgets are in USD only");
        }
        return AnswerRules.budgetAmount(new BigDecimal(amount));
    }

    static Optional<String> thresholdsRule(String answer) {
        List<String> items = items(answer);
        if (items.isEmpty() || items.size() > AnswersValidator.MAX_THRESHOLDS) {
            return Optional.of(
                    "give 1 to "
                            + AnswersValidator.MAX_THRESHOLDS
                            + " percentages, such as 80,100");
        }
        Set<BigDecimal> seen = new HashSet<>();
        for (String item : items) {
            if (!NUMBER.matcher(item).matches()) {
                return Optional.of("a threshold is a percentage such as 80, without the % sign");
            }
            BigDecimal threshold = new BigDecimal(item);
            Optional<String> broken = AnswerRules.threshold(threshold);
            if (broken.isPresent()) {
                return broken;
            }
            if (!seen.add(threshold.stripTrailingZeros())) {
                return Optional.of("each threshold is given once");
            }
        }
        return Optional.empty();
    }

    static Optional<String> emailsRule(String answer) {
        List<String> items = items(answer);
        if (items.isEmpty() || items.size() > AnswersValidator.MAX_EMAILS) {
            return Optional.of("give 1 to " + AnswersValidator.MAX_EMAILS + " e-mail addresses");
        }
        Set<String> seen = new HashSet<>();
        for (String item : items) {
            Optional<String> broken = AnswerRules.email(item);
            if (broken.isPresent()) {
                return broken;
            }
            if (!seen.add(item.toLowerCase(Locale.ROOT))) {
                return Optional.of("each address is given once");
            }
        }
        return Optional.empty();
    }

    /**
     * The answer, once its rule holds. The answers file was checked before the run, and typed
     * answers at the prompt, so only a changed resume file breaks it: the run then stops.
     */
    private static String checked(
            String key, String value, Function<String, Optional<String>> rule) {
        Optional<String> broken = rule.apply(value);
        if (broken.isPresent()) {
            throw BootstrapException.badInput(
                    key
                            + ": \""
                            + value
                            + "\" is not valid: "
                            + broken.get()
                            + ". Give "
                            + key
                            + " in the answers file.");
        }
        return value;
    }

    /** The e-mail addresses; in a dry run that could not ask for them, the placeholder. */
    private static List<String> emails(String value, StepContext context) {
        if (context.dryRun() && emailsRule(value).isPresent()) {
            return List.of(value);
        }
        return items(checked(EMAILS, value, BudgetQuestions::emailsRule));
    }

    private static List<BigDecimal> thresholds(String answer) {
        return items(answer).stream().map(BigDecimal::new).toList();
    }

    private static List<String> items(String answer) {
        return Arrays.stream(answer.split(","))
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    private static <T> String joined(List<T> values, Function<T, String> text) {
        return values == null ? null : String.join(",", values.stream().map(text).toList());
    }
}
