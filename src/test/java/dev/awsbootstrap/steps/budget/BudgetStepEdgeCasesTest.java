package dev.awsbootstrap.steps.budget;

import static dev.awsbootstrap.steps.budget.BudgetFixtures.ACCOUNT;
import static dev.awsbootstrap.steps.budget.BudgetFixtures.NAME;
import static dev.awsbootstrap.steps.budget.BudgetFixtures.OPS;
import static dev.awsbootstrap.steps.budget.BudgetFixtures.alert;
import static dev.awsbootstrap.steps.budget.BudgetFixtures.alertAt;
import static dev.awsbootstrap.steps.budget.BudgetFixtures.answers;
import static dev.awsbootstrap.steps.budget.BudgetFixtures.budget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.wizard.RunReport;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.TimeUnit;
import software.amazon.awssdk.services.budgets.model.UpdateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.UpdateBudgetResponse;

/**
 * A budget whose settings differ from the answers. moto has no UpdateBudget, so a Mockito spy over
 * the moto-backed client answers it, and the test checks what the step sent.
 */
@ExtendWith(MotoExtension.class)
class BudgetStepEdgeCasesTest {
    private static final Answers HUNDRED = answers(100, List.of(80), List.of(OPS));

    @TempDir Path home;

    private MotoBudgets budgets;

    @BeforeEach
    void spyOnMoto(MotoServer moto) {
        budgets = new MotoBudgets(moto, false);
        doReturn(UpdateBudgetResponse.builder().build())
                .when(budgets.spy())
                .updateBudget(any(UpdateBudgetRequest.class));
    }

    @AfterEach
    void closeClients() {
        budgets.close();
    }

    @Test
    void updatesADifferentAmountAfterConfirmation() {
        budgets.create(budget(50, TimeUnit.MONTHLY, alert(alertAt(80), OPS)));
        TestConsole console = TestConsole.typing("y");

        RunReport report = run(HUNDRED, console);

        assertThat(report.changes()).containsExactly("budgets:UpdateBudget");
        assertThat(console.err())
                .contains("The budget Monthly-Cost-Budget: its amount is 50 USD, not 100 USD.");
        Budget sent = sentUpdate().newBudget();
        assertThat(sent.budgetName()).isEqualTo(NAME);
        assertThat(sent.budgetLimit().amount()).isEqualByComparingTo("100");
        assertThat(sent.budgetLimit().unit()).isEqualTo("USD");
        assertThat(sent.timeUnit()).isEqualTo(TimeUnit.MONTHLY);
        assertThat(sent.budgetType()).isEqualTo(BudgetType.COST);
        assertThat(sent.calculatedSpend()).isNull();
        assertThat(sent.timePeriod().end()).isEqualTo(WantedBudget.RECURRING_END);
        assertThat(savedState().statusOf(BudgetStep.KEY)).isEqualTo(StepStatus.DONE);
    }

    @Test
    void makesAnAnnualBudgetMonthlyAfterConfirmation() {
        budgets.create(budget(100, TimeUnit.ANNUALLY, alert(alertAt(80), OPS)));
        TestConsole console = TestConsole.typing("y");

        RunReport report = run(HUNDRED, console);

        assertThat(report.changes()).containsExactly("budgets:UpdateBudget");
        assertThat(console.err()).contains("its period is ANNUALLY, not MONTHLY");
        Budget sent = sentUpdate().newBudget();
        assertThat(sent.timeUnit()).isEqualTo(TimeUnit.MONTHLY);
        assertThat(sent.timePeriod()).as("a new period starts with the current month").isNull();
    }

    @Test
    void leavesTheAmountAsItIsWhenTheOperatorDeclinesAndRecordsTheRisk() {
        budgets.create(budget(50, TimeUnit.MONTHLY, alert(alertAt(80), OPS)));

        RunReport report = run(HUNDRED, TestConsole.typing("n"));

        assertThat(report.changes()).isEmpty();
        verify(budgets.spy(), never()).updateBudget(any(UpdateBudgetRequest.class));
        assertThat(report.steps())
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(StepStatus.RISK_ACCEPTED));
        ResumeState state = savedState();
        assertThat(state.statusOf(BudgetStep.KEY)).isEqualTo(StepStatus.RISK_ACCEPTED);
        assertThat(state.step(BudgetStep.KEY).getNote())
                .isEqualTo(
                        "budget Monthly-Cost-Budget left as it is: its amount is 50 USD, not"
                                + " 100 USD");
    }

    @Test
    void stillAddsAMissingAlertWhenTheUpdateIsDeclined() {
        budgets.create(budget(50, TimeUnit.MONTHLY, alert(alertAt(80), OPS)));

        RunReport report =
                run(answers(100, List.of(80, 100), List.of(OPS)), TestConsole.typing("n"));

        assertThat(report.changes()).containsExactly("budgets:CreateNotification");
        verify(budgets.spy(), never()).updateBudget(any(UpdateBudgetRequest.class));
        assertThat(savedState().statusOf(BudgetStep.KEY)).isEqualTo(StepStatus.RISK_ACCEPTED);
    }

    @Test
    void waitsForTheOperatorWhenNobodyCanConfirmTheUpdate() {
        budgets.create(budget(50, TimeUnit.MONTHLY, alert(alertAt(80), OPS)));

        assertThatThrownBy(() -> run(HUNDRED, TestConsole.nonInteractive()))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.WAITING_FOR_OPERATOR);
                            assertThat(e.getMessage())
                                    .isEqualTo(
                                            "The budget Monthly-Cost-Budget differs from the"
                                                    + " answers (its amount is 50 USD, not 100"
                                                    + " USD): run aws-bootstrap without"
                                                    + " --non-interactive to review and update"
                                                    + " it.");
                        });
        verify(budgets.spy(), never()).updateBudget(any(UpdateBudgetRequest.class));
    }

    @Test
    void readsTheSameAmountWrittenDifferentlyAsTheSame() {
        budgets.create(budget(100, TimeUnit.MONTHLY, alert(alertAt(80), OPS)));
        Answers sameAmount =
                answers(
                        new Answers.Budget(
                                NAME,
                                new BigDecimal("100.00"),
                                "USD",
                                List.of(new BigDecimal("80.0")),
                                List.of(OPS)));

        RunReport report = run(sameAmount, TestConsole.nonInteractive());

        assertThat(report.changes()).isEmpty();
    }

    private UpdateBudgetRequest sentUpdate() {
        ArgumentCaptor<UpdateBudgetRequest> sent =
                ArgumentCaptor.forClass(UpdateBudgetRequest.class);
        verify(budgets.spy()).updateBudget(sent.capture());
        assertThat(sent.getValue().accountId()).isEqualTo(ACCOUNT);
        return sent.getValue();
    }

    private RunReport run(Answers answers, TestConsole console) {
        return BudgetFixtures.run(budgets, answers, console, home);
    }

    private ResumeState savedState() {
        return new StateStore(StateStore.defaultFile(home, ACCOUNT)).load().orElseThrow();
    }
}
