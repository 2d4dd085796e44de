package dev.awsbootstrap.localfiles;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.awsbootstrap.state.ResumeState;
import dev.awsbootstrap.state.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The wizard's own writers, SIGKILLed while they work: a child JVM saves the resume file through
 * {@link StateStore} and edits {@code ~/.aws/config} through {@link AwsProfileFile} (backup, then
 * atomic replace) over and over, and is killed at random moments. After every kill the resume file
 * loads, the config file parses and is one whole version, and every backup is whole. The next write
 * of a file clears the temporary files a killed write of it left behind.
 */
class UserFilesKillTest {
    private static final int KILLS = 10;
    private static final String ACCOUNT = "123456789012";

    /** A config file with a long tail of comments, so that one write takes a while. */
    private static final String CONFIG =
            "# kept by the operator\n[default]\nregion = eu-west-2\n\n[profile admin]\n"
                    + "region = eu-west-1\n"
                    + "# padding line to make the file large enough to be caught mid-write\n"
                            .repeat(4000);

    @TempDir Path dir;

    @Test
    void aKilledWriterLeavesWholeResumeAndConfigFiles() throws Exception {
        Path state = dir.resolve("state-" + ACCOUNT + ".json");
        Path config = dir.resolve("config");
        Files.writeString(config, CONFIG);
        Random random = new Random(20261204);
        for (int kill = 0; kill < KILLS; kill++) {
            Files.deleteIfExists(started(state));
            Process writer = ChildJvm.start(Writer.class, state.toString(), config.toString());
            ChildJvm.awaitFile(writer, started(state));
            Thread.sleep(random.nextInt(300));
            writer.destroyForcibly();
            assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();

            ResumeState loaded = new StateStore(state).load().orElseThrow();
            assertThat(loaded.getAccountId()).isEqualTo(ACCOUNT);
            assertThat(loaded.answer("round")).get().isIn("a", "b");
            assertWholeConfig(config, "config after kill " + kill);
            for (Path backup : backups(config)) {
                assertWholeConfig(backup, "backup " + backup.getFileName());
            }
        }
    }

    @Test
    void theNextWriteRemovesTheTemporariesOfKilledWrites() throws Exception {
        Path state = dir.resolve("state-" + ACCOUNT + ".json");
        Path config = dir.resolve("config");
        Files.writeString(config, CONFIG);
        // What a writer killed between creating its temporary file and renaming it leaves.
        List<Path> leftovers =
                List.of(
                        dir.resolve(".state-" + ACCOUNT + ".json.4242424242.tmp"),
                        dir.resolve(".config.777.tmp"),
                        dir.resolve(".config.bak-20261204-101500-2.31337.tmp"));
        for (Path leftover : leftovers) {
            Files.writeString(leftover, "aws_secret_access_key = half-written");
        }
        Path fresh = dir.resolve(".config.999.tmp");
        Files.writeString(fresh, "a write still under way");
        Path unrelated = dir.resolve(".configuration.5.tmp");
        Files.writeString(unrelated, "not ours");
        FileTime old = FileTime.from(Instant.now().minus(AtomicFiles.STALE).minusSeconds(5));
        for (Path file : List.of(leftovers.get(0), leftovers.get(1), leftovers.get(2), unrelated)) {
            Files.setLastModifiedTime(file, old);
        }

        new StateStore(state).save(ResumeState.forAccount(ACCOUNT, Instant.now()));
        AwsProfileFile edited = AwsProfileFile.read(config);
        edited.set("profile admin", "output", "json");
        edited.save(AtomicFiles.OWNER_ONLY);

        assertThat(temporaries())
                .as("a live write's temporary and another file's stay; the leftovers go")
                .containsExactlyInAnyOrder(fresh, unrelated);
    }

    private static void assertWholeConfig(Path file, String what) throws IOException {
        String text = Files.readString(file, UTF_8);
        List<String> versions = List.of(CONFIG, version("a"), version("b"));
        assertThat(versions).as(what + " is one whole version").contains(text);
        ProfileFile parsed =
                ProfileFile.builder().content(file).type(ProfileFile.Type.CONFIGURATION).build();
        assertThat(parsed.profile("admin")).as(what + " parses").isPresent();
    }

    /** The config as the child writes it in a round: the admin profile's region names it. */
    private static String version(String round) {
        return CONFIG.replace(
                "region = eu-west-1\n",
                "region = " + (round.equals("a") ? "us-east-1" : "us-west-2") + "\n");
    }

    private List<Path> backups(Path config) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("config.bak-")).toList();
        }
    }

    private List<Path> temporaries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static Path started(Path state) {
        return state.resolveSibling("writer.started");
    }

    /** The child: saves round a, then b, and so on, to both files, until killed. */
    public static final class Writer {
        public static void main(String[] args) throws IOException {
            Path state = Path.of(args[0]);
            Path config = Path.of(args[1]);
            StateStore store = new StateStore(state);
            for (long round = 0; ; round++) {
                String name = round % 2 == 0 ? "a" : "b";
                ResumeState saved = ResumeState.forAccount(ACCOUNT, Instant.now());
                saved.getAnswers().put("round", name);
                saved.getAnswers().put("padding", "x".repeat(200_000));
                store.save(saved);
                AwsProfileFile file = AwsProfileFile.read(config);
                file.set("profile admin", "region", name.equals("a") ? "us-east-1" : "us-west-2");
                file.save(AtomicFiles.OWNER_ONLY);
                if (round == 0) {
                    Files.createFile(started(state));
                }
            }
        }

        private Writer() {}
    }
}
