package dev.platctl.providers.aws;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.platctl.providers.aws.AwsTesting.assertNoChange;
import static dev.platctl.providers.aws.AwsTesting.obj;
import static dev.platctl.providers.aws.AwsTesting.tagsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** aws_iam_policy and aws_iam_role_policy_attachment against the AWS test backend (moto or LocalStack, see AwsBackend). */
@ExtendWith(AwsBackend.class)
class IamPolicyTypesTest {
    static final String KEY = "orders.aws_iam_policy.read";
    static final String READ = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:ReceiveMessage","sqs:DeleteMessage"],"Resource":"*"}]}""";
    static final String READ_REFORMATTED = """
            {"Statement": [{"Resource": ["*"], "Action": ["sqs:DeleteMessage", "sqs:ReceiveMessage"], "Effect": "Allow"}],
             "Version": "2012-10-17"}""";
    static final String WRITE = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}""";

    AwsProvider provider;
    ResourceType policies;
    ResourceType attachments;
    IamClient iam;

    @BeforeEach
    void setUp(AwsBackend.Emulator emulator) {
        provider = AwsTesting.provider(emulator, Map.of("team", "orders"));
        policies = AwsTesting.type(provider, IamPolicyType.TYPE);
        attachments = AwsTesting.type(provider, IamRolePolicyAttachmentType.TYPE);
        iam = AwsTesting.iam(emulator);
    }

    @AfterEach
    void tearDown() {
        provider.close();
        iam.close();
    }

    @Test
    void policyFullLifecycle() {
        ObjectValue config = obj("name", "orders-read", "policy", READ, "description", "read orders");
        ObjectValue state = AwsTesting.create(policies, config, KEY);
        String arn = Attrs.string(state, "arn").orElseThrow();
        assertTrue(arn.endsWith(":policy/orders-read"), arn);
        assertEquals(Optional.of(state), policies.read(state));
        assertNoChange(policies, state, config);
        assertNoChange(policies, state, config.with("policy", Value.of(READ_REFORMATTED)));

        ObjectValue updated = config.with("policy", Value.of(WRITE)).with("tags", obj("env", "prod"));
        for (int i = 0; i < 6; i++) {
            ObjectValue next = i % 2 == 0 ? updated : config;
            state = AwsTesting.update(policies, state, next);
        }
        assertEquals(5, iam.listPolicyVersions(b -> b.policyArn(arn)).versions().size(), "the oldest versions were deleted");
        assertEquals(Optional.of(state), policies.read(state));
        assertNoChange(policies, state, config);

        ObjectValue described = config.with("description", Value.of("read orders, v2"));
        assertEquals(Set.of(AttributePath.of("description")), policies.plan(Optional.of(state), described).requiresReplace());
        policies.delete(state);
        assertEquals(Optional.empty(), policies.read(state));
        state = AwsTesting.create(policies, described, KEY);
        String arn2 = Attrs.string(state, "arn").orElseThrow();

        iam.createPolicyVersion(b -> b.policyArn(arn2).policyDocument(WRITE).setAsDefault(true));
        iam.tagPolicy(b -> b.policyArn(arn2).tags(t -> t.key("owner").value("someone")));
        ObjectValue drifted = policies.read(state).orElseThrow();
        assertEquals(Value.of(WRITE), drifted.getOrNull("policy"));
        assertEquals("someone", tagsAll(drifted).get("owner"));
        assertEquals(state, AwsTesting.update(policies, drifted, described));
        assertEquals(Optional.of(state), policies.read(state));

        ObjectValue imported = policies.importState(arn2).orElseThrow();
        assertNoChange(policies, imported, described);
        assertEquals(Optional.of(imported), policies.lookup(KEY, described));
        assertEquals(Optional.empty(), policies.lookup("other.aws_iam_policy.read", described));
        policies.delete(imported);
        assertEquals(Optional.empty(), policies.read(imported));
        assertEquals(Optional.empty(), policies.lookup(KEY, described));
    }

    @Test
    void attachmentFullLifecycle() {
        iam.createRole(b -> b.roleName("app").assumeRolePolicyDocument(IamRoleTypeTest.LAMBDA_TRUST));
        iam.createRole(b -> b.roleName("worker").assumeRolePolicyDocument(IamRoleTypeTest.LAMBDA_TRUST));
        String arn = Attrs.string(AwsTesting.create(policies, obj("name", "orders-read", "policy", READ), KEY), "arn").orElseThrow();
        ObjectValue config = obj("role", "app", "policy_arn", arn);
        String key = "orders.aws_iam_role_policy_attachment.app";
        ObjectValue state = AwsTesting.create(attachments, config, key);
        assertEquals(Value.of("app/" + arn), state.getOrNull("id"));
        assertEquals(1, iam.listAttachedRolePolicies(b -> b.roleName("app")).attachedPolicies().size());
        assertEquals(Optional.of(state), attachments.read(state));
        assertNoChange(attachments, state, config);

        ObjectValue moved = obj("role", "worker", "policy_arn", arn);
        assertEquals(Set.of(AttributePath.of("role")), attachments.plan(Optional.of(state), moved).requiresReplace());
        attachments.delete(state);
        assertEquals(Optional.empty(), attachments.read(state));
        state = AwsTesting.create(attachments, moved, key);

        ObjectValue deleteMe = state;
        iam.detachRolePolicy(b -> b.roleName("worker").policyArn(arn));
        assertEquals(Optional.empty(), attachments.read(deleteMe), "detached outside platctl: gone, so the next plan attaches it again");
        state = AwsTesting.create(attachments, moved, key);
        assertEquals(Optional.of(state), attachments.read(state));

        ObjectValue imported = attachments.importState("worker/" + arn).orElseThrow();
        assertEquals(state, imported);
        assertNoChange(attachments, imported, moved);
        assertEquals(Optional.of(state), attachments.lookup(key, moved));
        attachments.delete(imported);
        assertEquals(Optional.empty(), attachments.read(imported));
        assertEquals(Optional.empty(), attachments.lookup(key, moved));
        ProviderException badId = assertThrows(ProviderException.class, () -> attachments.importState("worker"));
        assertTrue(badId.getMessage().contains("the id is <role name>/<policy ARN>"), badId.getMessage());
    }
}
