package dev.awsbootstrap.wizard;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.state.StepRecord;
import dev.awsbootstrap.state.StepStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The resume file of the account being set up: read once the account is known, locked before the
 * run first writes it or changes anything in AWS, saved after every change. A run that stops at its
 * first question leaves no file behind. A dry run reads it but never locks or writes it.
 */
public final class ResumeSession implements AutoCloseable {
    private final Optional<Path> requestedFile;
    private final Path home;
    private final boolean dryRun;
    private final Clock clock;
    private StateStore store;
    private ResumeState state;
    private Optional<ResumeState> loaded = Optional.empty();
    private boolean locked;

    public ResumeSession(Optional<Path> requestedFile, Path home, boolean dryRun, Clock clock) {
        this.requestedFile = requestedFile;
        this.home = home;
        this.dryRun = dryRun;
        this.clock = clock;
    }

    /**
     * Opens the resume file of {@code account}: the one given with {@code --state}, or the
     * account's own under the home directory. A file of another account is refused.
     */
    public void bind(Account account) {
        if (!account.known()) {
            state = ResumeState.forAccount(account.id(), clock.instant());
            return;
        }
        Path file = requestedFile.orElse(StateStore.defaultFile(home, account.id()));
        store = new StateStore(file);
        loaded = store.load();
        checkAccount(file, loaded, account.id());
        state = loaded.orElseGet(() -> ResumeState.forAccount(account.id(), clock.instant()));
        if (loaded.isPresent()) {
            // A run that may change nothing still holds the file, so that a second run of the
            // same account is refused at once rather than at its first write.
            claim();
        }
    }

    /**
     * Reads the file given with {@code --state}, before any AWS call, so that a corrupted file
     * stops the run before it starts.
     *
     * @return the account the file belongs to; empty without {@code --state} or when the file does
     *     not exist yet
     * @throws BootstrapException (exit 2) when the file is corrupted
     */
    public Optional<String> readRequestedFile() {
        return requestedFile.flatMap(ResumeSession::loadUnlocked).map(ResumeState::getAccountId);
    }

    /**
     * Refuses, before the first step, a file given with {@code --state} that belongs to another
     * account than {@code callerAccount}; {@link #bind} checks the same again.
     *
     * @throws BootstrapException (exit 2) naming both accounts
     */
    public void requireOwner(String callerAccount) {
        if (requestedFile.isPresent()) {
            Path file = requestedFile.get();
            checkAccount(file, loadUnlocked(file), callerAccount);
        }
    }

    private static Optional<ResumeState> loadUnlocked(Path file) {
        try (StateStore store = new StateStore(file)) {
            return store.load();
        }
    }

    /**
     * Takes the resume file's lock, once, before the first write or AWS change of a real run. A
     * file that another run changed since it was read is refused rather than overwritten.
     */
    public void claim() {
        if (dryRun || store == null || locked) {
            return;
        }
        store.lock();
        locked = true;
        Optional<ResumeState> now = store.load();
        Optional<Instant> before = loaded.map(ResumeState::getUpdatedAt);
        if (!now.map(ResumeState::getUpdatedAt).equals(before)) {
            throw new BootstrapException(
                    ExitCode.FAILED,
                    "The resume file "
                            + store.file()
                            + " changed while this run was starting:"
                            + " another run may have used it; run aws-bootstrap again.");
        }
    }

    private static void checkAccount(Path file, Optional<ResumeState> saved, String account) {
        if (saved.isPresent() && !saved.get().getAccountId().equals(account)) {
            String owner = saved.get().getAccountId();
            throw BootstrapException.badInput(
                    "The resume file "
                            + file
                            + " belongs to account "
                            + owner
                            + ", but the credentials are for account "
                            + account
                            + ": use the credentials of "
                            + owner
                            + ", or pass --state with another file.");
        }
    }

    public boolean bound() {
        return state != null;
    }

    public ResumeState state() {
        if (state == null) {
            throw new IllegalStateException("The resume file is read once the account is known.");
        }
        return state;
    }

    public Optional<Path> file() {
        return Optional.ofNullable(store).map(StateStore::file);
    }

    /** Records a non-secret answer so that a resumed run does not ask it again. */
    public void recordAnswer(String key, Object value) {
        if (Objects.equals(state().getAnswers().get(key), value)) {
            return;
        }
        state().getAnswers().put(key, value);
        save();
    }

    /** Records what a step created (a name, an ARN, an id; never a secret). */
    public void recordCreated(String stepKey, String name, String value) {
        StepRecord record = state().step(stepKey);
        if (value.equals(record.getCreated().get(name))) {
            return;
        }
        record.getCreated().put(name, value);
        record.setAt(clock.instant());
        save();
    }

    /** Forgets something a step recorded, such as a marker of work under way. */
    public void forgetCreated(String stepKey, String name) {
        StepRecord record = state().step(stepKey);
        if (record.getCreated().remove(name) != null) {
            record.setAt(clock.instant());
            save();
        }
    }

    /**
     * Records where a step stands. A step that changed nothing and stands where it stood keeps its
     * time, so that the file tells when the work was done rather than when a run last looked.
     *
     * @param changed whether this run changed something for the step
     */
    public void recordStatus(String stepKey, StepStatus status, String note, boolean changed) {
        StepRecord record = state().step(stepKey);
        if (!changed
                && record.getAt() != null
                && record.getStatus() == status
                && Objects.equals(record.getNote(), note)) {
            return;
        }
        record.setStatus(status);
        record.setNote(note);
        record.setAt(clock.instant());
        save();
    }

    /**
     * Records that the run stopped at a step for the operator (exit 3), with what they need to do,
     * so that status can say the step waits for them. The step's status and note stay as they were:
     * a step done before, or a risk accepted, keeps that record.
     */
    public void recordWaiting(String stepKey, String task) {
        StepRecord record = state().step(stepKey);
        record.setWaitingFor(task);
        save();
    }

    /** Forgets that a step waited for the operator, as a run takes it up again. */
    public void clearWaiting(String stepKey) {
        StepRecord record = state().getSteps().get(stepKey);
        if (record != null && record.getWaitingFor() != null) {
            record.setWaitingFor(null);
            save();
        }
    }

    /** Writes the state, unless this is a dry run or no account is known. */
    public void save() {
        if (dryRun || store == null) {
            return;
        }
        claim();
        state.setUpdatedAt(clock.instant());
        store.save(state);
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
