package dev.awsbootstrap.steps.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import dev.awsbootstrap.answers.Answers;
import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.state.StepStatus;
import dev.awsbootstrap.steps.cliconfig.CliConfigStep;
import dev.awsbootstrap.steps.user.UsedMfaCodes;
import dev.awsbootstrap.testing.TestAnswers;
import dev.awsbootstrap.testing.TestConsole;
import dev.awsbootstrap.testing.TestContexts;
import dev.awsbootstrap.wizard.RunReport;
import dev.awsbootstrap.wizard.Wizard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * What moto cannot produce: IAM changes that STS does not honour yet, and a rejected MFA code. STS
 * is a Mockito mock; time is a clock that the pauses move forward.
 */
class VerifyStepEdgeCasesTest {
    private static final String ACCOUNT = TestContexts.ACCOUNT_ID;
    private static final String USER_ARN = "arn:aws:iam::" + ACCOUNT + ":user/jane.bloggs";

    @TempDir Path home;

    private final AwsClients clients = mock(AwsClients.class);
    private final StsClient sts = mock(StsClient.class);
    private final List<Duration> pauses = new ArrayList<>();
    private final UsedMfaCodes used = new UsedMfaCodes();
    private Instant now = Instant.parse("2026-12-04T10:00:00Z");

    @BeforeEach
    void setUp() throws IOException {
        when(clients.stsWith(any(), any())).thenReturn(sts);
        when(clients.region()).thenReturn(Region.EU_WEST_2);
        Path aws = Files.createDirectories(home.resolve(".aws"));
        StringBuilder config = new StringBuilder("[default]\nregion = eu-west-2\n");
        CliConfigStep.ROLE_PROFILES.forEach(
                (profile, role) ->
                        config.append("[profile ")
                                .append(profile)
                                .append("]\nrole_arn = arn:aws:iam::")
                                .append(ACCOUNT)
                                .append(":role/")
                                .append(role)
                                .append("\nsource_profile = default\nmfa_serial = arn:aws:iam::")
                                .append(ACCOUNT)
                                .append(":mfa/jbloggs-phone\n"));
        Files.writeString(aws.resolve("config"), config);
        Files.writeString(
                aws.resolve("credentials"),
                "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                        + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
    }

    @Test
    void waitsWithGrowingPausesWhileIamChangesReachSts() {
        when(sts.getCallerIdentity())
                .thenThrow(failure("InvalidClientTokenId", "The security token is invalid."))
                .thenReturn(identity(USER_ARN), assumed("DataEngineerRole"))
                .thenReturn(assumed("InfrastructureAdminRole"), assumed("AdminRole"));
        when(sts.assumeRole(any(AssumeRoleRequest.class)))
                .thenThrow(failure("AccessDenied", "not authorized to perform sts:AssumeRole"))
                .thenThrow(failure("AccessDenied", "not authorized to perform sts:AssumeRole"))
                .thenReturn(credentials());
        TestConsole console = TestConsole.typing("111111", "222222", "333333");

        RunReport report = run(console);

        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.DONE);
        assertThat(pauses)
                .containsExactly(
                        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(console.err())
                .contains("Waiting for IAM to apply the changes (the new access key is not known")
                .contains("(the role cannot be assumed yet): trying again in 2 s, 1 s so far.");
        verify(sts, times(5)).assumeRole(any(AssumeRoleRequest.class));
    }

    @Test
    void givesUpAfterTwoMinutesWithOneLineSayingWhatToCheck() {
        when(sts.getCallerIdentity()).thenReturn(identity(USER_ARN));
        when(sts.assumeRole(any(AssumeRoleRequest.class)))
                .thenThrow(failure("AccessDenied", "not authorized to perform sts:AssumeRole"));

        assertThatThrownBy(() -> run(TestConsole.typing("111111")))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                            assertThat(e.getMessage())
                                    .startsWith("The profile data-engineer cannot assume")
                                    .contains("(AccessDenied) after waiting 2 minutes")
                                    .contains("trust policy")
                                    .doesNotContain("\n");
                        });
        Duration waited = pauses.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(waited)
                .isLessThanOrEqualTo(Propagation.PATIENCE)
                .isGreaterThan(Duration.ofSeconds(90));
    }

    @Test
    void asksForAnotherCodeWhenAwsRejectsTheMfaCode() {
        when(sts.getCallerIdentity())
                .thenReturn(identity(USER_ARN), assumed("DataEngineerRole"))
                .thenReturn(assumed("InfrastructureAdminRole"), assumed("AdminRole"));
        when(sts.assumeRole(any(AssumeRoleRequest.class)))
                .thenThrow(
                        failure(
                                "AccessDenied",
                                "MultiFactorAuthentication failed with invalid MFA one time pass"
                                        + " code."))
                .thenReturn(credentials());
        TestConsole console = TestConsole.typing("111111", "222222", "333333", "444444");

        RunReport report = run(console);

        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.DONE);
        assertThat(console.err()).contains("AWS rejected that MFA code");
        assertThat(pauses).isEmpty();
        verify(sts, times(4)).assumeRole(any(AssumeRoleRequest.class));
    }

    @Test
    void refusesACodeThisRunAlreadySentBeforeAskingAws() {
        used.sent("222222"); // the second code that enabled the device, moments ago
        when(sts.getCallerIdentity())
                .thenReturn(identity(USER_ARN), assumed("DataEngineerRole"))
                .thenReturn(assumed("InfrastructureAdminRole"), assumed("AdminRole"));
        when(sts.assumeRole(any(AssumeRoleRequest.class))).thenReturn(credentials());
        TestConsole console = TestConsole.typing("222222", "333333", "333333", "444444", "555555");

        RunReport report = run(console);

        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.DONE);
        assertThat(console.err())
                .containsOnlyOnce("\"222222\": this run already sent that code to AWS")
                .containsOnlyOnce("\"333333\": this run already sent that code to AWS")
                .contains("wait for your app to show the next one");
        ArgumentCaptor<AssumeRoleRequest> requests =
                ArgumentCaptor.forClass(AssumeRoleRequest.class);
        verify(sts, times(3)).assumeRole(requests.capture());
        assertThat(requests.getAllValues())
                .extracting(AssumeRoleRequest::tokenCode)
                .containsExactly("333333", "444444", "555555");
    }

    @Test
    void stopsWhenTheScriptedMfaCodeIsRejected() {
        when(sts.getCallerIdentity()).thenReturn(identity(USER_ARN));
        when(sts.assumeRole(any(AssumeRoleRequest.class)))
                .thenThrow(
                        failure(
                                "AccessDenied",
                                "MultiFactorAuthentication failed with invalid MFA one time pass"
                                        + " code."));

        assertThatThrownBy(
                        () ->
                                new Wizard(List.of(step(List.of("123456", "654321"))))
                                        .run(
                                                TestContexts.realRun(
                                                        TestConsole.nonInteractive(),
                                                        clients,
                                                        home)))
                .isInstanceOfSatisfying(
                        BootstrapException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT));
    }

    private RunReport run(TestConsole console) {
        return new Wizard(List.of(step(null))).run(TestContexts.realRun(console, clients, home));
    }

    private VerifyStep step(List<String> codes) {
        Clock clock =
                new Clock() {
                    @Override
                    public ZoneId getZone() {
                        return ZoneId.of("UTC");
                    }

                    @Override
                    public Clock withZone(ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        return now;
                    }
                };
        Propagation propagation =
                new Propagation(
                        clock,
                        pause -> {
                            pauses.add(pause);
                            now = now.plus(pause);
                        });
        Answers answers =
                TestAnswers.answers()
                        .user(new Answers.User("jane.bloggs", null, null, null, null, codes))
                        .build();
        return new VerifyStep(answers, home, Map.<String, String>of()::get, propagation, used);
    }

    private static StsException failure(String code, String message) {
        return (StsException)
                StsException.builder()
                        .statusCode(403)
                        .awsErrorDetails(
                                AwsErrorDetails.builder()
                                        .errorCode(code)
                                        .errorMessage(message)
                                        .build())
                        .build();
    }

    private static GetCallerIdentityResponse identity(String arn) {
        return GetCallerIdentityResponse.builder().arn(arn).account(ACCOUNT).build();
    }

    private static GetCallerIdentityResponse assumed(String role) {
        return identity("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/aws-bootstrap");
    }

    private static AssumeRoleResponse credentials() {
        return AssumeRoleResponse.builder()
                .credentials(
                        Credentials.builder()
                                .accessKeyId("ASIAIOSFODNN7EXAMPLE")
                                .secretAccessKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY")
                                .sessionToken("FwoGZXIvYXdzEXAMPLE")
                                .expiration(Instant.parse("2026-12-04T11:00:00Z"))
                                .build())
                .build();
    }
}
