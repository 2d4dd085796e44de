package dev.awsbootstrap.steps.budget;

import static dev.awsbootstrap.steps.budget.BudgetFixtures.OPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsChanges;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.testing.TestContexts;
import dev.awsbootstrap.wizard.Account;
import dev.awsbootstrap.wizard.ResumeSession;
import dev.awsbootstrap.wizard.RunReport;
import dev.awsbootstrap.wizard.StepContext;
import dev.awsbootstrap.wizard.Wizard;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget step's decisions that need no AWS at all. */
class BudgetStepTest {
    @TempDir Path home;

    private final AwsClients clients = mock(AwsClients.class);

    @Test
    void hasTheKeyAndATitleThatFitsTheSummary() {
        BudgetStep step = new BudgetStep(Answers.none());

        assertThat(step.key()).isEqualTo("budget");
        assertThat(step.title()).isEqualTo("Cost budget and alerts").hasSizeLessThan(29);
    }

    @Test
    void refusesAnotherCurrencyBeforeAnyAwsCall() {
        Answers euros =
                BudgetFixtures.answers(
                        new Answers.Budget(
                                null,
                                BigDecimal.TEN,
                                "EUR",
                                List.of(BigDecimal.ONE),
                                List.of(OPS)));

        assertThatThrownBy(() -> run(euros, TestConsole.nonInteractive()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage())
                                    .startsWith("budget.currency: \"EUR\" is not valid")
                                    .contains("USD only")
                                    .doesNotContain("\n");
                        });
        verifyNoInteractions(clients);
    }

    @Test
    void namesTheMissingAnswerWhenNobodyCanAnswer() {
        Answers noAmount =
                BudgetFixtures.answers(
                        new Answers.Budget("Monthly-Cost-Budget", null, null, null, null));
        StepContext context = TestContexts.realRun(TestConsole.nonInteractive(), clients, home);
        BudgetStep step = new BudgetStep(noAmount);
        BudgetStep.Found nothing =
                new BudgetStep.Found("Monthly-Cost-Budget", true, Optional.empty());

        assertThatThrownBy(() -> step.plan(nothing, context))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                            assertThat(e.getMessage()).startsWith("Missing answer budget.amount");
                        });
        context.session().close();
    }

    @Test
    void plansEverythingWithPlaceholdersAndReadsNothingWithoutCredentials() {
        List<String> plan = new ArrayList<>();
        ResumeSession session = new ResumeSession(Optional.empty(), home, true, Clock.systemUTC());
        StepContext context =
                new StepContext(
                        TestConsole.nonInteractive().console(),
                        clients,
                        new AwsChanges(clients, true, plan::add),
                        session,
                        true);
        context.bindAccount(Account.unknown());

        RunReport report = new Wizard(List.of(new BudgetStep(Answers.none()))).run(context);

        assertThat(report.changes()).containsExactly("budgets:CreateBudget");
        assertThat(plan)
                .singleElement()
                .asString()
                .startsWith("aws budgets create-budget --account-id ACCOUNT_ID --budget '")
                .contains("\"BudgetName\":\"Monthly-Cost-Budget\"")
                .contains("\"Amount\":\"100\"")
                .contains("\"Threshold\":80.0")
                .contains("\"Address\":\"<budget.emails>\"");
        verifyNoInteractions(clients);
    }

    @Test
    void acceptsThresholdsAndAddressesTypedWithSpaces() {
        assertThat(BudgetQuestions.thresholdsRule("50, 80,100")).isEmpty();
        assertThat(BudgetQuestions.emailsRule("a@example.com, b@example.com")).isEmpty();
    }

    @Test
    void refusesMoreThanFiveThresholdsOrTenAddressesOrRepeats() {
        assertThat(BudgetQuestions.thresholdsRule("10,20,30,40,50,60"))
                .contains("give 1 to 5 percentages, such as 80,100");
        assertThat(BudgetQuestions.thresholdsRule("80,80.0"))
                .contains("each threshold is given once");
        assertThat(BudgetQuestions.thresholdsRule("80%"))
                .contains("a threshold is a percentage such as 80, without the % sign");
        String eleven = String.join(",", Collections.nCopies(11, OPS));
        assertThat(BudgetQuestions.emailsRule(eleven)).contains("give 1 to 10 e-mail addresses");
        assertThat(BudgetQuestions.emailsRule(OPS + "," + OPS.toUpperCase()))
                .contains("each address is given once");
        assertThat(BudgetQuestions.emailsRule("not-an-address"))
                .contains("an e-mail address looks like name@example.com");
    }

    @Test
    void refusesAnAmountInAnotherCurrencyOrNotAboveZero() {
        assertThat(BudgetQuestions.amountRule("£100")).get().asString().contains("USD only");
        assertThat(BudgetQuestions.amountRule("100 EUR")).get().asString().contains("USD only");
        assertThat(BudgetQuestions.amountRule("0")).contains("a budget amount is a number above 0");
        assertThat(BudgetQuestions.amountRule("250.50")).isEmpty();
    }

    private RunReport run(Answers answers, TestConsole console) {
        StepContext context = TestContexts.realRun(console, clients, home);
        try {
            return new Wizard(List.of(new BudgetStep(answers))).run(context);
        } finally {
            context.session().close();
        }
    }
}
