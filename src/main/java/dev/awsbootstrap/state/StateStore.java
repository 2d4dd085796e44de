package dev.awsbootstrap.state;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.localfiles.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Reads and writes one resume file. Writes are atomic and owner-only; {@link #lock()} takes an
 * operating-system lock on a file beside it, so two runs cannot interleave and a killed run leaves
 * nothing that blocks the next one.
 */
public final class StateStore implements AutoCloseable {
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();

    private final Path file;
    private FileChannel lockChannel;
    private FileLock lock;

    public StateStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The default resume file of an account: one file per account under the home directory. */
    public static Path defaultFile(Path home, String accountId) {
        return home.resolve(".aws-bootstrap").resolve("state-" + accountId + ".json");
    }

    /** Takes the lock, or fails at once when another run holds it. */
    public void lock() {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try {
            AtomicFiles.createPrivateDirectories(lockFile.toAbsolutePath().getParent());
            lockChannel =
                    FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            restrictToOwner(lockFile);
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            throw new BootstrapException(
                    ExitCode.FAILED,
                    "Cannot lock the resume file "
                            + lockFile
                            + " ("
                            + e.getMessage()
                            + "): check that its directory is writable, then run again.",
                    e);
        }
        if (lock == null) {
            close();
            throw new BootstrapException(
                    ExitCode.FAILED,
                    "Another aws-bootstrap run is using "
                            + file
                            + ": wait for it to finish, then run again.");
        }
    }

    /** The saved state, or empty when there is no file yet. */
    public Optional<ResumeState> load() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BootstrapException(
                    ExitCode.FAILED,
                    "Cannot read the resume file "
                            + file
                            + " ("
                            + e.getMessage()
                            + "): check its permissions, then run again.",
                    e);
        }
        return Optional.of(parse(content));
    }

    private ResumeState parse(byte[] content) {
        ResumeState state;
        try {
            state = MAPPER.readValue(content, ResumeState.class);
        } catch (JsonProcessingException e) {
            throw corrupted(
                    where(e.getLocation())
                            + e.getOriginalMessage().lines().findFirst().orElse("not valid JSON"),
                    e);
        } catch (IOException e) {
            throw corrupted(e.getMessage(), e);
        }
        if (state == null
                || state.getAccountId() == null
                || !state.getAccountId().matches("\\d{12}")) {
            throw corrupted("it names no 12-digit accountId", null);
        }
        if (state.getSchemaVersion() > ResumeState.SCHEMA_VERSION) {
            throw BootstrapException.badInput(
                    "The resume file "
                            + file
                            + " was written by a newer aws-bootstrap (schema "
                            + state.getSchemaVersion()
                            + "): run that version, or use --state to"
                            + " start another file.");
        }
        return state;
    }

    private BootstrapException corrupted(String reason, Throwable cause) {
        return new BootstrapException(
                ExitCode.BAD_INPUT,
                "The resume file "
                        + file
                        + " is corrupted ("
                        + reason
                        + "): it was left as it"
                        + " is; move it away or pass --state with another path, then run again.",
                cause);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "line " + location.getLineNr() + ": ";
    }

    /** Writes the state atomically, readable by the owner only. */
    public void save(ResumeState state) {
        try {
            AtomicFiles.write(file, MAPPER.writeValueAsBytes(state), AtomicFiles.OWNER_ONLY);
        } catch (IOException e) {
            throw new BootstrapException(
                    ExitCode.FAILED,
                    "Cannot write the resume file "
                            + file
                            + " ("
                            + e.getMessage()
                            + "): free some disk space or fix its permissions, then run again.",
                    e);
        }
    }

    private static void restrictToOwner(Path path) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Releases the lock; the lock file stays, empty and harmless. */
    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // The operating system releases the lock when the process ends in any case.
        } finally {
            lock = null;
            lockChannel = null;
        }
    }
}
