package dev.awsbootstrap.status;

import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StepRecord;
import dev.awsbootstrap.state.StepStatus;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a resume file says the account has: the names, ARNs and ids that the steps recorded as
 * created, with the answers that describe them. Never a secret: the file holds none.
 *
 * @param roles each role's name and ARN
 * @param loginProfile whether the user step recorded a console password (not the password)
 * @param configFile the AWS config file the profiles were written to
 * @param profiles the names of the profiles written, {@code default} first
 * @param rootMfa whether the root MFA step is done: the root user has MFA
 * @param noRootAccessKey whether a run deleted the root user's access key: root has none now (a run
 *     that did not sign in with one claims nothing about root's keys)
 */
public record Recorded(
        String accountId,
        Optional<String> alias,
        Map<String, String> roles,
        Optional<String> userName,
        Optional<String> userArn,
        boolean loginProfile,
        Optional<String> mfaSerial,
        Optional<String> inlinePolicy,
        Optional<String> accessKeyId,
        Optional<Budget> budget,
        Optional<Path> configFile,
        List<String> profiles,
        boolean rootMfa,
        boolean noRootAccessKey) {

    /** Step keys, as the steps name themselves in the resume file. */
    static final String ROOT_MFA_STEP = "root-mfa";

    static final String ALIAS_STEP = "account-alias";

    static final String ROLES_STEP = "roles";
    static final String USER_STEP = "user";
    static final String MFA_STEP = "user-mfa";
    static final String POLICY_STEP = "assume-roles-policy";
    static final String KEY_STEP = "access-key";
    static final String BUDGET_STEP = "budget";
    static final String PROFILES_STEP = "cli-config";
    static final String ROOT_KEY_STEP = "root-access-key";
    static final String DELETED_ROOT_KEY = "deletedRootAccessKeyId";

    /** Markers of work under way that the roles step records beside the role ARNs. */
    private static final String UNFINISHED_ROLE = "unfinishedRole";

    /**
     * The budget as answered and recorded.
     *
     * @param amount the monthly limit as the answer gave it, such as {@code 100}
     * @param thresholds percentages of the limit, on actual cost
     */
    public record Budget(
            String name,
            Optional<String> amount,
            String currency,
            List<String> thresholds,
            List<String> emails) {}

    public static Recorded of(ResumeState state) {
        Map<String, String> roles = new LinkedHashMap<>(created(state, ROLES_STEP));
        roles.remove(UNFINISHED_ROLE);
        Map<String, String> user = created(state, USER_STEP);
        Optional<String> userArn = Optional.ofNullable(user.get("userArn"));
        Optional<String> userName =
                state.answer("user.name").or(() -> userArn.map(a -> a.replaceFirst(".*/", "")));
        Map<String, String> profiles = created(state, PROFILES_STEP);
        return new Recorded(
                state.getAccountId(),
                Optional.ofNullable(created(state, ALIAS_STEP).get("accountAlias")),
                roles,
                userName,
                userArn,
                user.containsKey("loginProfile"),
                Optional.ofNullable(created(state, MFA_STEP).get("mfaSerial")),
                Optional.ofNullable(created(state, POLICY_STEP).get("inlinePolicy")),
                Optional.ofNullable(created(state, KEY_STEP).get("accessKeyId")),
                Optional.ofNullable(created(state, BUDGET_STEP).get("budgetName"))
                        .map(name -> budget(state, name)),
                Optional.ofNullable(profiles.get("configFile")).map(Path::of),
                list(profiles.get("profiles")),
                state.statusOf(ROOT_MFA_STEP) == StepStatus.DONE,
                state.statusOf(ROOT_KEY_STEP) == StepStatus.DONE
                        && created(state, ROOT_KEY_STEP).containsKey(DELETED_ROOT_KEY));
    }

    /** Whether the file claims anything that only AWS can confirm. */
    public boolean claimsInAws() {
        return rootMfa
                || noRootAccessKey
                || alias.isPresent()
                || !roles.isEmpty()
                || userArn.isPresent()
                || loginProfile
                || mfaSerial.isPresent()
                || inlinePolicy.isPresent()
                || accessKeyId.isPresent()
                || budget.isPresent();
    }

    /** The console sign-in page of the account's alias. */
    public Optional<String> signInUrl() {
        return alias.map(a -> "https://" + a + ".signin.aws.amazon.com/console");
    }

    private static Budget budget(ResumeState state, String name) {
        return new Budget(
                name,
                state.answer("budget.amount"),
                state.answer("budget.currency").orElse("USD"),
                list(state.answer("budget.thresholds").orElse(null)),
                list(state.answer("budget.emails").orElse(null)));
    }

    private static Map<String, String> created(ResumeState state, String step) {
        StepRecord record = state.getSteps().get(step);
        return record == null ? Map.of() : record.getCreated();
    }

    private static List<String> list(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }
}
