package dev.awsbootstrap.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateAccountAliasRequest;
import software.amazon.awssdk.services.iam.model.CreateAccountAliasResponse;

class AwsChangesTest {
    private final AwsClients clients = mock(AwsClients.class);
    private final IamClient iam = mock(IamClient.class);
    private final List<String> plan = new ArrayList<>();

    @Test
    void sendsTheCallAndCountsItInARealRun() {
        when(clients.iam()).thenReturn(iam);
        when(iam.createAccountAlias(any(CreateAccountAliasRequest.class)))
                .thenReturn(CreateAccountAliasResponse.builder().build());
        AwsChanges changes = new AwsChanges(clients, false, plan::add);

        assertThat(changes.apply(alias("acme"))).isPresent();

        verify(iam).createAccountAlias(alias("acme").request());
        assertThat(changes.calls()).containsExactly("iam:CreateAccountAlias");
        assertThat(plan).isEmpty();
    }

    @Test
    void sendsNothingInADryRunAndPlansTheCliCommandInstead() {
        AwsChanges changes = new AwsChanges(clients, true, plan::add);

        assertThat(changes.apply(alias("acme"))).isEmpty();

        verifyNoInteractions(clients);
        assertThat(plan).containsExactly("aws iam create-account-alias --account-alias acme");
        assertThat(changes.calls()).containsExactly("iam:CreateAccountAlias");
    }

    private static AwsCall<CreateAccountAliasRequest, CreateAccountAliasResponse> alias(String a) {
        return AwsCall.iam(
                CreateAccountAliasRequest.builder().accountAlias(a).build(),
                IamClient::createAccountAlias);
    }
}
