package dev.platctl.cli;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * AWS SDK clients on a moto server, for end-to-end tests that make or check objects behind platctl's back, and the
 * network the examples' database requests need (their VPC and subnet ids are placeholders).
 */
final class MotoClients {
    static final Region REGION = Region.EU_WEST_1;

    private MotoClients() {
    }

    /** {@code builder} in eu-west-1 with moto's test keys, pointed at {@code endpoint}. */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C of(B builder, String endpoint) {
        return builder.region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .endpointOverride(URI.create(endpoint))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * Makes a VPC with a subnet in each of two zones and writes their ids into the database request in place of the
     * placeholders the examples ship with.
     */
    static void networkFor(Ec2Client ec2, Path dbRequest) throws IOException {
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.20.0.0/16")).vpc().vpcId();
        String a = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.20.1.0/24").availabilityZone("eu-west-1a")).subnet().subnetId();
        String b2 = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.20.2.0/24").availabilityZone("eu-west-1b")).subnet().subnetId();
        ExampleCopy.edit(dbRequest, "vpc-0a1b2c3d4e5f60718", vpc);
        ExampleCopy.edit(dbRequest, "subnet-0a1b2c3d4e5f60001", a);
        ExampleCopy.edit(dbRequest, "subnet-0a1b2c3d4e5f60002", b2);
    }
}
