package dev.awsbootstrap.steps.user;

import dev.awsbootstrap.answers.AnswerRules;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.wizard.StepContext;
import java.util.List;
import software.amazon.awssdk.services.iam.model.Tag;

/** The operator's IAM user, as the user steps share it: its name and the tag of what we made. */
public final class OperatorUser {
    /** The resume file's and answers file's key of the user name. */
    public static final String NAME = "user.name";

    /** The tag that marks what aws-bootstrap made. */
    static final Tag MADE_BY = Tag.builder().key("managed-by").value("aws-bootstrap").build();

    private OperatorUser() {}

    /**
     * The user's name: from the answers file, else the resume file, else asked once. Every user
     * step asks through here, so that a dry run, which records nothing, still uses one name.
     */
    public static String name(StepContext context, Answers answers) {
        return context.ask()
                .text(
                        NAME,
                        answers.user().name(),
                        "Your IAM user name",
                        "You will sign in as this IAM user and assume the roles from it, instead"
                                + " of using the root user; use a consistent format such as"
                                + " jane.bloggs.",
                        null,
                        AnswerRules::userName);
    }

    static boolean madeByUs(List<Tag> tags) {
        return tags.contains(MADE_BY);
    }
}
