package dev.awsbootstrap.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awsbootstrap.BootstrapException;
import dev.awsbootstrap.ExitCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "AccessDenied|grant the caller the iam:CreateAccountAlias permission",
                "InvalidClientTokenId|does not accept the access key",
                "ExpiredToken|have expired",
                "Throttling|kept throttling iam:CreateAccountAlias",
                "ServiceFailure|iam:CreateAccountAlias failed: ServiceFailure"
            })
    void describesServiceErrorsInOneLineThatSaysWhatToDo(String code, String expected) {
        AwsServiceException failure =
                AwsServiceException.builder()
                        .awsErrorDetails(
                                AwsErrorDetails.builder()
                                        .errorCode(code)
                                        .errorMessage("details from AWS\nsecond line")
                                        .build())
                        .build();

        BootstrapException described = AwsErrors.describe(failure, "iam:CreateAccountAlias");

        assertThat(described.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(described.getMessage()).contains(expected).doesNotContain("\n");
    }

    @org.junit.jupiter.api.Test
    void tellsHowToProvideCredentialsWhenNoneAreFound() {
        SdkClientException failure =
                SdkClientException.create("Unable to load credentials from any of the providers");

        assertThat(AwsErrors.describe(failure, "sts:GetCallerIdentity").getMessage())
                .isEqualTo(AwsErrors.NO_CREDENTIALS);
    }
}
