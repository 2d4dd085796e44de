package dev.awsbootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awsbootstrap.e2e.JarRunner.Result;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import dev.awsbootstrap.testing.MutationProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * A run SIGKILLed right after AWS applied any one of its changes, then started again, ends in the
 * same state as an uninterrupted run: nothing duplicated, nothing lost.
 *
 * <p>Written once for all steps: an uninterrupted reference run lists the mutating calls, and the
 * test kills a fresh run after each of them in turn. A step that adds mutating calls is covered
 * without changing this class, provided {@link #ANSWERS} answers its questions and {@link
 * #accountSnapshot} sees what it creates.
 */
@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashResumeIT {
    /** The answers of every run here; extend them when a step adds a question. */
    static final String ANSWERS = E2eFiles.ANSWERS;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A key line of the credentials file: its value differs between runs, or is secret. */
    private static final Pattern SECRET_LINE =
            Pattern.compile(
                    "(?m)^(\\s*aws_(access_key_id|secret_access_key|session_token)\\s*=).*$");

    @TempDir Path work;

    private Matrix matrix;
    private Throwable matrixFailure;

    @Test
    void aRunKilledAfterAnyChangeResumesToTheStateOfAnUninterruptedRun(MotoServer moto) {
        Matrix m = matrix(moto);
        SoftAssertions softly = new SoftAssertions();
        for (Crash crash : m.crashes()) {
            String at = crash.describe();
            softly.assertThat(crash.killed().killed()).as("%s: the kill switch fired", at).isTrue();
            softly.assertThat(crash.killed().exitCode())
                    .as("%s: the killed run did not end normally", at)
                    .isNotZero();
            softly.assertThat(crash.killedMutations())
                    .as("%s: the killed run made the reference's first changes and no more", at)
                    .isEqualTo(m.reference().mutations().subList(0, crash.k()));
            softly.assertThat(crash.resumed().exitCode())
                    .as("%s: the resumed run succeeds: %s", at, crash.resumed().describe())
                    .isZero();
            softly.assertThat(crash.outcome().account())
                    .as("%s: the account equals the uninterrupted run's", at)
                    .isEqualTo(m.reference().outcome().account());
            softly.assertThat(crash.outcome().statuses())
                    .as("%s: the resume file's step statuses", at)
                    .isEqualTo(m.reference().outcome().statuses());
            softly.assertThat(crash.outcome().localFiles())
                    .as("%s: the local AWS files", at)
                    .isEqualTo(m.reference().outcome().localFiles());
            Map<String, Integer> both = new HashMap<>();
            crash.killedMutations().forEach(op -> both.merge(op, 1, Integer::sum));
            crash.resumedMutations().forEach(op -> both.merge(op, 1, Integer::sum));
            Map<String, Integer> reference = new HashMap<>();
            m.reference().mutations().forEach(op -> reference.merge(op, 1, Integer::sum));
            for (String op : both.keySet()) {
                if (!creates(op)) {
                    continue;
                }
                softly.assertThat(net(both, op))
                        .as(
                                "%s: %s net of its undoing call, over both runs (killed %s,"
                                        + " resumed %s), is at most the reference's",
                                at, op, crash.killedMutations(), crash.resumedMutations())
                        .isLessThanOrEqualTo(net(reference, op));
            }
        }
        softly.assertAll();
    }

    @Test
    void aResumedRunKeepsTheAnswersAndTheRecordOfWhatTheKilledRunCreated(MotoServer moto) {
        Matrix m = matrix(moto);
        SoftAssertions softly = new SoftAssertions();
        for (Crash crash : m.crashes()) {
            softly.assertThat(crash.outcome().answers())
                    .as("%s: the answers in the resume file", crash.describe())
                    .isEqualTo(m.reference().outcome().answers());
            softly.assertThat(crash.outcome().created())
                    .as(
                            "%s: what each step recorded as created (names, not values)",
                            crash.describe())
                    .isEqualTo(m.reference().outcome().created());
        }
        softly.assertAll();
    }

    /** The reference run and one killed-then-resumed run per mutating call, computed once. */
    private synchronized Matrix matrix(MotoServer moto) {
        if (matrix == null && matrixFailure == null) {
            try {
                matrix = computeMatrix(moto);
            } catch (RuntimeException | AssertionError e) {
                matrixFailure = e;
            }
        }
        if (matrixFailure != null) {
            // The second test reports the same failure instead of running every crash again.
            throw new AssertionError("the crash runs failed: " + matrixFailure, matrixFailure);
        }
        return matrix;
    }

    private Matrix computeMatrix(MotoServer moto) {
        Path answers = E2eFiles.answers(work, ANSWERS);

        moto.reset();
        Path referenceHome = directory("home-reference");
        List<String> mutations;
        try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
            Result run =
                    wizard(moto, proxy, referenceHome, answers)
                            .start()
                            .await(JarRunner.DEFAULT_TIMEOUT);
            assertThat(run.exitCode()).as("the reference run: %s", run.describe()).isZero();
            mutations = proxy.mutations();
        }
        assertThat(mutations).as("the reference run changes something").isNotEmpty();
        Reference reference = new Reference(mutations, outcome(moto, referenceHome));

        List<Crash> crashes = new ArrayList<>();
        for (int k = 1; k <= mutations.size(); k++) {
            moto.reset();
            Path home = directory("home-killed-after-" + k);
            Result killed;
            List<String> killedMutations;
            try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
                JarRunner.Running running = wizard(moto, proxy, home, answers).start();
                // Armed right after the start, as the kill needs the process: the JVM takes far
                // longer to boot and reach its first change; the prefix check below would see it.
                proxy.killAfterMutation(k, running::kill);
                killed = running.await(JarRunner.DEFAULT_TIMEOUT);
                killedMutations = proxy.mutations();
            }
            Result resumed;
            List<String> resumedMutations;
            try (MutationProxy proxy = MutationProxy.start(moto.endpoint())) {
                resumed =
                        wizard(moto, proxy, home, answers).start().await(JarRunner.DEFAULT_TIMEOUT);
                resumedMutations = proxy.mutations();
            }
            crashes.add(
                    new Crash(
                            k,
                            mutations.get(k - 1),
                            killed,
                            killedMutations,
                            resumed,
                            resumedMutations,
                            outcome(moto, home)));
        }
        return new Matrix(reference, crashes);
    }

    /** A run of the wizard, not yet started: {@code start()} launches it. */
    private record Launch(JarRunner runner, String[] args) {
        JarRunner.Running start() {
            return runner.start(args);
        }
    }

    private static Launch wizard(MotoServer moto, MutationProxy proxy, Path home, Path answers) {
        return new Launch(
                E2eFiles.runner(moto, home), E2eFiles.wizardArgs(answers, proxy.endpoint()));
    }

    private Path directory(String name) {
        try {
            return Files.createDirectory(work.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code op} creates something that a second call would duplicate. */
    private static boolean creates(String op) {
        return op.startsWith("Create") || op.startsWith("Enable") || op.startsWith("Upload");
    }

    /** How many times {@code op} ran, less the calls that undo it (CreateX: DeleteX). */
    private static int net(Map<String, Integer> counts, String op) {
        String noun = op.replaceFirst("^(Create|Enable|Upload)", "");
        String undo = (op.startsWith("Enable") ? "Deactivate" : "Delete") + noun;
        return counts.getOrDefault(op, 0) - counts.getOrDefault(undo, 0);
    }

    /** What a finished run left: in AWS, in the resume file and in the local AWS files. */
    static Outcome outcome(MotoServer moto, Path home) {
        Path resume = E2eFiles.resumeFile(home);
        Map<String, String> statuses = new TreeMap<>();
        Map<String, Set<String>> created = new TreeMap<>();
        Map<String, String> answers = new TreeMap<>();
        if (Files.isRegularFile(resume)) {
            JsonNode state = E2eFiles.readJson(resume);
            statuses.putAll(E2eFiles.stepStatuses(resume));
            state.path("steps")
                    .properties()
                    .forEach(
                            step -> {
                                Set<String> names = new TreeSet<>();
                                step.getValue()
                                        .path("created")
                                        .fieldNames()
                                        .forEachRemaining(names::add);
                                created.put(step.getKey(), names);
                            });
            state.path("answers")
                    .properties()
                    .forEach(answer -> answers.put(answer.getKey(), answer.getValue().toString()));
        }
        return new Outcome(accountSnapshot(moto), statuses, created, answers, localSnapshot(home));
    }

    /**
     * Everything the wizard may create in the account, in a form that two runs can compare: sorted,
     * without dates, ids or other values that differ between equal runs.
     */
    static Map<String, Object> accountSnapshot(MotoServer moto) {
        Map<String, Object> snapshot = new TreeMap<>();
        IamClient iam = moto.iam();
        snapshot.put("accountAliases", iam.listAccountAliases().accountAliases());
        Map<String, Object> roles = new TreeMap<>();
        for (Role role : iam.listRolesPaginator().roles()) {
            roles.put(role.roleName(), roleSnapshot(iam, role));
        }
        snapshot.put("roles", roles);
        Map<String, Object> users = new TreeMap<>();
        for (User user : iam.listUsersPaginator().users()) {
            users.put(user.userName(), userSnapshot(iam, user));
        }
        snapshot.put("users", users);
        Map<String, String> virtualMfa = new TreeMap<>();
        for (VirtualMFADevice device : iam.listVirtualMFADevicesPaginator().virtualMFADevices()) {
            virtualMfa.put(
                    device.serialNumber(),
                    device.user() == null ? "(unassigned)" : device.user().userName());
        }
        snapshot.put("virtualMfaDevices", virtualMfa);
        snapshot.put(
                "customerManagedPolicies",
                sorted(
                        iam
                                .listPoliciesPaginator(q -> q.scope(PolicyScopeType.LOCAL))
                                .policies()
                                .stream()
                                .map(Policy::policyName)
                                .toList()));
        snapshot.put(
                "groups",
                sorted(iam.listGroupsPaginator().groups().stream().map(Group::groupName).toList()));
        snapshot.put("budgets", budgets(moto.budgets(), E2eFiles.ACCOUNT_ID));
        return snapshot;
    }

    private static Map<String, Object> roleSnapshot(IamClient iam, Role role) {
        String name = role.roleName();
        Map<String, Object> r = new TreeMap<>();
        r.put("path", role.path());
        r.put("description", role.description());
        r.put("trustPolicy", policyDocument(role.assumeRolePolicyDocument()));
        r.put(
                "attachedPolicies",
                sorted(
                        iam
                                .listAttachedRolePoliciesPaginator(q -> q.roleName(name))
                                .attachedPolicies()
                                .stream()
                                .map(AttachedPolicy::policyArn)
                                .toList()));
        Map<String, Object> inline = new TreeMap<>();
        for (String policy : iam.listRolePoliciesPaginator(q -> q.roleName(name)).policyNames()) {
            inline.put(
                    policy,
                    policyDocument(
                            iam.getRolePolicy(q -> q.roleName(name).policyName(policy))
                                    .policyDocument()));
        }
        r.put("inlinePolicies", inline);
        r.put("tags", tags(iam.listRoleTags(q -> q.roleName(name)).tags()));
        return r;
    }

    private static Map<String, Object> userSnapshot(IamClient iam, User user) {
        String name = user.userName();
        Map<String, Object> u = new TreeMap<>();
        u.put("path", user.path());
        u.put("loginProfile", loginProfile(iam, name));
        u.put(
                "mfaDevices",
                sorted(
                        iam.listMFADevicesPaginator(q -> q.userName(name)).mfaDevices().stream()
                                .map(MFADevice::serialNumber)
                                .toList()));
        Map<String, Object> inline = new TreeMap<>();
        for (String policy : iam.listUserPoliciesPaginator(q -> q.userName(name)).policyNames()) {
            inline.put(
                    policy,
                    policyDocument(
                            iam.getUserPolicy(q -> q.userName(name).policyName(policy))
                                    .policyDocument()));
        }
        u.put("inlinePolicies", inline);
        u.put(
                "attachedPolicies",
                sorted(
                        iam
                                .listAttachedUserPoliciesPaginator(q -> q.userName(name))
                                .attachedPolicies()
                                .stream()
                                .map(AttachedPolicy::policyArn)
                                .toList()));
        u.put(
                "groups",
                sorted(
                        iam.listGroupsForUserPaginator(q -> q.userName(name)).groups().stream()
                                .map(Group::groupName)
                                .toList()));
        List<AccessKeyMetadata> keys =
                iam.listAccessKeysPaginator(q -> q.userName(name)).accessKeyMetadata().stream()
                        .toList();
        u.put("accessKeyCount", keys.size());
        u.put(
                "accessKeyStatuses",
                sorted(keys.stream().map(AccessKeyMetadata::statusAsString).toList()));
        u.put("tags", tags(iam.listUserTags(q -> q.userName(name)).tags()));
        return u;
    }

    private static Map<String, Object> budgets(BudgetsClient client, String accountId) {
        Map<String, Object> budgets = new TreeMap<>();
        for (Budget budget : client.describeBudgets(q -> q.accountId(accountId)).budgets()) {
            String name = budget.budgetName();
            Map<String, Object> b = new TreeMap<>();
            b.put("type", budget.budgetTypeAsString());
            b.put("timeUnit", budget.timeUnitAsString());
            b.put(
                    "limit",
                    budget.budgetLimit() == null
                            ? null
                            : budget.budgetLimit().amount().stripTrailingZeros().toPlainString()
                                    + " "
                                    + budget.budgetLimit().unit());
            b.put(
                    "notifications",
                    sorted(
                            client
                                    .describeNotificationsForBudget(
                                            q -> q.accountId(accountId).budgetName(name))
                                    .notifications()
                                    .stream()
                                    .map(CrashResumeIT::notification)
                                    .toList()));
            budgets.put(name, b);
        }
        return budgets;
    }

    private static String notification(Notification n) {
        return n.notificationTypeAsString()
                + " "
                + n.comparisonOperatorAsString()
                + " "
                + n.threshold()
                + " "
                + n.thresholdTypeAsString();
    }

    /** The local AWS files that a step may write under HOME, secrets masked. */
    private static Map<String, String> localSnapshot(Path home) {
        Map<String, String> files = new TreeMap<>();
        for (String name : List.of("config", "credentials")) {
            Path file = home.resolve(".aws").resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    files.put(
                            name,
                            SECRET_LINE
                                    .matcher(Files.readString(file, StandardCharsets.UTF_8))
                                    .replaceAll("$1 ****"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return files;
    }

    private static Object loginProfile(IamClient iam, String userName) {
        try {
            LoginProfile profile = iam.getLoginProfile(q -> q.userName(userName)).loginProfile();
            return "exists, passwordResetRequired=" + profile.passwordResetRequired();
        } catch (NoSuchEntityException e) {
            return "none";
        }
    }

    /** A policy document as JSON, URL-decoded as IAM returns it, so that formatting is ignored. */
    private static Object policyDocument(String document) {
        if (document == null) {
            return null;
        }
        String decoded = URLDecoder.decode(document, StandardCharsets.UTF_8);
        try {
            return JSON.readTree(decoded);
        } catch (IOException e) {
            return decoded;
        }
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new TreeMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value()));
        return map;
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }

    /** What a run left behind. */
    record Outcome(
            Map<String, Object> account,
            Map<String, String> statuses,
            Map<String, Set<String>> created,
            Map<String, String> answers,
            Map<String, String> localFiles) {}

    /** The uninterrupted run: its mutating calls in order and what it left. */
    private record Reference(List<String> mutations, Outcome outcome) {}

    /** A run killed after its {@code k}-th mutating call, then run again to the end. */
    private record Crash(
            int k,
            String operation,
            Result killed,
            List<String> killedMutations,
            Result resumed,
            List<String> resumedMutations,
            Outcome outcome) {
        String describe() {
            return "killed after change " + k + " (" + operation + ")";
        }
    }

    /** The reference and every crash. */
    private record Matrix(Reference reference, List<Crash> crashes) {}
}
