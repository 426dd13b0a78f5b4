package dev.platctl.state.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.state.StateStoreException;
import dev.platctl.engine.value.Value;
import dev.platctl.state.crypto.KeyRing;
import dev.platctl.state.crypto.StateKey;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a resource's sensitive values are sealed in its stored JSON, and what sealing protects against. */
class ResourceStateJsonSealingTest {
    private static final StateKey KEY = StateKey.decode(Base64.getEncoder().encodeToString(new byte[32]), "TEST_KEY").orElseThrow();
    private final ResourceStateJson codec = new ResourceStateJson(new KeyRing(Optional.of(KEY), List.of(), new SecureRandom()));

    private static ResourceState resource(String name) {
        return new ResourceState(new ResourceAddress("payments-db", "random_password", name), ResourceStatus.CREATED,
                Value.object(Map.of("length", Value.of(24), "result", Value.of("s3cret").sensitive())), List.of(), "k", "");
    }

    @Test
    void sensitiveValuesMoveToTheSealedTreeAndAreNullInThePlainAttributes() {
        ObjectNode json = codec.toJson("payments", resource("db"));

        assertTrue(json.get("attrs").get("result").isNull(), json.toString());
        assertEquals(24, json.get("attrs").get("length").asInt(), "plain attributes stay readable");
        assertTrue(json.get("sealed").get("result").asText().startsWith(KEY.id() + ":"), json.toString());
        assertEquals(resource("db"), codec.fromJson("payments", new ResourceAddress("payments-db", "random_password", "db"), json));
    }

    @Test
    void everyWriteUsesAFreshNonce() {
        JsonNode one = codec.toJson("payments", resource("db")).get("sealed");
        JsonNode two = codec.toJson("payments", resource("db")).get("sealed");

        assertNotEquals(one, two);
    }

    @Test
    void aSealedValueCopiedToAnotherResourceDoesNotOpen() {
        ObjectNode stolen = codec.toJson("payments", resource("db"));
        ResourceAddress other = new ResourceAddress("payments-db", "random_password", "other");

        StateStoreException e = assertThrows(StateStoreException.class, () -> codec.fromJson("payments", other, stolen));
        assertTrue(e.getMessage().startsWith("cannot decrypt state: wrong key, or attribute /result of"
                + " payments-db.random_password.other in stack 'payments' was altered or copied from another place"), e.getMessage());
    }

    @Test
    void aSealedValueCopiedToAnotherStackDoesNotOpen() {
        ObjectNode stolen = codec.toJson("payments", resource("db"));

        assertThrows(StateStoreException.class,
                () -> codec.fromJson("search", new ResourceAddress("payments-db", "random_password", "db"), stolen));
    }
}
