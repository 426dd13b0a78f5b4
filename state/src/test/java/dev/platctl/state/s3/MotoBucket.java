package dev.platctl.state.s3;

import dev.platctl.engine.testing.MotoServer;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A bucket on the test's moto server, and S3 backends opened on it with static test credentials. */
record MotoBucket(MotoServer.Moto moto, String bucket) {
    static final String REGION = "eu-west-1";

    /** A raw client, for tests that look at or tamper with the objects behind the store. */
    S3Client client() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(REGION))
                .credentialsProvider(credentials()).endpointOverride(URI.create(moto.endpoint())).forcePathStyle(true)
                .build();
    }

    /** Creates the bucket unless it exists. */
    MotoBucket create() {
        try (S3Client s3 = client()) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket)))
                s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(REGION)));
        }
        return this;
    }

    ObjectValue config(Map<String, Value> extra) {
        Map<String, Value> c = new HashMap<>(extra);
        c.put("bucket", Value.of(bucket));
        c.put("region", Value.of(REGION));
        c.put("endpoint", Value.of(moto.endpoint()));
        return Value.object(c);
    }

    StateStore open(Map<String, Value> settings, Map<String, String> environment) {
        return new S3StateStoreFactory(environment::get, MotoBucket::credentials).open(Path.of("."), config(settings));
    }

    StateStore open() {
        return open(Map.of(), Map.of());
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }
}
