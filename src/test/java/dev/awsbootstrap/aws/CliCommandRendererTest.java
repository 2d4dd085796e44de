package dev.awsbootstrap.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.CreateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.Spend;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateAccountAliasRequest;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.Tag;

class CliCommandRendererTest {
    @Test
    void rendersASimpleCallAsTheAwsCliSpellsIt() {
        AwsCall<?, ?> call =
                AwsCall.iam(
                        CreateAccountAliasRequest.builder().accountAlias("acme-data").build(),
                        IamClient::createAccountAlias);

        assertThat(call.asCliCommand())
                .isEqualTo("aws iam create-account-alias --account-alias acme-data");
    }

    @Test
    void quotesJsonDocumentsAndRendersListsOfStructuresAsJson() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"}]}";
        AwsCall<?, ?> call =
                AwsCall.iam(
                        CreateRoleRequest.builder()
                                .roleName("AdminRole")
                                .assumeRolePolicyDocument(trust)
                                .description("Full administrative access for account's admins")
                                .tags(
                                        Tag.builder()
                                                .key("managed-by")
                                                .value("aws-bootstrap")
                                                .build())
                                .build(),
                        IamClient::createRole);

        assertThat(call.asCliCommand())
                .isEqualTo(
                        "aws iam create-role --role-name AdminRole --assume-role-policy-document '"
                                + trust
                                + "' --description 'Full administrative access for account'\\''s"
                                + " admins' --tags"
                                + " '[{\"Key\":\"managed-by\",\"Value\":\"aws-bootstrap\"}]'");
    }

    @Test
    void masksSecretParametersAndRendersBooleansAsFlags() {
        AwsCall<?, ?> call =
                AwsCall.iam(
                                CreateLoginProfileRequest.builder()
                                        .userName("jane.bloggs")
                                        .password("Sup3r-Secret-Passw0rd!")
                                        .passwordResetRequired(false)
                                        .build(),
                                IamClient::createLoginProfile)
                        .withSecret("Password");

        assertThat(call.asCliCommand())
                .isEqualTo(
                        "aws iam create-login-profile --user-name jane.bloggs --password '****'"
                                + " --no-password-reset-required")
                .doesNotContain("Sup3r");
    }

    @Test
    void rendersNestedStructuresWithTheirMemberNames() {
        AwsCall<?, ?> call =
                AwsCall.budgets(
                        CreateBudgetRequest.builder()
                                .accountId("123456789012")
                                .budget(
                                        Budget.builder()
                                                .budgetName("Monthly-Cost-Budget")
                                                .budgetLimit(
                                                        Spend.builder()
                                                                .amount(new BigDecimal("100"))
                                                                .unit("USD")
                                                                .build())
                                                .timeUnit("MONTHLY")
                                                .budgetType("COST")
                                                .build())
                                .build(),
                        BudgetsClient::createBudget);

        assertThat(call.asCliCommand())
                .isEqualTo(
                        "aws budgets create-budget --account-id 123456789012 --budget"
                                + " '{\"BudgetName\":\"Monthly-Cost-Budget\",\"BudgetLimit\":"
                                + "{\"Amount\":\"100\",\"Unit\":\"USD\"},\"TimeUnit\":\"MONTHLY\","
                                + "\"BudgetType\":\"COST\"}'");
    }

    @Test
    void rendersAnAmountAsTheStringTheAwsCliExpectsWithoutAnExponent() {
        AwsCall<?, ?> call =
                AwsCall.budgets(
                        CreateBudgetRequest.builder()
                                .accountId("123456789012")
                                .budget(
                                        Budget.builder()
                                                .budgetName("B")
                                                .budgetLimit(
                                                        Spend.builder()
                                                                .amount(new BigDecimal("1E+3"))
                                                                .unit("USD")
                                                                .build())
                                                .build())
                                .build(),
                        BudgetsClient::createBudget);

        // botocore types Spend.Amount as a string and refuses a JSON number there.
        assertThat(call.asCliCommand())
                .contains("\"BudgetLimit\":{\"Amount\":\"1000\",\"Unit\":\"USD\"}");
    }

    @Test
    void masksAPasswordEvenWhenTheStepForgotToMarkIt() {
        AwsCall<?, ?> call =
                AwsCall.iam(
                        CreateLoginProfileRequest.builder()
                                .userName("jane.bloggs")
                                .password("Sup3r-Secret-Passw0rd!")
                                .build(),
                        IamClient::createLoginProfile);

        assertThat(call.asCliCommand()).contains("--password '****'").doesNotContain("Sup3r");
    }

    @ParameterizedTest
    @CsvSource({
        "CreateVirtualMFADevice, create-virtual-mfa-device",
        "VirtualMFADeviceName, virtual-mfa-device-name",
        "AuthenticationCode1, authentication-code1",
        "ListAccountAliases, list-account-aliases",
        "RoleName, role-name"
    })
    void spellsNamesAsBotocoreDoes(String awsName, String cliName) {
        assertThat(CliCommandRenderer.cliName(awsName)).isEqualTo(cliName);
    }
}
