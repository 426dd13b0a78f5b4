package dev.platctl.engine.provider;

import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the resources that failed for want of a configured provider are told: once per provider and problem. */
class ConfigurationFailuresTest {
    static ResourceAddress at(String text) {
        return ResourceAddress.parse(text);
    }

    static List<String> report(ConfigurationFailures f) {
        Diagnostics d = new Diagnostics();
        f.report("planned", d);
        return d.errors().stream().map(Diagnostic::toString).toList();
    }

    @Test
    void aFailureWrappedByWhatTheEngineWasDoingIsStillFoundByItsCause() {
        ConfigurationFailures f = new ConfigurationFailures();
        ProviderConfigurationException e = new ProviderConfigurationException("aws", "no region set");
        assertTrue(f.record(at("db.aws_db_instance.this"), new PlatctlException("cannot create aws_db_instance db.aws_db_instance.this: "
                + e.getMessage(), new ProviderException(e.getMessage(), false, e))));
        assertEquals(List.of("error: Cannot configure provider \"aws\": No region set. The resource db.aws_db_instance.this needs it and"
                + " could not be planned."), report(f));
    }

    @Test
    void anyOtherFailureIsLeftToTheCaller() {
        ConfigurationFailures f = new ConfigurationFailures();
        assertFalse(f.record(at("db.aws_db_instance.this"), new ProviderException("Throttling: Rate exceeded (status 400)")));
        assertTrue(f.isEmpty());
        assertEquals(List.of(), report(f));
    }

    @Test
    void eachProviderAndProblemIsToldOnceInAStableOrder() {
        ConfigurationFailures f = new ConfigurationFailures();
        f.record(at("web.kubernetes_namespace.this"), new ProviderConfigurationException("kubernetes", "found no kubeconfig"));
        f.record(at("repo.github_repository.this"), new ProviderConfigurationException("github", "no token: set GITHUB_TOKEN"));
        f.record(at("api.kubernetes_namespace.this"), new ProviderConfigurationException("kubernetes", "found no kubeconfig"));
        f.record(at("api.kubernetes_service.this"), new ProviderConfigurationException("kubernetes", "found no kubeconfig"));
        assertEquals(List.of(
                "error: Cannot configure provider \"github\": No token: set GITHUB_TOKEN. The resource repo.github_repository.this needs it"
                        + " and could not be planned.",
                "error: Cannot configure provider \"kubernetes\": Found no kubeconfig. 3 resources need it and could not be planned, of"
                        + " requests api (2), web (1)."), report(f));
    }

    @Test
    void manyRequestsAreCountedBeyondTheFirstTen() {
        ConfigurationFailures f = new ConfigurationFailures();
        for (int i = 10; i < 22; i++)
            f.record(at("team-" + i + ".kubernetes_namespace.this"), new ProviderConfigurationException("kubernetes", "found no kubeconfig."));
        assertEquals(List.of("error: Cannot configure provider \"kubernetes\": Found no kubeconfig. 12 resources need it and could not be"
                + " planned, of requests team-10 (1), team-11 (1), team-12 (1), team-13 (1), team-14 (1), team-15 (1), team-16 (1),"
                + " team-17 (1), team-18 (1), team-19 (1) and 2 more requests."), report(f));
    }
}
