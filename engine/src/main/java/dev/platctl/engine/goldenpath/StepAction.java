package dev.platctl.engine.goldenpath;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Backstage actions a golden path's steps may name, and what each means in platctl. Backstage runs the steps once;
 * platctl runs only {@code fetch:template} (rendering) and {@code platctl:request:create} (writing requests) at
 * {@code platctl new}. The repository, its environments and the catalog entry are the module's resources, made and kept
 * by plan and apply: for those steps platctl checks that what the step says agrees with what the module does.
 */
public enum StepAction {
    /** Renders the skeleton ({@code url}) with {@code values}. */
    FETCH_TEMPLATE("fetch:template", Set.of("url"), Set.of("url", "values"), true),
    /** The module's {@code github_repository}. */
    GITHUB_REPO_CREATE("github:repo:create", Set.of("repoUrl"), Inputs.REPOSITORY, false),
    /** The module's {@code github_repository_files} on the default branch, and its {@code github_branch_protection}. */
    GITHUB_REPO_PUSH("github:repo:push", Set.of("repoUrl"), Inputs.PUSH, false),
    /** Both of the above. */
    PUBLISH_GITHUB("publish:github", Set.of("repoUrl"), Inputs.PUBLISH, false),
    /** One of the module's {@code github_repository_environment}s. */
    GITHUB_ENVIRONMENT_CREATE("github:environment:create", Set.of("repoUrl", "name"),
            Set.of("repoUrl", "name", "deploymentBranchPolicy", "waitTimer", "reviewers", "customBranchPolicyNames", "preventSelfReview"), false),
    /** The catalog entry platctl keeps from state; the skeleton must hold the descriptor. */
    CATALOG_REGISTER("catalog:register", Set.of(), Set.of("repoContentsUrl", "catalogInfoPath", "catalogInfoUrl", "optional"), false),
    /** Requests {@code platctl new} writes beside the service's, unless the team has them already (a team's namespaces). */
    PLATCTL_REQUEST_CREATE("platctl:request:create", Set.of("kind", "module", "team", "requests"),
            Set.of("kind", "module", "team", "requests", "matchOn"), true);

    private final String id;
    private final Set<String> required;
    private final Set<String> known;
    private final boolean strict;

    StepAction(String id, Set<String> required, Set<String> known, boolean strict) {
        this.id = id;
        this.required = required;
        this.known = known;
        this.strict = strict;
    }

    public String id() {
        return id;
    }

    /** Inputs the step must have. */
    public Set<String> required() {
        return required;
    }

    /** Inputs platctl reads or checks. */
    public Set<String> known() {
        return known;
    }

    /**
     * Whether another input is an error: the actions platctl carries out itself refuse what they would ignore
     * (a {@code fetch:template} with {@code targetPath} would render elsewhere in Backstage); the others only warn.
     */
    public boolean strict() {
        return strict;
    }

    public static Optional<StepAction> of(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(StepAction::id).toList();
    }

    /** Creates or pushes to a repository: its {@code repoUrl} names it, and {@code remoteUrl} is its output. */
    public boolean publishes() {
        return this == GITHUB_REPO_CREATE || this == GITHUB_REPO_PUSH || this == PUBLISH_GITHUB;
    }

    private static final class Inputs {
        static final Set<String> REPOSITORY = Set.of("repoUrl", "description", "repoVisibility", "deleteBranchOnMerge", "allowMergeCommit",
                "allowSquashMerge", "allowRebaseMerge", "topics");
        static final Set<String> PUSH = Set.of("repoUrl", "defaultBranch", "protectDefaultBranch",
                "requiredStatusCheckContexts", "requiredApprovingReviewCount", "requireBranchesToBeUpToDate");
        static final Set<String> PUBLISH = union(REPOSITORY, PUSH);

        private static Set<String> union(Set<String> a, Set<String> b) {
            java.util.Set<String> out = new java.util.TreeSet<>(a);
            out.addAll(b);
            return Set.copyOf(out);
        }
    }
}
