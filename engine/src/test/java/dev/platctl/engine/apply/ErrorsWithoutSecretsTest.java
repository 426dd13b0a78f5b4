package dev.platctl.engine.apply;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.provider.ConfigurationFailures;
import dev.platctl.engine.provider.ProviderConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Applier#withoutSecrets}: what is left of a failure once a resource's secrets are taken out of it. */
class ErrorsWithoutSecretsTest {
    @Test
    void aFailureThatQuotesNoSecretIsKeptAsItIsCausesIncluded() {
        RuntimeException e = new PlatctlException("cannot create x: refused", new IllegalStateException("no secret here"));
        assertSame(e, Applier.withoutSecrets(e, Set.of("hunter22")));
    }

    @Test
    void aSecretInTheMessageIsReplacedAndTheCausesThatQuoteItToo() {
        RuntimeException e = new PlatctlException("cannot create x: password hunter22 too weak",
                new IllegalStateException("body: {\"password\":\"hunter22\"}"));
        RuntimeException out = Applier.withoutSecrets(e, Set.of("hunter22"));
        assertEquals("cannot create x: password (sensitive value) too weak", out.getMessage());
        assertNull(out.getCause(), "the causes quote the secret too");
    }

    /** The message may be clean while a cause, printed with --debug or logged, quotes the secret: the causes go anyway. */
    @Test
    void aSecretOnlyACauseQuotesDropsTheCauses() {
        RuntimeException e = new PlatctlException("cannot create x: refused (status 400)", new IllegalStateException("body: hunter22"));
        RuntimeException out = Applier.withoutSecrets(e, Set.of("hunter22"));
        assertEquals("cannot create x: refused (status 400)", out.getMessage());
        assertNull(out.getCause());
    }

    /** A longer secret that holds a shorter one is replaced whole, not left with a piece showing. */
    @Test
    void theLongestSecretIsReplacedFirst() {
        assertEquals("url (sensitive value) refused", Applier.scrubbed("url pw-1234@db refused", Set.of("pw-1234", "pw-1234@db")));
    }

    /** A provider that cannot be configured is told once for all its resources: taking a secret out must not change that. */
    @Test
    void aConfigurationFailureStaysOne() {
        RuntimeException e = new PlatctlException("cannot create x: token tok-998877 rejected",
                new ProviderConfigurationException("fake", "token tok-998877 rejected"));
        RuntimeException out = Applier.withoutSecrets(e, Set.of("tok-998877"));
        assertTrue(out instanceof ProviderConfigurationException, out::toString);
        assertEquals("token (sensitive value) rejected", ConfigurationFailures.cause(out).orElseThrow().problem());
        assertNull(out.getCause());
    }
}
