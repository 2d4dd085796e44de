package dev.awsbootstrap.localfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line-preserving editor, as the access key step uses it on a credentials file. */
class AwsProfileFileTest {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-12-04T10:11:12Z"), ZoneOffset.UTC);
    private static final String NEW_ID = "AKIANEWKEYEXAMPLE000";
    private static final String NEW_SECRET = "newSecretEXAMPLEnewSecretEXAMPLEnewSecre";

    @TempDir Path dir;

    @Test
    void changesOnlyTheDefaultKeysAndKeepsEveryOtherByte() throws IOException {
        String before =
                "; written by hand\r\n"
                        + "[work]\r\n"
                        + "aws_access_key_id = AKIAWORKEXAMPLE00000 ; inline comment\r\n"
                        + "aws_secret_access_key = workSecretEXAMPLE\r\n"
                        + "\r\n"
                        + "# the default one\r\n"
                        + "[ default ]\r\n"
                        + "aws_access_key_id=AKIAOLDKEYEXAMPLE000\r\n"
                        + "aws_session_token = oldTokenEXAMPLE\r\n"
                        + "region = eu-west-2";
        Path file = write("credentials", before);

        AwsProfileFile credentials = AwsProfileFile.read(file, CLOCK);
        credentials.set("default", "aws_access_key_id", NEW_ID);
        credentials.set("default", "aws_secret_access_key", NEW_SECRET);
        credentials.remove("default", "aws_session_token");
        Optional<Path> backup = credentials.save(AtomicFiles.OWNER_ONLY);

        assertThat(Files.readString(file))
                .isEqualTo(
                        "; written by hand\r\n"
                                + "[work]\r\n"
                                + "aws_access_key_id = AKIAWORKEXAMPLE00000 ; inline comment\r\n"
                                + "aws_secret_access_key = workSecretEXAMPLE\r\n"
                                + "\r\n"
                                + "# the default one\r\n"
                                + "[ default ]\r\n"
                                + "aws_access_key_id = "
                                + NEW_ID
                                + "\r\n"
                                + "region = eu-west-2\r\n"
                                + "aws_secret_access_key = "
                                + NEW_SECRET
                                + "\r\n");
        assertThat(backup).contains(dir.resolve("credentials.bak-20261204-101112"));
        assertThat(Files.readString(backup.get())).isEqualTo(before);
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(backup.get())).isEqualTo("rw-------");
    }

    @Test
    void readsValuesAsTheSdkDoes() throws IOException {
        Path file =
                write(
                        "config",
                        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/AdminRole"
                                + " # comment\ns3 =\n  max_concurrent_requests = 20\n");

        Map<String, String> admin = AwsProfileFile.read(file, CLOCK).section("profile admin").get();

        assertThat(admin)
                .containsEntry("role_arn", "arn:aws:iam::123456789012:role/AdminRole")
                .containsEntry("s3", "\nmax_concurrent_requests = 20");
    }

    @Test
    void addsASectionToAMissingFileWithoutABackup() {
        Path file = dir.resolve("new").resolve("credentials");

        AwsProfileFile credentials = AwsProfileFile.read(file, CLOCK);
        credentials.set("default", "aws_access_key_id", NEW_ID);
        Optional<Path> backup = credentials.save(AtomicFiles.OWNER_ONLY);

        assertThat(backup).isEmpty();
        assertThat(file).hasContent("[default]\naws_access_key_id = " + NEW_ID + "\n");
    }

    @Test
    void writesNothingAndKeepsNoBackupWhenNothingChanges() throws IOException {
        Path file = write("credentials", "[default]\naws_access_key_id = " + NEW_ID + "\n");

        AwsProfileFile credentials = AwsProfileFile.read(file, CLOCK);
        boolean changed = credentials.set("default", "aws_access_key_id", NEW_ID);

        assertThat(changed).isFalse();
        assertThat(credentials.save(AtomicFiles.OWNER_ONLY)).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void keepsBothBackupsOfTwoSavesWithinOneSecond() throws IOException {
        Path file = write("credentials", "[default]\nregion = a\n");

        AwsProfileFile credentials = AwsProfileFile.read(file, CLOCK);
        credentials.set("default", "region", "b");
        Path first = credentials.save(AtomicFiles.OWNER_ONLY).orElseThrow();
        credentials.set("default", "region", "c");
        Path second = credentials.save(AtomicFiles.OWNER_ONLY).orElseThrow();

        assertThat(first).isNotEqualTo(second);
        assertThat(first).hasContent("[default]\nregion = a\n");
        assertThat(second).hasContent("[default]\nregion = b\n");
    }

    @Test
    void editsTheFileBehindASymbolicLinkAndKeepsTheLink() throws IOException {
        Path real = write("dotfiles-credentials", "[default]\nregion = a\n");
        Path link = Files.createSymbolicLink(dir.resolve("credentials"), real);

        AwsProfileFile credentials = AwsProfileFile.read(link, CLOCK);
        credentials.set("default", "region", "b");
        credentials.save(AtomicFiles.OWNER_ONLY);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("[default]\nregion = b\n");
    }

    @Test
    void refusesToOverwriteAFileAnotherProgramChangedMeanwhile() throws IOException {
        Path file = write("credentials", "[default]\nregion = a\n");
        AwsProfileFile credentials = AwsProfileFile.read(file, CLOCK);
        credentials.set("default", "region", "b");
        Files.writeString(file, "[default]\nregion = someone else\n");

        assertThatThrownBy(() -> credentials.save(AtomicFiles.OWNER_ONLY))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED))
                .hasMessageContaining("was changed by another program");
        assertThat(file).hasContent("[default]\nregion = someone else\n");
    }

    @Test
    void namesTheFileAndLineOfABrokenFileButNeverItsContent() throws IOException {
        Path file =
                write(
                        "credentials",
                        "[default]\naws_secret_access_key = hiddenEXAMPLE\nnot a key line\n");

        assertThatThrownBy(() -> AwsProfileFile.read(file, CLOCK))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT))
                .hasMessageContaining(file + " line 3 is not valid")
                .hasMessageNotContaining("hiddenEXAMPLE")
                .hasMessageNotContaining("not a key line");
    }

    @Test
    void neverShowsAValue() throws IOException {
        Path file = write("credentials", "[default]\naws_secret_access_key = hiddenEXAMPLE\n");
        AwsProfileFile credentials = AwsProfileFile.read(file, CLOCK);

        assertThat(credentials.toString()).doesNotContain("hiddenEXAMPLE");
        assertThatThrownBy(() -> credentials.set("default", "aws_secret_access_key", " x # y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("x # y");
    }

    private Path write(String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
