package dev.platctl.state.s3;

import dev.platctl.engine.state.StateStoreException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The S3 calls the store makes, with conditional writes turned into results: a failed precondition (412), a
 * concurrent conditional write (409) or a missing object (404) is an empty answer, any other error a
 * {@link StateStoreException} in the service's own words.
 */
final class Bucket {
    /** An object's bytes and the ETag they were read at. */
    record Stored(byte[] bytes, String etag) {
    }

    private final S3Client s3;
    private final String name;

    Bucket(S3Client s3, String name) {
        this.s3 = s3;
        this.name = name;
    }

    String name() {
        return name;
    }

    Optional<Stored> get(String key) {
        try {
            ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(b -> b.bucket(name).key(key));
            return Optional.of(new Stored(r.asByteArray(), r.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw failed("read", key, e);
        }
    }

    /** Writes the object only if no object has that key ({@code If-None-Match: *}); its new ETag, or empty. */
    Optional<String> putIfAbsent(String key, byte[] bytes) {
        return put(PutObjectRequest.builder().bucket(name).key(key).ifNoneMatch("*").build(), bytes);
    }

    /** Writes the object only if it is still at {@code etag} ({@code If-Match}); its new ETag, or empty. */
    Optional<String> putIfMatch(String key, byte[] bytes, String etag) {
        return put(PutObjectRequest.builder().bucket(name).key(key).ifMatch(etag).build(), bytes);
    }

    /** Deletes the object only if it is still at {@code etag}; false when it is gone or was replaced. */
    boolean deleteIfMatch(String key, String etag) {
        try {
            s3.deleteObject(b -> b.bucket(name).key(key).ifMatch(etag));
            return true;
        } catch (S3Exception e) {
            if (conditionFailed(e)) return false;
            throw failed("delete", key, e);
        }
    }

    /** Deletes the object whatever it holds; deleting a missing object succeeds. */
    void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(name).key(key));
        } catch (S3Exception e) {
            throw failed("delete", key, e);
        }
    }

    /** Every key under {@code prefix}, in key order. */
    List<String> keys(String prefix) {
        List<String> out = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(name).prefix(prefix).build()))
                for (S3Object o : page.contents()) out.add(o.key());
        } catch (S3Exception e) {
            throw failed("list", prefix, e);
        }
        return out;
    }

    /** The names of the folders right under {@code prefix} (without the prefix or the trailing slash). */
    List<String> folders(String prefix) {
        List<String> out = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(name)
                    .prefix(prefix).delimiter("/").build()))
                for (CommonPrefix p : page.commonPrefixes()) {
                    String folder = p.prefix().substring(prefix.length());
                    out.add(folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder);
                }
        } catch (S3Exception e) {
            throw failed("list", prefix, e);
        }
        return out;
    }

    private Optional<String> put(PutObjectRequest request, byte[] bytes) {
        try {
            return Optional.of(s3.putObject(request.toBuilder().contentType("application/json").build(),
                    RequestBody.fromBytes(bytes)).eTag());
        } catch (S3Exception e) {
            if (conditionFailed(e)) return Optional.empty();
            throw failed("write", request.key(), e);
        }
    }

    private static boolean conditionFailed(S3Exception e) {
        return e.statusCode() == 412 || e.statusCode() == 409 || e.statusCode() == 404;
    }

    private StateStoreException failed(String verb, String key, S3Exception e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode() + ": ";
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return new StateStoreException("cannot " + verb + " s3://" + name + "/" + key + ": " + code + message
                + " (status " + e.statusCode() + ")", e);
    }
}
