package dev.platctl.providers.kubernetes;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a core Secret's manifest sends, as sent and decoded (base64 {@code data} and its plain text, plain
 * {@code stringData} and its base64), to be taken out of what the API server answers: a validating admission webhook or
 * policy may quote them in its message.
 */
final class SecretValues {
    static final String REPLACEMENT = "(sensitive value)";
    static final SecretValues NONE = new SecretValues(List.of());
    /** Values this short are replaced only where they stand alone: inside words they would blot out the message. */
    private static final int SHORT = 4;

    private final List<String> values;

    private SecretValues(List<String> values) {
        this.values = values;
    }

    /** The values of the object if it is a {@code v1} Secret, else none. */
    static SecretValues of(Map<String, Object> manifest) {
        if (!"v1".equals(manifest.get("apiVersion")) || !"Secret".equals(manifest.get("kind"))) return NONE;
        Set<String> found = new LinkedHashSet<>();
        Manifests.map(manifest.get("data")).values().forEach(v -> {
            if (!(v instanceof String encoded)) return;
            found.add(encoded);
            decoded(encoded).ifPresent(found::add);
        });
        Manifests.map(manifest.get("stringData")).values().forEach(v -> {
            if (!(v instanceof String plain)) return;
            found.add(plain);
            found.add(Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
        });
        List<String> sorted = new ArrayList<>(found);
        sorted.removeIf(String::isEmpty);
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // a value inside a longer one goes after it
        return new SecretValues(List.copyOf(sorted));
    }

    /** The text with every value replaced by {@value #REPLACEMENT}. */
    String redact(String text) {
        if (text == null) return null;
        String out = text;
        for (String v : values) {
            if (v.length() >= SHORT) out = out.replace(v, REPLACEMENT);
            else out = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(v) + "(?![\\p{L}\\p{N}])").matcher(out)
                    .replaceAll(Matcher.quoteReplacement(REPLACEMENT));
        }
        return out;
    }

    private static Optional<String> decoded(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty(); // not base64, or binary: the server's words cannot hold it as text
        }
    }
}
