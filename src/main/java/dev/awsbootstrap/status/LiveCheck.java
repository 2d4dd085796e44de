package dev.awsbootstrap.status;

import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.localfiles.AwsProfileFile;
import dev.awsbootstrap.status.ClaimCheck.Result;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.budgets.model.NotFoundException;
import software.amazon.awssdk.services.budgets.model.Spend;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Holds what a resume file claims against the account, with read-only calls, one per claim at most,
 * and against the AWS config file. The caller builds the clients as for a dry run, so that the SDK
 * itself refuses any call that is not a read.
 */
public final class LiveCheck {
    private final Recorded recorded;
    private final Optional<AwsClients> clients;
    private final List<ClaimCheck> checks = new ArrayList<>();

    /** Why the AWS claims are not checked: no credentials, another account, AWS out of reach. */
    private String skipped;

    private LiveCheck(Recorded recorded, Optional<AwsClients> clients, String skipped) {
        this.recorded = recorded;
        this.clients = clients;
        this.skipped = skipped;
    }

    /**
     * What a live check found.
     *
     * @param skipped why the AWS claims, or those after a failure to reach AWS, went unchecked
     * @param checks every claim and its result, in the order of the steps
     */
    public record Report(Optional<String> skipped, List<ClaimCheck> checks) {
        /** The checks of one step taken together: the worst result wins. */
        public Optional<Result> ofStep(String step) {
            List<Result> results =
                    checks.stream()
                            .filter(c -> c.step().equals(step))
                            .map(ClaimCheck::result)
                            .toList();
            if (results.isEmpty()) {
                return Optional.empty();
            }
            for (Result worst : List.of(Result.MISSING, Result.DIFFERS, Result.NOT_CHECKED)) {
                if (results.contains(worst)) {
                    return Optional.of(worst);
                }
            }
            return Optional.of(Result.CONFIRMED);
        }

        /** How many checks had each result, in the order of {@link Result}. */
        public Map<Result, Long> counts() {
            Map<Result, Long> counts = new EnumMap<>(Result.class);
            checks.forEach(c -> counts.merge(c.result(), 1L, Long::sum));
            return counts;
        }
    }

    /** Checks every claim, the AWS ones through {@code clients}. */
    public static Report run(Recorded recorded, AwsClients clients) {
        return new LiveCheck(recorded, Optional.of(clients), null).checkAll();
    }

    /** Checks only the local files; every AWS claim is reported as not checked, for {@code why}. */
    public static Report withoutAws(Recorded recorded, String why) {
        return new LiveCheck(recorded, Optional.empty(), why).checkAll();
    }

    private Report checkAll() {
        if (skipped == null) {
            checkCaller();
        }
        checkRoot();
        recorded.alias().ifPresent(this::checkAlias);
        recorded.roles().forEach(this::checkRole);
        checkUserAndWhatHangsOnIt();
        recorded.budget().ifPresent(this::checkBudget);
        String awsSkipped = skipped;
        checkProfiles();
        return new Report(Optional.ofNullable(awsSkipped), List.copyOf(checks));
    }

    /** Makes sure the credentials are the account's: otherwise every answer would mislead. */
    private void checkCaller() {
        try {
            String account = clients.orElseThrow().callerIdentity().account();
            if (!recorded.accountId().equals(account)) {
                skipped =
                        "the credentials are for account "
                                + account
                                + ", not "
                                + recorded.accountId();
            }
        } catch (AwsServiceException e) {
            skipped = refusal(e);
        } catch (SdkClientException e) {
            skipped = unreachable(e);
        }
    }

    /** Root's MFA and access keys, from one account summary. */
    private void checkRoot() {
        if (!recorded.rootMfa() && !recorded.noRootAccessKey()) {
            return;
        }
        Map<String, Integer> summary = new java.util.HashMap<>();
        Supplier<Map<String, Integer>> read =
                () -> {
                    if (summary.isEmpty()) {
                        summary.putAll(iam().getAccountSummary().summaryMapAsStrings());
                    }
                    return summary;
                };
        if (recorded.rootMfa()) {
            check(
                    Recorded.ROOT_MFA_STEP,
                    "root user MFA",
                    () ->
                            read.get().getOrDefault("AccountMFAEnabled", 0) == 1
                                    ? confirmed()
                                    : verdict(Result.MISSING, "the root user has no MFA"));
        }
        if (recorded.noRootAccessKey()) {
            check(
                    Recorded.ROOT_KEY_STEP,
                    "no root access key",
                    () ->
                            read.get().getOrDefault("AccountAccessKeysPresent", 0) == 0
                                    ? confirmed()
                                    : verdict(Result.DIFFERS, "the root user has an access key"));
        }
    }

    private void checkAlias(String alias) {
        check(
                Recorded.ALIAS_STEP,
                "alias " + alias,
                () -> {
                    List<String> aliases = iam().listAccountAliases().accountAliases();
                    if (aliases.contains(alias)) {
                        return confirmed();
                    }
                    return aliases.isEmpty()
                            ? verdict(Result.MISSING, "the account has no alias")
                            : verdict(Result.DIFFERS, "the account's alias is " + aliases.get(0));
                });
    }

    private void checkRole(String name, String arn) {
        check(
                Recorded.ROLES_STEP,
                "role " + name,
                () -> {
                    String found = iam().getRole(r -> r.roleName(name)).role().arn();
                    return found.equals(arn)
                            ? confirmed()
                            : verdict(Result.DIFFERS, "its ARN is " + found);
                });
    }

    /** The user, then what needs the user: its password, MFA device, policy and key. */
    private void checkUserAndWhatHangsOnIt() {
        if (recorded.userName().isEmpty()) {
            return;
        }
        String user = recorded.userName().get();
        boolean userExists = true;
        if (recorded.userArn().isPresent()) {
            ClaimCheck found =
                    check(
                            Recorded.USER_STEP,
                            "user " + user,
                            () -> {
                                String arn = iam().getUser(r -> r.userName(user)).user().arn();
                                return arn.equals(recorded.userArn().get())
                                        ? confirmed()
                                        : verdict(Result.DIFFERS, "its ARN is " + arn);
                            });
            userExists = found.result() != Result.MISSING;
        }
        String gone = userExists ? null : "the user " + user + " is missing";
        if (recorded.loginProfile()) {
            check(
                    Recorded.USER_STEP,
                    "console password of " + user,
                    gone,
                    () -> {
                        iam().getLoginProfile(r -> r.userName(user));
                        return confirmed();
                    });
        }
        recorded.mfaSerial().ifPresent(serial -> checkMfaDevice(user, serial, gone));
        recorded.inlinePolicy().ifPresent(policy -> checkInlinePolicy(user, policy, gone));
        recorded.accessKeyId().ifPresent(key -> checkAccessKey(user, key, gone));
    }

    private void checkMfaDevice(String user, String serial, String gone) {
        check(
                Recorded.MFA_STEP,
                "MFA device " + serial,
                gone,
                () ->
                        iam().listMFADevicesPaginator(r -> r.userName(user)).mfaDevices().stream()
                                        .map(MFADevice::serialNumber)
                                        .anyMatch(serial::equals)
                                ? confirmed()
                                : verdict(Result.MISSING, "no such device enabled for " + user));
    }

    private void checkInlinePolicy(String user, String policy, String gone) {
        check(
                Recorded.POLICY_STEP,
                "inline policy " + policy,
                gone,
                () -> {
                    String document =
                            URLDecoder.decode(
                                    iam().getUserPolicy(r -> r.userName(user).policyName(policy))
                                            .policyDocument(),
                                    StandardCharsets.UTF_8);
                    List<String> absent =
                            recorded.roles().values().stream()
                                    .filter(arn -> !document.contains(arn))
                                    .toList();
                    return absent.isEmpty()
                            ? confirmed()
                            : verdict(
                                    Result.DIFFERS,
                                    "it does not name " + String.join(", ", absent));
                });
    }

    private void checkAccessKey(String user, String keyId, String gone) {
        check(
                Recorded.KEY_STEP,
                "access key " + keyId,
                gone,
                () -> {
                    Optional<AccessKeyMetadata> key =
                            iam()
                                    .listAccessKeysPaginator(r -> r.userName(user))
                                    .accessKeyMetadata()
                                    .stream()
                                    .filter(k -> keyId.equals(k.accessKeyId()))
                                    .findFirst();
                    if (key.isEmpty()) {
                        return verdict(Result.MISSING, user + " has no such key");
                    }
                    String state = key.get().statusAsString();
                    return "Active".equals(state)
                            ? confirmed()
                            : verdict(Result.DIFFERS, "the key is " + state);
                });
    }

    private void checkBudget(Recorded.Budget budget) {
        check(
                Recorded.BUDGET_STEP,
                "budget " + budget.name(),
                () -> {
                    Spend limit =
                            clients.orElseThrow()
                                    .budgets()
                                    .describeBudget(
                                            r ->
                                                    r.accountId(recorded.accountId())
                                                            .budgetName(budget.name()))
                                    .budget()
                                    .budgetLimit();
                    if (limit == null || budget.amount().isEmpty()) {
                        return confirmed();
                    }
                    String found =
                            limit.amount().stripTrailingZeros().toPlainString()
                                    + " "
                                    + limit.unit();
                    Optional<BigDecimal> wanted = decimal(budget.amount().get());
                    if (wanted.isEmpty()) {
                        return verdict(
                                Result.NOT_CHECKED,
                                "the resume file's amount \""
                                        + budget.amount().get()
                                        + "\" is not a number; AWS has "
                                        + found);
                    }
                    return limit.amount().compareTo(wanted.get()) == 0
                            ? verdict(Result.CONFIRMED, found)
                            : verdict(
                                    Result.DIFFERS,
                                    "its limit is "
                                            + found
                                            + ", the file says "
                                            + budget.amount().get());
                });
    }

    /** The profiles, in the config file they were written to: a local read, no credentials. */
    private void checkProfiles() {
        if (recorded.configFile().isEmpty() || recorded.profiles().isEmpty()) {
            return;
        }
        Path file = recorded.configFile().get();
        List<String> sections;
        String unreadable = null;
        try {
            sections = AwsProfileFile.read(file).sectionNames();
        } catch (RuntimeException e) {
            sections = List.of();
            unreadable = e.getMessage();
        }
        for (String profile : recorded.profiles()) {
            String claim = "profile " + profile;
            if (unreadable != null) {
                add(Recorded.PROFILES_STEP, claim, verdict(Result.NOT_CHECKED, unreadable));
            } else if (sections.contains("profile " + profile)
                    || (profile.equals("default") && sections.contains("default"))) {
                add(Recorded.PROFILES_STEP, claim, verdict(Result.CONFIRMED, "in " + file));
            } else {
                add(Recorded.PROFILES_STEP, claim, verdict(Result.MISSING, "not in " + file));
            }
        }
    }

    private ClaimCheck check(String step, String claim, Supplier<Verdict> read) {
        return check(step, claim, null, read);
    }

    /**
     * Runs one read for one claim, unless the AWS checks are skipped or {@code gone} says that what
     * the claim hangs on is missing. Failing to reach AWS skips every later read.
     */
    private ClaimCheck check(String step, String claim, String gone, Supplier<Verdict> read) {
        if (skipped != null) {
            return add(step, claim, verdict(Result.NOT_CHECKED, skipped));
        }
        if (gone != null) {
            return add(step, claim, verdict(Result.MISSING, gone));
        }
        try {
            return add(step, claim, read.get());
        } catch (NoSuchEntityException | NotFoundException e) {
            return add(step, claim, verdict(Result.MISSING, "not found"));
        } catch (AwsServiceException e) {
            return add(step, claim, verdict(Result.NOT_CHECKED, refusal(e)));
        } catch (SdkClientException e) {
            skipped = unreachable(e);
            return add(step, claim, verdict(Result.NOT_CHECKED, skipped));
        }
    }

    private ClaimCheck add(String step, String claim, Verdict verdict) {
        ClaimCheck check = new ClaimCheck(step, claim, verdict.result(), verdict.detail());
        checks.add(check);
        return check;
    }

    private String refusal(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return (code == null ? "refused" : code) + " on " + clients.orElseThrow().lastOperation();
    }

    private static String unreachable(SdkClientException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return "AWS could not be reached: " + message.lines().findFirst().orElse("");
    }

    private IamClient iam() {
        return clients.orElseThrow().iam();
    }

    private static Verdict confirmed() {
        return new Verdict(Result.CONFIRMED, null);
    }

    private static Verdict verdict(Result result, String detail) {
        return new Verdict(result, detail);
    }

    /** A result and what it rests on. */
    private record Verdict(Result result, String detail) {}

    private static Optional<BigDecimal> decimal(String text) {
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
