package dev.platctl.state.crypto;

import dev.platctl.engine.state.StateStoreException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys a store seals and opens sensitive values with (AES-256-GCM, a random 96-bit nonce per value, the value's
 * place as associated data): new values are sealed with the current key; older keys (during a rotation) only open.
 * A sealed value is the text {@code <key id>:<base64 of nonce and ciphertext>}.
 */
public final class KeyRing {
    /** No keys: values are stored as they are, and sealed ones cannot be opened. */
    public static final KeyRing NONE = new KeyRing(Optional.empty(), List.of(), new SecureRandom());

    private static final String ALGORITHM = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Optional<StateKey> current;
    private final Map<String, StateKey> byId = new LinkedHashMap<>();
    private final SecureRandom random;

    /**
     * @param current  the key new values are sealed with; empty to store them unsealed
     * @param previous keys that can still open values sealed before a rotation
     */
    public KeyRing(Optional<StateKey> current, List<StateKey> previous, SecureRandom random) {
        this.current = current;
        this.random = random;
        current.ifPresent(k -> byId.put(k.id(), k));
        for (StateKey k : previous) byId.putIfAbsent(k.id(), k);
    }

    /** Whether new sensitive values are sealed. */
    public boolean seals() {
        return current.isPresent();
    }

    public Optional<StateKey> current() {
        return current;
    }

    /** Seals {@code plaintext} with the current key; {@code place} binds it to where it is stored. */
    public String seal(String plaintext, String place) {
        StateKey key = current.orElseThrow(() -> new IllegalStateException("no key to seal with"));
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance(ALGORITHM);
            c.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return key.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new StateStoreException("cannot encrypt state: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a value sealed by {@link #seal}; {@code place} must be the one it was sealed with, {@code what} names
     * it in errors.
     *
     * @throws StateStoreException "cannot decrypt state: wrong key" when no key of this ring sealed it, or when the
     *                             value was altered or moved
     */
    public String open(String sealed, String place, String what) {
        int colon = sealed.indexOf(':');
        if (colon < 0) throw new StateStoreException("cannot decrypt state: " + what + " is not a sealed value");
        String keyId = sealed.substring(0, colon);
        StateKey key = byId.get(keyId);
        if (key == null) {
            if (byId.isEmpty())
                throw new StateStoreException("cannot decrypt state: " + what + " is encrypted (key id " + keyId
                        + ") and the backend has no key; set encryption_key_env in the backend block to the"
                        + " environment variable that holds it");
            throw new StateStoreException("cannot decrypt state: wrong key (" + what + " was encrypted with key id "
                    + keyId + "; " + describeKeys() + ")");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new StateStoreException("cannot decrypt state: " + what + " is damaged (not base64)", e);
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8)
            throw new StateStoreException("cannot decrypt state: " + what + " is damaged (too short)");
        try {
            Cipher c = Cipher.getInstance(ALGORITHM);
            c.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            c.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new StateStoreException("cannot decrypt state: wrong key, or " + what + " was altered or copied from"
                    + " another place (authentication failed with " + key + ")", e);
        } catch (GeneralSecurityException e) {
            throw new StateStoreException("cannot decrypt state: " + e.getMessage(), e);
        }
    }

    private String describeKeys() {
        return byId.values().stream().map(StateKey::toString).collect(Collectors.joining(", ", "the configured keys are ", ""));
    }
}
