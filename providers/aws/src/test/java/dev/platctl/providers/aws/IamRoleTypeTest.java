package dev.platctl.providers.aws;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.platctl.providers.aws.AwsTesting.assertNoChange;
import static dev.platctl.providers.aws.AwsTesting.obj;
import static dev.platctl.providers.aws.AwsTesting.tagsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(AwsBackend.class)
class IamRoleTypeTest {
    static final String KEY = "payments.aws_iam_role.app";
    static final String LAMBDA_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    /** The same policy, reformatted: keys reordered, one-item lists, white space. */
    static final String LAMBDA_TRUST_REFORMATTED = """
            {
              "Statement": {
                "Action": ["sts:AssumeRole"],
                "Principal": {"Service": ["lambda.amazonaws.com"]},
                "Effect": "Allow"
              },
              "Version": "2012-10-17"
            }""";
    static final String EC2_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    AwsProvider provider;
    ResourceType roles;
    IamClient iam;

    String account;

    @BeforeEach
    void setUp(AwsBackend.Emulator emulator) {
        account = emulator.accountId();
        provider = AwsTesting.provider(emulator, Map.of("team", "payments"));
        roles = AwsTesting.type(provider, IamRoleType.TYPE);
        iam = AwsTesting.iam(emulator);
    }

    @AfterEach
    void tearDown() {
        provider.close();
        iam.close();
    }

    @Test
    void fullLifecycle() {
        ObjectValue config = obj("name", "app", "assume_role_policy", LAMBDA_TRUST, "description", "the app", "tags", Map.of("env", "dev"));
        ObjectValue state = AwsTesting.create(roles, config, KEY);
        assertEquals("arn:aws:iam::" + account + ":role/app", Attrs.string(state, "arn").orElseThrow());
        assertEquals("app", Attrs.string(state, "id").orElseThrow());
        assertTrue(Attrs.string(state, "unique_id").orElseThrow().startsWith("AROA"));
        assertEquals(Map.of("env", "dev", "team", "payments"), tagsAll(state));

        assertEquals(Optional.of(state), roles.read(state));
        assertNoChange(roles, state, config);
        assertNoChange(roles, state, config.with("assume_role_policy", dev.platctl.engine.value.Value.of(LAMBDA_TRUST_REFORMATTED)));

        ObjectValue updatedConfig = obj("name", "app", "assume_role_policy", EC2_TRUST, "description", "the app, on EC2",
                "max_session_duration", 7200, "tags", Map.of("env", "prod"));
        state = AwsTesting.update(roles, state, updatedConfig);
        Role role = iam.getRole(b -> b.roleName("app")).role();
        assertTrue(PolicyDocuments.equivalent(EC2_TRUST, PolicyDocuments.decode(role.assumeRolePolicyDocument())));
        assertEquals("the app, on EC2", role.description());
        assertEquals(7200, role.maxSessionDuration());
        assertTrue(role.tags().stream().anyMatch(t -> t.key().equals(Tags.ADDRESS_TAG) && t.value().equals(KEY)));
        assertEquals(Optional.of(state), roles.read(state));
        assertNoChange(roles, state, updatedConfig);

        ObjectValue renamed = updatedConfig.with("name", dev.platctl.engine.value.Value.of("app-v2"));
        PlanResult replace = roles.plan(Optional.of(state), renamed);
        assertEquals(Set.of(AttributePath.of("name")), replace.requiresReplace());
        roles.delete(state);
        assertEquals(Optional.empty(), roles.read(state));
        state = AwsTesting.create(roles, renamed, KEY);

        iam.updateAssumeRolePolicy(b -> b.roleName("app-v2").policyDocument(LAMBDA_TRUST));
        iam.untagRole(b -> b.roleName("app-v2").tagKeys("env"));
        ObjectValue drifted = roles.read(state).orElseThrow();
        assertTrue(PolicyDocuments.equivalent(LAMBDA_TRUST, Attrs.string(drifted, "assume_role_policy").orElseThrow()));
        assertEquals(Map.of("team", "payments"), tagsAll(drifted));
        assertNotEquals(state, drifted);

        ObjectValue repaired = AwsTesting.update(roles, drifted, renamed);
        assertEquals(Optional.of(repaired), roles.read(repaired));
        assertNoChange(roles, repaired, renamed);

        ObjectValue imported = roles.importState("app-v2").orElseThrow();
        assertNoChange(roles, imported, renamed);

        roles.delete(imported);
        assertEquals(Optional.empty(), roles.read(imported));
        assertEquals(Optional.empty(), roles.importState("app-v2"));
    }

    @Test
    void lookupAdoptsOnlyARoleCarryingItsKey() {
        ObjectValue planned = roles.plan(Optional.empty(), obj("name", "crashed", "assume_role_policy", LAMBDA_TRUST)).planned();
        assertEquals(Optional.empty(), roles.lookup(KEY, planned));
        ObjectValue created = roles.create(planned, KEY);
        assertEquals(Optional.of(created), roles.lookup(KEY, planned));
        assertEquals(Optional.empty(), roles.lookup("other.aws_iam_role.app", planned));
    }

    @Test
    void creatingARoleThatExistsKeepsAwsErrorCode() {
        iam.createRole(b -> b.roleName("taken").assumeRolePolicyDocument(LAMBDA_TRUST));
        ProviderException e = assertThrows(ProviderException.class,
                () -> AwsTesting.create(roles, obj("name", "taken", "assume_role_policy", LAMBDA_TRUST), KEY));
        assertTrue(e.getMessage().matches("cannot create aws_iam_role taken: EntityAlreadyExists: .+ \\(status 409\\)"),
                "the role's name, not the address: " + e.getMessage());
    }

    @Test
    void planRejectsAPolicyThatIsNotJson() {
        PlanResult p = roles.plan(Optional.empty(), obj("name", "r", "assume_role_policy", "{not json", "max_session_duration", 60));
        assertEquals(List.of("Invalid value for \"assume_role_policy\"", "Invalid value for \"max_session_duration\""),
                p.diagnostics().errors().stream().map(d -> d.summary()).toList());
    }
}
