package dev.awsbootstrap.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awsbootstrap.testing.MotoClients;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;

@ExtendWith(MotoExtension.class)
class ChangeGuardTest {
    @Test
    void refusesAChangeInsideTheSdkDuringADryRunButLetsReadsThrough(MotoServer moto) {
        try (AwsClients clients = MotoClients.at(moto.endpoint(), true)) {
            assertThat(clients.iam().listUsers().users()).isEmpty();

            assertThatThrownBy(() -> clients.iam().createUser(b -> b.userName("sneaky")))
                    .hasMessageContaining("CreateUser in a dry run: a dry run only reads.");
        }

        assertThat(moto.iam().listUsers().users()).isEmpty();
    }

    @Test
    void refusesAChangeThatBypassesTheGatewayInARealRun(MotoServer moto) {
        try (AwsClients clients = MotoClients.at(moto.endpoint(), false)) {
            assertThatThrownBy(() -> clients.iam().createUser(b -> b.userName("sneaky")))
                    .hasMessageContaining("CreateUser: changes go through AwsChanges only.");
        }

        assertThat(moto.iam().listUsers().users()).isEmpty();
    }

    @Test
    void letsChangesThroughTheGatewayInARealRun(MotoServer moto) {
        try (AwsClients clients = MotoClients.at(moto.endpoint(), false)) {
            AwsChanges changes = new AwsChanges(clients, false, command -> {});

            changes.apply(
                    AwsCall.iam(
                            CreateUserRequest.builder().userName("jane.bloggs").build(),
                            IamClient::createUser));

            assertThat(changes.calls()).isEqualTo(List.of("iam:CreateUser"));
        }

        assertThat(moto.iam().listUsers().users()).hasSize(1);
    }
}
