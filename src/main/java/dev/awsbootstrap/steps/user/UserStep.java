package dev.awsbootstrap.steps.user;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsCall;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.PasswordPolicyViolationException;
import software.amazon.awssdk.services.iam.model.User;

/**
 * Step 5: the operator's own IAM user, with a console password and no policy of its own: its
 * permissions come from the roles it assumes. A user that exists is kept; policies attached to it
 * directly are reported, not removed. An existing console password is never replaced.
 */
public final class UserStep implements Step<UserStep.Found> {
    public static final String KEY = "user";
    static final String RESET_REQUIRED = "user.passwordResetRequired";
    static final String GENERATE = "generate";

    private final Answers answers;
    private final Function<String, String> environment;
    private final SecureRandom random;

    /**
     * @param environment the process environment, for {@code user.consolePasswordEnv}
     */
    public UserStep(Answers answers, Function<String, String> environment) {
        this(answers, environment, new SecureRandom());
    }

    UserStep(Answers answers, Function<String, String> environment, SecureRandom random) {
        this.answers = answers;
        this.environment = environment;
        this.random = random;
    }

    /** What exists of the user. */
    public record Found(
            String name,
            Optional<User> user,
            boolean hasPassword,
            List<String> attachedPolicies,
            List<String> groups,
            Optional<PasswordPolicy> passwordPolicy) {}

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Your IAM user and password";
    }

    @Override
    public Found inspect(StepContext context) {
        String name = OperatorUser.name(context, answers);
        if (context.offline()) {
            return new Found(name, Optional.empty(), false, List.of(), List.of(), Optional.empty());
        }
        IamClient iam = context.clients().iam();
        Optional<PasswordPolicy> policy = passwordPolicy(iam);
        Optional<User> user = user(iam, name);
        if (user.isEmpty()) {
            return new Found(name, user, false, List.of(), List.of(), policy);
        }
        return new Found(
                name,
                user,
                hasPassword(iam, name),
                directPolicies(iam, name),
                iam.listGroupsForUserPaginator(q -> q.userName(name)).groups().stream()
                        .map(Group::groupName)
                        .toList(),
                policy);
    }

    @Override
    public Plan plan(Found found, StepContext context) {
        Plan plan = new Plan();
        String name = found.name();
        if (found.user().isPresent()) {
            plan.found("The IAM user " + name + " exists: " + found.user().get().arn() + ".");
            rememberUser(context, found.user().get().arn());
            if (!OperatorUser.madeByUs(found.user().get().tags())) {
                plan.found(
                        name
                                + " was not made by aws-bootstrap (no managed-by tag): it is used"
                                + " as it is and gets only what it lacks.");
            }
            reportDirectPermissions(found, context.console());
        } else {
            plan.change("Create the IAM user " + name, c -> createUser(c, name));
        }
        if (found.hasPassword()) {
            rememberLoginProfile(context, name);
            plan.found(name + " has a console password already; it is left as it is.");
            return plan;
        }
        boolean resetRequired =
                context.ask()
                        .yesNo(
                                RESET_REQUIRED,
                                answers.user().passwordResetRequired(),
                                "Must " + name + " choose a new password at first sign-in?",
                                "Say no when you set the password for yourself now; yes when"
                                        + " someone else will sign in with it.",
                                false);
        if (resetRequired && !usersMayChangePasswords(found.passwordPolicy())) {
            context.console()
                    .warn(
                            name
                                    + " must choose a new password at first sign-in, which needs"
                                    + " iam:ChangePassword: turn on \"Allow users to change their"
                                    + " own password\" in the account's password policy (IAM"
                                    + " console, Account settings), as no policy is attached to"
                                    + " the user itself.");
        }
        ConsolePasswords rules = new ConsolePasswords(found.passwordPolicy());
        PasswordSource source = passwordSource(name, rules, context);
        return plan.change(
                "Give " + name + " a console password",
                c -> createLoginProfile(c, name, resetRequired, source, rules));
    }

    private static boolean usersMayChangePasswords(Optional<PasswordPolicy> policy) {
        return policy.map(p -> Boolean.TRUE.equals(p.allowUsersToChangePassword())).orElse(false);
    }

    private void reportDirectPermissions(Found found, Console console) {
        if (!found.attachedPolicies().isEmpty()) {
            console.warn(
                    found.name()
                            + " has policies attached directly ("
                            + String.join(", ", found.attachedPolicies())
                            + "): the guide grants permissions only through roles. They are left"
                            + " as they are; detach them in the IAM console if they are not"
                            + " needed.");
        }
        if (!found.groups().isEmpty()) {
            console.warn(
                    found.name()
                            + " is in the groups "
                            + String.join(", ", found.groups())
                            + ", which may grant permissions directly; they are left as they"
                            + " are.");
        }
    }

    private static void createUser(StepContext context, String name) {
        Optional<User> user =
                context.changes()
                        .apply(
                                AwsCall.iam(
                                        CreateUserRequest.builder()
                                                .userName(name)
                                                .path("/")
                                                .tags(OperatorUser.MADE_BY)
                                                .build(),
                                        IamClient::createUser))
                        .map(response -> response.user());
        user.ifPresent(u -> rememberUser(context, u.arn()));
    }

    private static void rememberUser(StepContext context, String arn) {
        if (!context.dryRun()) {
            context.remember("userArn", arn);
        }
    }

    /**
     * Where the password comes from, decided before any change so that a missing answer stops the
     * run before the user is created.
     */
    private PasswordSource passwordSource(
            String name, ConsolePasswords rules, StepContext context) {
        Answers.User user = answers.user();
        if (context.dryRun()) {
            return new PasswordSource.Given("****", "the dry run");
        }
        if (user.consolePasswordEnv() != null) {
            String variable = user.consolePasswordEnv();
            String password = environment.apply(variable);
            if (password == null || password.isEmpty()) {
                throw BootstrapException.badInput(
                        "user.consolePasswordEnv: the environment variable "
                                + variable
                                + " is not set: export it before running.");
            }
            rules.problem(password, name)
                    .ifPresent(
                            rule -> {
                                throw BootstrapException.badInput(
                                        "The password in the environment variable "
                                                + variable
                                                + " is not accepted: "
                                                + rule
                                                + ". Set a stronger one and run again.");
                            });
            return new PasswordSource.Given(password, "the environment variable " + variable);
        }
        Console console = context.console();
        if (GENERATE.equals(user.consolePassword())) {
            if (!console.canAskSecret()) {
                throw BootstrapException.badInput(
                        "user.consolePassword: generate shows the password once at a terminal,"
                                + " and there is none: run in a terminal, or use"
                                + " consolePasswordEnv.");
            }
            return new PasswordSource.Generated(rules.generate(random));
        }
        return new PasswordSource.Typed(typePassword(name, rules, context));
    }

    private static String typePassword(String name, ConsolePasswords rules, StepContext context) {
        String instead =
                "set user.consolePasswordEnv to the name of an environment variable that holds"
                        + " it, or user.consolePassword: generate";
        Console console = context.console();
        if (console.canAskSecret()) {
            console.info(
                    name
                            + " signs in to the AWS console with this password: type it twice;"
                            + " it is not shown.");
        }
        while (true) {
            String password = context.ask().secret("console password for " + name, instead);
            Optional<String> problem = rules.problem(password, name);
            if (problem.isPresent()) {
                console.warn(capitalised(problem.get()) + ". Try again.");
                continue;
            }
            String again = context.ask().secret("same password again", instead);
            if (password.equals(again)) {
                return password;
            }
            console.warn("The two passwords differ. Try again.");
        }
    }

    /** A rule as a sentence of its own: ConsolePasswords words them to follow a colon. */
    private static String capitalised(String rule) {
        return rule.isEmpty() ? rule : Character.toUpperCase(rule.charAt(0)) + rule.substring(1);
    }

    private static void createLoginProfile(
            StepContext context,
            String name,
            boolean resetRequired,
            PasswordSource source,
            ConsolePasswords rules) {
        Console console = context.console();
        if (source instanceof PasswordSource.Generated generated && !context.dryRun()) {
            // Shown before the call: a run that dies right after it has still shown the password.
            console.showSecret(
                    List.of(
                            "The console password of "
                                    + name
                                    + " (shown only this once; store"
                                    + " it in your password manager now):",
                            "",
                            "    " + generated.password(),
                            ""));
        }
        String password = source.password();
        while (true) {
            try {
                context.changes()
                        .apply(
                                AwsCall.iam(
                                                CreateLoginProfileRequest.builder()
                                                        .userName(name)
                                                        .password(password)
                                                        .passwordResetRequired(resetRequired)
                                                        .build(),
                                                IamClient::createLoginProfile)
                                        .withSecret("Password"));
                break;
            } catch (PasswordPolicyViolationException e) {
                String problem =
                        "AWS refused the password from "
                                + source.origin()
                                + ": it breaks the account's password policy (for example, a"
                                + " password used before)";
                if (!(source instanceof PasswordSource.Typed)) {
                    throw BootstrapException.badInput(problem + ". Choose another and run again.");
                }
                console.warn(problem + ". Type another one.");
                password = typePassword(name, rules, context);
            }
        }
        rememberLoginProfile(context, name);
    }

    private static void rememberLoginProfile(StepContext context, String name) {
        if (!context.dryRun()) {
            context.remember("loginProfile", name);
        }
    }

    /** The managed policies attached to the user, and its inline ones but AssumeRolesPolicy. */
    private static List<String> directPolicies(IamClient iam, String name) {
        List<String> policies = new ArrayList<>();
        iam.listAttachedUserPoliciesPaginator(q -> q.userName(name))
                .attachedPolicies()
                .forEach(p -> policies.add(p.policyName()));
        iam.listUserPoliciesPaginator(q -> q.userName(name)).policyNames().stream()
                .filter(p -> !p.equals(AssumeRolesPolicyStep.POLICY_NAME))
                .forEach(p -> policies.add(p + " (inline)"));
        return policies;
    }

    private static Optional<User> user(IamClient iam, String name) {
        try {
            return Optional.of(iam.getUser(q -> q.userName(name)).user());
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
    }

    private static boolean hasPassword(IamClient iam, String name) {
        try {
            iam.getLoginProfile(q -> q.userName(name));
            return true;
        } catch (NoSuchEntityException e) {
            return false;
        }
    }

    private static Optional<PasswordPolicy> passwordPolicy(IamClient iam) {
        try {
            return Optional.of(iam.getAccountPasswordPolicy().passwordPolicy());
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
    }

    /** Where the console password comes from; none of them is ever written down. */
    private sealed interface PasswordSource {
        String password();

        /** Where the password came from, for messages; never the password. */
        String origin();

        record Given(String password, String origin) implements PasswordSource {
            @Override
            public String toString() {
                return "Given[" + origin + "]";
            }
        }

        record Generated(String password) implements PasswordSource {
            @Override
            public String origin() {
                return "the generator";
            }

            @Override
            public String toString() {
                return "Generated";
            }
        }

        record Typed(String password) implements PasswordSource {
            @Override
            public String origin() {
                return "the prompt";
            }

            @Override
            public String toString() {
                return "Typed";
            }
        }
    }
}
