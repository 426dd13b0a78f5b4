package dev.platctl.state.s3;

import dev.platctl.engine.testing.MotoServer;
import dev.platctl.engine.state.StateStore;
import dev.platctl.engine.value.Value;
import dev.platctl.state.crypto.EncryptedStateContractTest;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.util.Map;

/** Encryption at rest in S3: the bytes searched are every object in the bucket. */
@ExtendWith(MotoServer.class)
class S3EncryptionTest extends EncryptedStateContractTest {
    private final MotoBucket bucket;

    S3EncryptionTest(MotoServer.Moto moto) {
        this.bucket = new MotoBucket(moto, "platctl-sealed");
    }

    @Override
    protected StateStore open(Map<String, Value> settings, Map<String, String> environment) {
        return bucket.create().open(settings, environment);
    }

    @Override
    protected byte[] storedBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (S3Client s3 = bucket.client()) {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket.bucket())).contents())
                out.writeBytes(s3.getObjectAsBytes(b -> b.bucket(bucket.bucket()).key(o.key())).asByteArray());
        }
        return out.toByteArray();
    }
}
