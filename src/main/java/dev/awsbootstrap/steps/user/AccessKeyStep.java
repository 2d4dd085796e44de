package dev.awsbootstrap.steps.user;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.AnswerRules;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsCall;
import dev.awsbootstrap.console.Console;
import dev.awsbootstrap.console.Console.Choice;
import dev.awsbootstrap.localfiles.AtomicFiles;
import dev.awsbootstrap.localfiles.AwsFileLocations;
import dev.awsbootstrap.localfiles.AwsProfileFile;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.wizard.Plan;
import dev.awsbootstrap.wizard.Step;
import dev.awsbootstrap.wizard.StepContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Step 8: an access key for the AWS CLI. It is made once, and its secret goes at once to the chosen
 * place: the {@code [default]} profile of the credentials file, or the terminal. A key whose secret
 * an interrupted run could not store is deleted and made again, so the user never keeps a key whose
 * secret nobody has.
 */
public final class AccessKeyStep implements Step<AccessKeyStep.Found> {
    public static final String KEY = "access-key";
    static final String CREATE = "accessKey.create";
    static final String STORE = "accessKey.store";
    static final String CREDENTIALS_FILE = "credentials-file";
    static final String PRINT = "print";

    /** The key id, once made. */
    static final String KEY_ID = "accessKeyId";

    /**
     * Recorded just before {@code CreateAccessKey}, and forgotten once the secret is stored: see
     * {@link Marker}. A later run that finds it knows a run died around that call.
     */
    static final String KEYS_BEFORE = "accessKeysBeforeCreate";

    /** IAM allows two access keys per user. */
    static final int KEY_LIMIT = 2;

    private static final String PROFILE = "default";

    /** Where the credentials that {@code [default]} held before go. */
    static final String PREVIOUS_DEFAULT = "previous-default";

    private static final String ACCESS_KEY_ID = "aws_access_key_id";
    private static final String SECRET_ACCESS_KEY = "aws_secret_access_key";
    private static final String SESSION_TOKEN = "aws_session_token";

    private final Answers answers;
    private final Path home;
    private final Function<String, String> environment;

    public AccessKeyStep(Answers answers, Path home, Function<String, String> environment) {
        this.answers = answers;
        this.home = home;
        this.environment = environment;
    }

    /** The user's access keys. */
    public record Found(String userName, List<AccessKeyMetadata> keys) {}

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return "Access key for the AWS CLI";
    }

    @Override
    public Found inspect(StepContext context) {
        String name = OperatorUser.name(context, answers);
        if (context.offline()) {
            return new Found(name, List.of());
        }
        try {
            return new Found(
                    name,
                    context
                            .clients()
                            .iam()
                            .listAccessKeysPaginator(q -> q.userName(name))
                            .accessKeyMetadata()
                            .stream()
                            .toList());
        } catch (NoSuchEntityException e) {
            return new Found(name, List.of()); // the user is still to be made: a dry run
        }
    }

    @Override
    public Plan plan(Found found, StepContext context) {
        Plan plan = new Plan();
        String user = found.userName();
        boolean create =
                context.ask()
                        .yesNo(
                                CREATE,
                                answers.accessKey().create(),
                                "Create an access key for " + user + " for the AWS CLI?",
                                "The AWS CLI signs in with an access key of your user and then"
                                        + " assumes the roles; its secret is shown or stored"
                                        + " only once.",
                                true);
        if (!create) {
            return plan.found("No access key: create one later with the IAM console.")
                    .outcome(StepStatus.DONE, "no access key wanted");
        }
        String store =
                context.ask()
                        .choice(
                                STORE,
                                answers.accessKey().store(),
                                "Where should the secret go?",
                                "The secret can be read only once, right after the key is made.",
                                List.of(
                                        new Choice(
                                                CREDENTIALS_FILE,
                                                "the [default] profile of " + credentialsFile()),
                                        new Choice(PRINT, "shown here once, for you to copy")),
                                CREDENTIALS_FILE,
                                v -> AnswerRules.oneOf(v, AnswerRules.KEY_STORES));
        Optional<String> storedId =
                store.equals(CREDENTIALS_FILE) ? storedKeyId() : Optional.empty();
        Map<String, String> remembered = context.remembered();
        List<String> orphans = orphans(context, found.keys(), remembered, storedId);
        boolean keyStored = remembered.containsKey(KEY_ID) && !remembered.containsKey(KEYS_BEFORE);
        Optional<AccessKeyMetadata> inUse =
                found.keys().stream()
                        .filter(k -> !orphans.contains(k.accessKeyId()))
                        .filter(
                                k ->
                                        storedId.map(k.accessKeyId()::equals).orElse(false)
                                                || keyStored
                                                        && k.accessKeyId()
                                                                .equals(remembered.get(KEY_ID)))
                        .findFirst();
        if (inUse.isPresent()) {
            keep(context, inUse.get().accessKeyId(), store);
            return plan.found(
                    user
                            + " has the access key "
                            + inUse.get().accessKeyId()
                            + (storedId.isPresent() ? ", in " + credentialsFile() : "")
                            + ".");
        }
        for (String orphan : orphans) {
            plan.change(
                    "Delete the access key "
                            + orphan
                            + ", whose secret an interrupted run could not store",
                    c -> delete(c, user, orphan));
        }
        List<String> others =
                found.keys().stream()
                        .map(AccessKeyMetadata::accessKeyId)
                        .filter(id -> !orphans.contains(id))
                        .toList();
        if (others.size() >= KEY_LIMIT) {
            throw tooManyKeys(user, " (" + String.join(", ", others) + ")");
        }
        if (!others.isEmpty()) {
            context.console()
                    .warn(
                            user
                                    + " already has the access key "
                                    + others.get(0)
                                    + ", which this resume file does not record (made by"
                                    + " hand, or by a run on another machine); it is left as"
                                    + " it is.");
        }
        if (store.equals(PRINT) && !context.dryRun() && !context.console().canAskSecret()) {
            throw BootstrapException.badInput(
                    "accessKey.store: print shows the secret once at a terminal, and there is"
                            + " none: run in a terminal, or use accessKey.store:"
                            + " credentials-file.");
        }
        String where =
                store.equals(PRINT)
                        ? "show its secret once"
                        : "write it to the [" + PROFILE + "] profile of " + credentialsFile();
        List<String> before = others;
        return plan.change(
                "Create an access key for " + user + " and " + where,
                c -> createAndStore(c, user, store, before));
    }

    /**
     * The keys an interrupted run made but could not store. Its marker, written just before {@code
     * CreateAccessKey}, says when and which keys the user had then. An orphan is the key the run
     * recorded, or, when it died before it could record one, a key that is new since the marker,
     * was made within minutes of it and was never used: so a key someone made by hand later is
     * never taken for one. A key in the credentials file is never an orphan.
     */
    private static List<String> orphans(
            StepContext context,
            List<AccessKeyMetadata> keys,
            Map<String, String> remembered,
            Optional<String> storedId) {
        Optional<Marker> marker = Marker.parse(remembered.get(KEYS_BEFORE));
        if (marker.isEmpty()) {
            return List.of();
        }
        String recorded = remembered.get(KEY_ID);
        List<String> orphans = new ArrayList<>();
        for (AccessKeyMetadata key : keys) {
            String id = key.accessKeyId();
            if (storedId.map(id::equals).orElse(false)) {
                continue;
            }
            if (id.equals(recorded) || marker.get().mayHaveMade(key) && neverUsed(context, id)) {
                orphans.add(id);
            }
        }
        return orphans;
    }

    private static boolean neverUsed(StepContext context, String keyId) {
        return context.clients()
                        .iam()
                        .getAccessKeyLastUsed(q -> q.accessKeyId(keyId))
                        .accessKeyLastUsed()
                        .lastUsedDate()
                == null;
    }

    /**
     * What a run writes just before {@code CreateAccessKey}: when, and the user's keys then.
     *
     * @param at when the run was about to make the key
     */
    record Marker(Instant at, Set<String> keysBefore) {
        /** How long after the marker AWS may have made the key: the call and its retries. */
        private static final Duration WINDOW = Duration.ofMinutes(10);

        private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

        static Marker now(List<String> keysBefore) {
            return new Marker(
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), Set.copyOf(keysBefore));
        }

        /** Reads {@code 2026-12-04T10:00:00Z|AKIA...,AKIA...}; empty for no or a garbled marker. */
        static Optional<Marker> parse(String text) {
            if (text == null || text.indexOf('|') < 0) {
                return Optional.empty();
            }
            String[] parts = text.split("\\|", 2);
            try {
                Set<String> keys = parts[1].isEmpty() ? Set.of() : Set.of(parts[1].split(","));
                return Optional.of(new Marker(Instant.parse(parts[0]), keys));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        String text() {
            return at + "|" + String.join(",", keysBefore.stream().sorted().toList());
        }

        boolean mayHaveMade(AccessKeyMetadata key) {
            Instant created = key.createDate();
            return !keysBefore.contains(key.accessKeyId())
                    && created != null
                    && !created.isBefore(at.minus(CLOCK_SKEW))
                    && !created.isAfter(at.plus(WINDOW));
        }
    }

    private void keep(StepContext context, String keyId, String store) {
        if (!context.dryRun()) {
            context.remember(KEY_ID, keyId);
            context.forget(KEYS_BEFORE);
        }
    }

    private static void delete(StepContext context, String user, String keyId) {
        context.changes()
                .apply(
                        AwsCall.iam(
                                DeleteAccessKeyRequest.builder()
                                        .userName(user)
                                        .accessKeyId(keyId)
                                        .build(),
                                IamClient::deleteAccessKey));
    }

    private void createAndStore(
            StepContext context, String user, String store, List<String> before) {
        if (!context.dryRun()) {
            context.remember(KEYS_BEFORE, Marker.now(before).text());
        }
        Optional<AccessKey> key;
        try {
            key =
                    context.changes()
                            .apply(
                                    AwsCall.iam(
                                            CreateAccessKeyRequest.builder().userName(user).build(),
                                            IamClient::createAccessKey))
                            .map(response -> response.accessKey());
        } catch (AwsServiceException e) {
            // AWS answered, so it made no key: nothing is left for the next run to clean up, and
            // a key someone else makes meanwhile must not be taken for this run's.
            context.forget(KEYS_BEFORE);
            if (e instanceof LimitExceededException) {
                throw tooManyKeys(user, ", one of them made while this run was going");
            }
            throw e;
        }
        if (key.isEmpty()) {
            return; // a dry run
        }
        context.remember(KEY_ID, key.get().accessKeyId());
        if (store.equals(PRINT)) {
            print(context.console(), key.get());
        } else {
            write(context.console(), key.get());
        }
        context.forget(KEYS_BEFORE);
    }

    private static BootstrapException tooManyKeys(String user, String which) {
        return new BootstrapException(
                ExitCode.FAILED,
                user
                        + " already has "
                        + KEY_LIMIT
                        + " access keys"
                        + which
                        + ", the most AWS allows: delete one you no longer use (aws iam"
                        + " delete-access-key --user-name "
                        + user
                        + " --access-key-id ID) and run again.");
    }

    private static void print(Console console, AccessKey key) {
        console.showSecret(
                List.of(
                        "The access key of "
                                + key.userName()
                                + " (the secret is shown only"
                                + " this once; store both in your password manager now):",
                        "",
                        "    Access key id:     " + key.accessKeyId(),
                        "    Secret access key: " + key.secretAccessKey(),
                        ""));
    }

    private void write(Console console, AccessKey key) {
        Path file = credentialsFile();
        AwsProfileFile credentials = AwsProfileFile.read(file);
        Optional<String> previous = credentials.section(PROFILE).map(p -> p.get(ACCESS_KEY_ID));
        Optional<String> keptIn =
                previous.filter(id -> !id.equals(key.accessKeyId()))
                        .flatMap(id -> keepPrevious(credentials));
        credentials.set(PROFILE, ACCESS_KEY_ID, key.accessKeyId());
        credentials.set(PROFILE, SECRET_ACCESS_KEY, key.secretAccessKey());
        credentials.remove(PROFILE, SESSION_TOKEN);
        Optional<Path> backup = credentials.save(AtomicFiles.OWNER_ONLY);
        console.info(
                "Wrote the access key "
                        + key.accessKeyId()
                        + " to the ["
                        + PROFILE
                        + "] profile of "
                        + file
                        + backup.map(b -> " (the old file is kept as " + b + ")").orElse("")
                        + ".");
        if (keptIn.isPresent()) {
            console.warn(
                    "The [default] profile held the access key "
                            + previous.get()
                            + ", perhaps the one this run signs in with: it is now in the profile"
                            + " ["
                            + keptIn.get()
                            + "], so aws-bootstrap --profile "
                            + keptIn.get()
                            + " can use it again. Delete it once you no longer need it.");
        } else if (previous.isPresent() && !previous.get().equals(key.accessKeyId())) {
            console.warn(
                    "The [default] profile held the access key "
                            + previous.get()
                            + " before; it is in the backup.");
        }
    }

    /**
     * Copies the credentials of {@code [default]} into a profile of their own before they are
     * replaced, so that nothing which signed in with them, the wizard itself often among them (a
     * new account's root key set up with aws configure), loses them.
     *
     * @return the profile they went to, or empty when a value cannot be copied as it is
     */
    private static Optional<String> keepPrevious(AwsProfileFile credentials) {
        Map<String, String> old = credentials.section(PROFILE).orElseThrow();
        String name = PREVIOUS_DEFAULT;
        for (int n = 2; credentials.sectionNames().contains(name); n++) {
            name = PREVIOUS_DEFAULT + "-" + n;
        }
        try {
            for (String key : List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN)) {
                String value = old.get(key);
                if (value != null) {
                    credentials.set(name, key, value);
                }
            }
            return Optional.of(name);
        } catch (IllegalArgumentException e) {
            credentials.removeSection(name);
            return Optional.empty();
        }
    }

    private Optional<String> storedKeyId() {
        return AwsProfileFile.read(credentialsFile())
                .section(PROFILE)
                .map(p -> p.get(ACCESS_KEY_ID));
    }

    private Path credentialsFile() {
        return AwsFileLocations.credentialsFile(home, environment);
    }
}
