package dev.awsbootstrap.testing;

import dev.awsbootstrap.aws.AwsClients;
import dev.awsbootstrap.aws.AwsSettings;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The wizard's own {@link AwsClients}, pointed at moto with obviously fake credentials. */
public final class MotoClients {
    private MotoClients() {}

    public static AwsClients at(URI endpoint, boolean dryRun) {
        return new AwsClients(
                new AwsSettings(
                        Optional.empty(),
                        Optional.of(MotoServer.REGION),
                        Optional.of(endpoint),
                        dryRun),
                StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(
                                MotoServer.FAKE_ACCESS_KEY_ID, MotoServer.FAKE_SECRET_ACCESS_KEY)));
    }
}
