package dev.awsbootstrap.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awsbootstrap.testing.MotoClients;
import dev.awsbootstrap.testing.MotoExtension;
import dev.awsbootstrap.testing.MotoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class DryRunGuardTest {
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
    void letsChangesThroughInARealRun(MotoServer moto) {
        try (AwsClients clients = MotoClients.at(moto.endpoint(), false)) {
            clients.iam().createUser(b -> b.userName("jane.bloggs"));
        }

        assertThat(moto.iam().listUsers().users()).hasSize(1);
    }
}
