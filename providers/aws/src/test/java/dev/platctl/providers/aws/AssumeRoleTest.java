package dev.platctl.providers.aws;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static dev.platctl.providers.aws.AwsTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code assume_role}: every call is made with the assumed role's credentials, and a role that cannot be assumed says so. */
@ExtendWith(AwsBackend.class)
class AssumeRoleTest {
    static String trust(String account) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    @Test
    void callsAreMadeAsTheAssumedRole(AwsBackend.Emulator emulator) {
        String roleArn;
        try (IamClient iam = AwsTesting.iam(emulator)) {
            roleArn = iam.createRole(b -> b.roleName("deployer").assumeRolePolicyDocument(trust(emulator.accountId()))).role().arn();
        }
        AwsClients clients = new AwsClients(Map.of());
        Diagnostics d = new Diagnostics();
        clients.configure(AwsSettings.parse(AwsTesting.config(emulator, Map.of()).with("assume_role",
                obj("role_arn", roleArn, "session_name", "ci-apply", "external_id", "ext-1", "duration_seconds", 900)), d));
        assertFalse(d.hasErrors(), d::toString);
        try (clients; StsClient sts = StsClient.builder().region(Region.of(AwsTesting.REGION))
                .credentialsProvider(clients.credentials()).endpointOverride(URI.create(emulator.endpoint()))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String caller = sts.getCallerIdentity().arn();
            assertEquals("arn:aws:sts::" + emulator.accountId() + ":assumed-role/deployer/ci-apply", caller);
            assertTrue(clients.credentials().resolveCredentials().accessKeyId().startsWith("ASIA"),
                    "temporary credentials from STS, not the static base keys");
            assertTrue(clients.s3().listBuckets().buckets().isEmpty(), "the service clients sign with them too");
        }
    }

    @Test
    void aRoleThatCannotBeAssumedNamesTheRoleAndKeepsStsError() throws IOException {
        String arn = "arn:aws:iam::123456789012:role/missing";
        try (AwsTestDouble aws = new AwsTestDouble(AwsTestDouble.iamError(403, "AccessDenied",
                "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sts:AssumeRole on resource: " + arn));
             AwsProvider p = AwsFailuresTest.provider(aws, "assume_role", obj("role_arn", arn))) {
            ResourceType roles = p.resourceType(IamRoleType.TYPE).orElseThrow();
            ProviderException e = assertThrows(ProviderException.class, () -> roles.read(AwsFailuresTest.role()));
            assertTrue(e.getMessage().startsWith("cannot configure provider \"aws\": cannot assume role " + arn
                    + " (assume_role.role_arn): AccessDenied: User: "), e.getMessage());
            assertTrue(e.getMessage().endsWith("(status 403)"), e.getMessage());
            assertFalse(e.retryable());
        }
    }

    @Test
    void aMalformedRoleArnIsADiagnostic() {
        Diagnostics d = new Diagnostics();
        Optional<AssumeRole> r = AssumeRole.parse(obj("role_arn", "deployer", "duration_seconds", 60), d);
        assertTrue(r.isEmpty());
        assertTrue(d.toString().contains("assume_role.role_arn to be a role ARN such as"), d::toString);
    }

    @Test
    void defaultsAreTheSessionNamePlatctlForAnHour() {
        Diagnostics d = new Diagnostics();
        ObjectValue block = obj("role_arn", "arn:aws:iam::123456789012:role/deployer");
        assertEquals(Optional.of(new AssumeRole("arn:aws:iam::123456789012:role/deployer", "platctl", Optional.empty(), 3600)),
                AssumeRole.parse(block, d));
        assertTrue(d.isEmpty(), d::toString);
    }
}
