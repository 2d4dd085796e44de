package dev.awsbootstrap.steps.account;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.AnswerRules;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.console.Console.Choice;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import java.util.List;
import java.util.Optional;

/**
 * A step that only the AWS console can do: it shows the console path, then records the operator's
 * word, {@code confirmed} or {@code later} (an open item, not a blocker). A run that cannot ask
 * waits for the operator (exit 3). Subclasses give the texts and the answers-file answer.
 */
public abstract class ConsoleOnlyStep implements Step<StepStatus> {
    private final Texts texts;
    private final String given;

    /**
     * What the operator reads and answers.
     *
     * @param key the step's key in the resume file, such as {@code billing-access}
     * @param title the step's title for the operator
     * @param answerKey the answers-file key, such as {@code billingAccess}
     * @param task what the operator does, able to start a sentence
     * @param instructions the console path, shown line by line before the question
     * @param question the yes-or-later question
     * @param confirmedMeans what answering {@code confirmed} says, such as {@code yes, it is
     *     active}
     * @param laterNote the open item shown in the summary while the work waits
     */
    public record Texts(
            String key,
            String title,
            String answerKey,
            String task,
            String instructions,
            String question,
            String confirmedMeans,
            String laterNote) {}

    /**
     * @param given the answer from the answers file, already checked, or null
     */
    protected ConsoleOnlyStep(Texts texts, String given) {
        this.texts = texts;
        this.given = given;
    }

    @Override
    public final String key() {
        return texts.key();
    }

    @Override
    public final String title() {
        return texts.title();
    }

    @Override
    public final StepStatus inspect(StepContext context) {
        return context.session().state().statusOf(texts.key());
    }

    @Override
    public final Plan plan(StepStatus recorded, StepContext context) {
        Plan plan = new Plan();
        if (recorded == StepStatus.DONE) {
            return plan.found("Confirmed in an earlier run.");
        }
        Console console = context.console();
        String answer = given;
        if (answer == null) {
            texts.instructions().lines().forEach(console::info);
            if (context.dryRun()) {
                return plan.found("A real run asks whether you have done it.")
                        .outcome(StepStatus.TO_DO, texts.laterNote());
            }
            answer = askOperator(context);
        }
        context.session().recordAnswer(texts.answerKey(), answer);
        if (answer.equals("later")) {
            return plan.found("Left for later: it stays an open item in the summary.")
                    .outcome(StepStatus.LATER, texts.laterNote());
        }
        return plan.found("Confirmed by the operator.");
    }

    private String askOperator(StepContext context) {
        String answerKey = texts.answerKey();
        Optional<String> earlier = context.session().state().answer(answerKey);
        if (!context.console().canAsk() && earlier.isPresent()) {
            return earlier.get();
        }
        if (!context.console().canAsk()) {
            throw new BootstrapException(
                    ExitCode.WAITING_FOR_OPERATOR,
                    texts.task()
                            + " is a console step: do it as shown above and answer "
                            + answerKey
                            + ": confirmed, or "
                            + answerKey
                            + ": later, in the answers file.");
        }
        return context.console()
                .choose(
                        texts.question(),
                        List.of(
                                new Choice("confirmed", texts.confirmedMeans()),
                                new Choice("later", "not now: keep it as an open item")),
                        "confirmed",
                        answer -> AnswerRules.oneOf(answer, AnswerRules.CONSOLE_STEP));
    }
}
