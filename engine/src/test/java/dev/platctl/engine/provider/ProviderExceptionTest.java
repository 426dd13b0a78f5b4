package dev.platctl.engine.provider;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A provider failure with the object and the API's words apart: read on its own, and told by the engine with an address. */
class ProviderExceptionTest {
    static final ProviderException.ApiError DENIED = ProviderException.ApiError.of("DependencyViolation", "the VPC has subnets", 400);

    @Test
    void onItsOwnItReadsCannotVerbTypeIdReason() {
        ProviderException e = ProviderException.api("delete", "aws_vpc", "vpc-1", DENIED, false, null);
        assertEquals("cannot delete aws_vpc vpc-1: DependencyViolation: the VPC has subnets (status 400)", e.getMessage());
        assertEquals(Optional.of("vpc-1"), e.objectId());
        assertEquals(Optional.of(DENIED), e.apiError());
    }

    @Test
    void theEngineTellsItOnceWithTheAddressAndTheId() {
        ProviderException e = ProviderException.api("delete", "aws_vpc", "vpc-1", DENIED, false, null);
        assertEquals(Optional.of("cannot destroy aws_vpc net.aws_vpc.main (vpc-1): DependencyViolation: the VPC has subnets (status 400)"),
                e.describe("destroy", "aws_vpc net.aws_vpc.main"));
    }

    @Test
    void anIdThatIsTheAddressIsNotRepeated() {
        ProviderException e = ProviderException.of("create", "aws_vpc", "net.aws_vpc.main", "VpcLimitExceeded: too many (status 400)",
                false, null);
        assertEquals(Optional.of("cannot create aws_vpc net.aws_vpc.main: VpcLimitExceeded: too many (status 400)"),
                e.describe("create", "aws_vpc net.aws_vpc.main"));
    }

    @Test
    void aFailureAboutNoOneObjectHasNoId() {
        ProviderException e = ProviderException.of("read", "aws_vpc", null, "AuthFailure: bad keys (status 401)", false, null);
        assertEquals("cannot read aws_vpc: AuthFailure: bad keys (status 401)", e.getMessage());
        assertEquals(Optional.of("cannot read aws_vpc net.aws_vpc.main: AuthFailure: bad keys (status 401)"),
                e.describe("read", "aws_vpc net.aws_vpc.main"));
    }

    @Test
    void aMessageAloneIsNotRestated() {
        ProviderException e = new ProviderException("cannot delete aws_vpc vpc-1: gone wrong");
        assertEquals(Optional.empty(), e.describe("destroy", "aws_vpc net.aws_vpc.main"));
        assertEquals(Optional.empty(), e.reason());
    }

    @Test
    void aHintFollowsTheApisWordsAndKeepsThem() {
        ProviderException e = ProviderException.api("delete", "aws_vpc", "vpc-1", DENIED, true, null).withHint("delete its subnets first");
        assertEquals("cannot delete aws_vpc vpc-1: DependencyViolation: the VPC has subnets (status 400); delete its subnets first",
                e.getMessage());
        assertEquals(Optional.of("DependencyViolation: the VPC has subnets (status 400); delete its subnets first"), e.reason());
        assertEquals(Optional.of(DENIED), e.apiError());
        assertTrue(e.retryable());
    }

    @Test
    void aSecretQuotedBackIsRedactedEverywhere() {
        ProviderException e = ProviderException.api("create", "aws_db_instance", "db", ProviderException.ApiError.of("InvalidParameterValue",
                "bad password hunter2", 400), false, new RuntimeException("hunter2")).redacted("hunter2", "(sensitive value)");
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.reason().orElseThrow().contains("hunter2"));
        assertEquals("bad password (sensitive value)", e.apiError().orElseThrow().message());
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
        assertEquals(Optional.of("Unauthorized"), unauthorized.code(), "the code is kept for whoever checks it");
    }
}
