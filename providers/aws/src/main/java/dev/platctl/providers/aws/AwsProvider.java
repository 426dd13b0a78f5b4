package dev.platctl.providers.aws;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.provider.AttributeSchema;
import dev.platctl.engine.provider.Provider;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;

import java.util.List;
import java.util.Map;

/** The provider for Amazon Web Services, on aws-sdk-java-v2; talks to AWS only when a resource needs it. */
public final class AwsProvider implements Provider {
    public static final String NAME = "aws";

    private final AwsClients clients;
    private final List<ResourceType> types;

    /** A provider reading profiles where this process's environment says. */
    public AwsProvider() {
        this(System.getenv());
    }

    /**
     * @param environment the environment whose AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE and HOME say
     *                    where the shared profiles are and which one is meant, whose AWS_REGION, AWS_DEFAULT_REGION
     *                    and AWS_EC2_METADATA_DISABLED say where the region comes from, and whose AWS_ACCESS_KEY_ID,
     *                    AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN and
     *                    AWS_ROLE_SESSION_NAME give credentials; this JVM's own environment is not read for them
     */
    public AwsProvider(Map<String, String> environment) {
        this(environment, false);
    }

    /** @param offline whether the provider only plans, never calling AWS nor looking for a region or credentials */
    public AwsProvider(Map<String, String> environment, boolean offline) {
        clients = new AwsClients(environment, AwsClients::instanceMetadataRegion, AwsClients::instanceProfileCredentials, offline);
        types = List.of(
                new S3BucketType(clients), new SqsQueueType(clients), new IamRoleType(clients),
                new VpcType(clients), new SubnetType(clients), new SecurityGroupType(clients), new DbSubnetGroupType(clients),
                new DbInstanceType(clients, StatusWaiter.system()), new IamPolicyType(clients),
                new IamRolePolicyAttachmentType(clients), new SecretsManagerSecretType(clients),
                new SecretsManagerSecretVersionType(clients), new KmsKeyType(clients), new KmsAliasType(clients),
                new DynamoDbTableType(clients, StatusWaiter.system()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AttributeSchema> configSchema() {
        return AwsSettings.SCHEMA;
    }

    @Override
    public Diagnostics configure(ObjectValue config) {
        Diagnostics diags = new Diagnostics();
        AwsSettings settings = AwsSettings.parse(config, diags);
        clients.configure(settings);
        return diags;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return types;
    }

    @Override
    public void close() {
        clients.close();
    }
}
