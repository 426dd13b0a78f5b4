package dev.platctl.engine.provider;

import dev.platctl.engine.PlatctlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A provider failure with the object and the API's words apart: read on its own, and told by the engine with an address. */
class ProviderExceptionTest {
    static final ProviderException.ApiError DENIED = ProviderException.ApiError.of("DependencyViolation", "the VPC has subnets", 400);
    static final ProviderException.ApiError FORBIDDEN = ProviderException.ApiError.of("Forbidden", "kinds are not for you", 403);
    static final String VPC = "aws_vpc net.aws_vpc.main";

    @Test
    void onItsOwnItReadsCannotVerbTypeIdReason() {
        ProviderException e = ProviderException.api("delete", "aws_vpc", "vpc-1", DENIED, false, null);
        assertEquals("cannot delete aws_vpc vpc-1: DependencyViolation: the VPC has subnets (status 400)", e.getMessage());
        assertEquals(Optional.of("DependencyViolation: the VPC has subnets (status 400)"), e.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("toldByTheEngine")
    void theEngineTellsAFailureOnceWithTheAddress(String reason, String engineVerb, String what, Throwable failure, String told) {
        assertEquals(told, ProviderException.told(engineVerb, what, failure), reason);
    }

    static Stream<Arguments> toldByTheEngine() {
        return Stream.of(
                Arguments.of("the engine's verb, the address, the provider's id, the API's words", "destroy", VPC,
                        ProviderException.api("delete", "aws_vpc", "vpc-1", DENIED, false, null),
                        "cannot destroy aws_vpc net.aws_vpc.main (vpc-1): DependencyViolation: the VPC has subnets (status 400)"),
                Arguments.of("a create names the object by its cloud name, which is not the address", "create", "aws_s3_bucket b.aws_s3_bucket.data",
                        ProviderException.api("create", "aws_s3_bucket", "acme-data", ProviderException.ApiError.of("BucketAlreadyExists",
                                "taken", 409), false, null),
                        "cannot create aws_s3_bucket b.aws_s3_bucket.data (acme-data): BucketAlreadyExists: taken (status 409)"),
                Arguments.of("an id that happens to end the address is still shown: it is the provider's, not the engine's", "create", VPC,
                        ProviderException.of("create", "aws_vpc", "main", "VpcLimitExceeded: too many (status 400)", false, null),
                        "cannot create aws_vpc net.aws_vpc.main (main): VpcLimitExceeded: too many (status 400)"),
                Arguments.of("an id that is the address itself (an idempotency key) says nothing new", "create", VPC,
                        ProviderException.of("create", "aws_vpc", "net.aws_vpc.main", "VpcLimitExceeded: too many (status 400)", false, null),
                        "cannot create aws_vpc net.aws_vpc.main: VpcLimitExceeded: too many (status 400)"),
                Arguments.of("a call about no one object of the type, with the same verb, has nothing to add", "read", VPC,
                        ProviderException.of("read", "aws_vpc", null, "AuthFailure: bad keys (status 401)", false, null),
                        "cannot read aws_vpc net.aws_vpc.main: AuthFailure: bad keys (status 401)"),
                Arguments.of("a discovery during a create says what was being discovered", "create", "kubernetes_manifest q.kubernetes_manifest.w",
                        ProviderException.api("discover", "kind Widget in example.com/v1", null, FORBIDDEN, false, null),
                        "cannot create kubernetes_manifest q.kubernetes_manifest.w: discovering kind Widget in example.com/v1: Forbidden:"
                                + " kinds are not for you (status 403)"),
                Arguments.of("a listing during a read says what was listed", "read", "kubernetes_config_map q.kubernetes_config_map.c",
                        ProviderException.api("list", "ConfigMap in namespace shop", null, FORBIDDEN, false, null),
                        "cannot read kubernetes_config_map q.kubernetes_config_map.c: listing ConfigMap in namespace shop: Forbidden:"
                                + " kinds are not for you (status 403)"),
                Arguments.of("another verb on the object itself is a step: a lookup during a create", "create", VPC,
                        ProviderException.api("look up", "aws_vpc", "vpc-1", DENIED, false, null),
                        "cannot create aws_vpc net.aws_vpc.main (vpc-1): looking it up: DependencyViolation: the VPC has subnets (status 400)"),
                Arguments.of("a read of another kind of object during an update names that kind", "update", "kubernetes_config_map q.kubernetes_config_map.c",
                        ProviderException.api("read", "Namespace", "shop", FORBIDDEN, false, null),
                        "cannot update kubernetes_config_map q.kubernetes_config_map.c (shop): reading Namespace: Forbidden: kinds are not"
                                + " for you (status 403)"),
                Arguments.of("a server-side apply of the object is the create itself, whatever the provider calls its type", "create",
                        "kubernetes_config_map q.kubernetes_config_map.c",
                        ProviderException.api("apply", "ConfigMap", "shop/c", FORBIDDEN, false, null),
                        "cannot create kubernetes_config_map q.kubernetes_config_map.c (shop/c): Forbidden: kinds are not for you (status 403)"),
                Arguments.of("waiting for the object is part of the create", "create", "kubernetes_deployment q.kubernetes_deployment.d",
                        ProviderException.of("wait for", "Deployment", "shop/d", "its rollout did not complete within 1s", true, null),
                        "cannot create kubernetes_deployment q.kubernetes_deployment.d (shop/d): its rollout did not complete within 1s"),
                Arguments.of("an import is a read by id", "import", VPC, ProviderException.api("read", "aws_vpc", "vpc-1", DENIED, false, null),
                        "cannot import aws_vpc net.aws_vpc.main (vpc-1): DependencyViolation: the VPC has subnets (status 400)"),
                Arguments.of("a message alone that names the address is kept as it is", "update", VPC,
                        new ProviderException("cannot update aws_vpc net.aws_vpc.main: it moved"),
                        "cannot update aws_vpc net.aws_vpc.main: it moved"),
                Arguments.of("a message alone that does not name the address is put after it", "destroy", VPC,
                        new ProviderException("cannot delete aws_vpc vpc-1: gone wrong"),
                        "cannot destroy aws_vpc net.aws_vpc.main: cannot delete aws_vpc vpc-1: gone wrong"),
                Arguments.of("a message alone that does not say what failed is put after the address", "read", VPC,
                        new ProviderException("Throttling: Rate exceeded (status 400)"),
                        "cannot read aws_vpc net.aws_vpc.main: Throttling: Rate exceeded (status 400)"),
                Arguments.of("a bug says its class", "plan", VPC, new IllegalStateException("no region"),
                        "cannot plan aws_vpc net.aws_vpc.main: java.lang.IllegalStateException: no region"));
    }

    @Test
    void theReasonIsTheProvidersWordsWithoutWhatItWasDoing() {
        assertEquals("DependencyViolation: the VPC has subnets (status 400)",
                ProviderException.reasonOf(ProviderException.api("delete", "aws_vpc", "vpc-1", DENIED, false, null)));
        assertEquals("cannot delete aws_vpc vpc-1: gone wrong", ProviderException.reasonOf(new ProviderException("cannot delete aws_vpc vpc-1: gone wrong")));
        assertEquals(Optional.empty(), new ProviderException("cannot delete aws_vpc vpc-1: gone wrong").reason());
        assertEquals("boom", ProviderException.reasonOf(new PlatctlException("boom")));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("gerunds")
    void aStepIsSaidWithTheIngFormOfTheProvidersVerb(String verb, String object, String said, String reason) {
        assertEquals(said, ProviderException.gerund(verb, object), reason);
    }

    static Stream<Arguments> gerunds() {
        return Stream.of(
                Arguments.of("discover", "kind X", "discovering kind X", "ing added"),
                Arguments.of("list", "Pods", "listing Pods", "two consonants at the end: nothing doubled"),
                Arguments.of("create", "it", "creating it", "a silent e dropped"),
                Arguments.of("use", "it", "using it", "a short word's silent e dropped"),
                Arguments.of("see", "it", "seeing it", "ee kept"),
                Arguments.of("get", "it", "getting it", "one short vowel between consonants: the consonant doubled"),
                Arguments.of("plan", "it", "planning it", "one short vowel between consonants: the consonant doubled"),
                Arguments.of("read", "it", "reading it", "two vowels: nothing doubled"),
                Arguments.of("apply", "ConfigMap", "applying ConfigMap", "a final y kept"),
                Arguments.of("look up", "it", "looking it up", "a phrasal verb's object goes before its particle"),
                Arguments.of("look up", "aliases", "looking up aliases", "a named object goes after the particle"),
                Arguments.of("wait for", "it", "waiting for it", "a preposition goes before its object"));
    }

    @Test
    void aHintFollowsTheApisWordsAndKeepsThem() {
        ProviderException e = ProviderException.api("delete", "aws_vpc", "vpc-1", DENIED, true, null).withHint("delete its subnets first");
        assertEquals("cannot delete aws_vpc vpc-1: DependencyViolation: the VPC has subnets (status 400); delete its subnets first",
                e.getMessage());
        assertEquals(Optional.of("DependencyViolation: the VPC has subnets (status 400); delete its subnets first"), e.reason());
        assertTrue(e.retryable());
    }

    @Test
    void theLastWordOnACallIsNotRetryableAndCarriesTheFailure() {
        ProviderException throttled = ProviderException.api("update", "aws_vpc", "vpc-1", ProviderException.ApiError.of("Throttling",
                "Rate exceeded", 400), true, null);
        ProviderException last = throttled.finalWith(" (gave up after 4 attempts)");
        assertEquals("cannot update aws_vpc vpc-1: Throttling: Rate exceeded (status 400) (gave up after 4 attempts)", last.getMessage());
        assertEquals("cannot update aws_vpc net.aws_vpc.main (vpc-1): Throttling: Rate exceeded (status 400) (gave up after 4 attempts)",
                ProviderException.told("update", VPC, last));
        assertFalse(last.retryable());
        assertSame(throttled, last.getCause());
    }

    @Test
    void aSecretQuotedBackIsRedactedEverywhere() {
        ProviderException e = ProviderException.api("create", "aws_db_instance", "db", ProviderException.ApiError.of("InvalidParameterValue",
                "bad password hunter2", 400), false, new RuntimeException("hunter2")).redacted("hunter2", "(sensitive value)");
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertEquals(Optional.of("InvalidParameterValue: bad password (sensitive value) (status 400)"), e.reason());
        assertFalse(ProviderException.told("create", "aws_db_instance d.aws_db_instance.this", e).contains("hunter2"));
        assertEquals(null, e.getCause(), "the cause may quote it too");
    }

    @Test
    void anApiWithoutCodesIsToldByMessageAndStatus() {
        assertEquals("Not Found (status 404)", ProviderException.ApiError.of(null, "Not Found", 404).toString());
        assertEquals("(no message) (status 500)", ProviderException.ApiError.of("Boom", " ", 500).toString().substring(6));
    }

    @Test
    void aMessageThatIsOnlyTheCodeIsSaidOnce() {
        ProviderException.ApiError unauthorized = ProviderException.ApiError.of("Unauthorized", "Unauthorized", 401);
        assertEquals("Unauthorized (status 401)", unauthorized.toString());
    }
}
