package dev.platctl.providers.github;

import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.platctl.providers.github.GitHubTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Planning GitHub resources needs neither GitHub nor a token: an offline provider (platctl validate), with an empty
 * environment, plans what an online one plans, checks the configuration the same, and refuses any call to GitHub.
 */
class OfflinePlanTest {
    static GitHubProvider provider(boolean offline) {
        GitHubProvider p = new GitHubProvider(Map.of(), new GitHubTesting.MovableClock(), new GitHubTesting.RecordingSleeper(),
                Optional.empty(), offline);
        assertFalse(p.configure(obj("owner", "acme")).hasErrors());
        return p;
    }

    static PlanResult plan(GitHubProvider p, ObjectValue config) {
        return GitHubTesting.type(p, RepositoryType.TYPE).plan(Optional.empty(), config);
    }

    @Test
    void offlineARepositoryIsPlannedAsOnlineWithoutAToken() {
        ObjectValue repo = obj("name", "cart-api", "visibility", "private", "topics", List.of("python", "checkout"));
        PlanResult r = plan(provider(true), repo);
        assertFalse(r.diagnostics().hasErrors(), r.diagnostics().toString());
        assertEquals(plan(provider(false), repo).planned(), r.planned());
        assertEquals(Value.UNKNOWN, r.planned().getOrNull("html_url"), "known after apply");
    }

    @Test
    void offlineConfigurationProblemsAreStillFound() {
        assertEquals(List.of("Invalid value for \"visibility\"", "Unsupported attribute \"colour\""),
                plan(provider(true), obj("name", "cart-api", "visibility", "secret", "colour", "blue")).diagnostics().errors().stream()
                        .map(Diagnostic::summary).sorted().toList());
    }

    @Test
    void offlineGitHubIsNeverCalled() {
        ResourceType repos = GitHubTesting.type(provider(true), RepositoryType.TYPE);
        ProviderException e = assertThrows(ProviderException.class, () -> repos.read(obj("name", "cart-api", "id", "cart-api")));
        assertEquals("cannot call GitHub: provider \"github\" was made offline, to plan without GitHub (platctl validate)", e.getMessage());
    }
}
