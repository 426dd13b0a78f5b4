package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What classic branch protection refuses, in GitHub's words: a push that is not a pull request's merge when reviews
 * are required, a commit without the required status checks, a force-push. An administrator bypasses the rules unless
 * {@code enforce_admins} is set, as on GitHub; merging a pull request is how changes get in.
 */
final class FakeProtection {
    static final String DOCS = "https://docs.github.com/articles/about-protected-branches";

    private FakeProtection() {
    }

    /** Why GitHub refuses to move {@code branch} to a new commit, if it does; {@code fastForward} false is a force-push. */
    static Optional<String> refusal(FakeRepository r, String branch, boolean fastForward, boolean admin) {
        ObjectNode p = r.protections.get(branch);
        if (p == null) return Optional.empty();
        if (admin && !p.path("enforce_admins").asBoolean(false)) return Optional.empty();
        if (!fastForward && !p.path("allow_force_pushes").asBoolean(false)) return Optional.of("Cannot force-push to this branch");
        if (p.path("required_pull_request_reviews").isObject()) return Optional.of("Changes must be made through a pull request.");
        List<String> checks = new ArrayList<>();
        for (JsonNode c : p.path("required_status_checks").path("contexts")) checks.add(c.asText());
        if (checks.size() == 1) return Optional.of("Required status check \"" + checks.get(0) + "\" is expected.");
        if (checks.size() > 1) return Optional.of(checks.size() + " of " + checks.size() + " required status checks are expected.");
        return Optional.empty();
    }
}
