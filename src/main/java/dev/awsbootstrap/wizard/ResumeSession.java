package dev.awsbootstrap.wizard;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StateStore;
import dev.awsbootstrap.state.StepRecord;
import dev.awsbootstrap.state.StepStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The resume file of the account being set up: bound once the account is known, locked for the run,
 * saved after every change. A dry run reads it but never locks or writes it.
 */
public final class ResumeSession implements AutoCloseable {
    private final Optional<Path> requestedFile;
    private final Path home;
    private final boolean dryRun;
    private final Clock clock;
    private StateStore store;
    private ResumeState state;

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
        // Checked before the lock too, so that a refused file gets no lock file beside it.
        checkAccount(file, store.load(), account);
        if (!dryRun) {
            store.lock();
        }
        Optional<ResumeState> saved = store.load();
        checkAccount(file, saved, account);
        state = saved.orElseGet(() -> ResumeState.forAccount(account.id(), clock.instant()));
        save();
    }

    private static void checkAccount(Path file, Optional<ResumeState> saved, Account account) {
        if (saved.isPresent() && !saved.get().getAccountId().equals(account.id())) {
            String owner = saved.get().getAccountId();
            throw BootstrapException.badInput(
                    "The resume file "
                            + file
                            + " belongs to account "
                            + owner
                            + ", but the credentials are for account "
                            + account.id()
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
        state().getAnswers().put(key, value);
        save();
    }

    /** Records what a step created (a name, an ARN, an id; never a secret). */
    public void recordCreated(String stepKey, String name, String value) {
        StepRecord record = state().step(stepKey);
        record.getCreated().put(name, value);
        record.setAt(clock.instant());
        save();
    }

    public void recordStatus(String stepKey, StepStatus status, String note) {
        StepRecord record = state().step(stepKey);
        record.setStatus(status);
        record.setNote(note);
        record.setAt(clock.instant());
        save();
    }

    /** Writes the state, unless this is a dry run or no account is known. */
    public void save() {
        if (dryRun || store == null) {
            return;
        }
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
