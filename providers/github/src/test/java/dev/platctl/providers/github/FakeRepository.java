package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The fake's state of one repository: settings, branches with their files, protections, environments, variables. */
final class FakeRepository {
    final long id;
    String name;
    String description;
    String visibility;
    final List<String> topics = new ArrayList<>();
    String defaultBranch = "main";
    final Map<String, Boolean> flags = new LinkedHashMap<>();
    boolean archived;
    final String createdAt;
    String updatedAt;
    /** Branch → path → content; a repository without commits has no branches. */
    final Map<String, Map<String, byte[]>> branches = new TreeMap<>();
    final Map<String, String> heads = new TreeMap<>();
    /** Branch → the protection as the PUT stored it. */
    final Map<String, ObjectNode> protections = new TreeMap<>();
    final Map<String, Environment> environments = new TreeMap<>();
    final Map<String, String[]> variables = new TreeMap<>();
    /** Git objects: blob SHA → content, tree SHA → path → blob SHA, commit SHA → [tree, parent or null, message]. */
    final Map<String, byte[]> blobs = new TreeMap<>();
    final Map<String, Map<String, String>> trees = new TreeMap<>();
    final Map<String, String[]> commits = new TreeMap<>();
    /** Whether a ruleset on every branch blocks force pushes (new branches too, unlike classic protection). */
    boolean forcePushesBlocked;
    /** Pull requests in the order they were opened, as GitHub returned them. */
    final List<ObjectNode> pulls = new ArrayList<>();

    /** One deployment environment: its id, wait timer, reviewers as {type, id} pairs, and branch policy (null: none). */
    static final class Environment {
        final long id;
        final String name;
        long waitTimer;
        final List<Object[]> reviewers = new ArrayList<>();
        Boolean protectedBranches;
        Boolean customBranchPolicies;
        /** Deployment branch (or tag) policies with custom_branch_policies: id → [name pattern, type]. */
        final Map<Long, String[]> branchPolicies = new TreeMap<>();
        /** The environment's Actions variables: name → [value, created_at, updated_at]; they go with the environment. */
        final Map<String, String[]> variables = new TreeMap<>();
        final String createdAt;
        String updatedAt;

        Environment(long id, String name, String now) {
            this.id = id;
            this.name = name;
            this.createdAt = now;
            this.updatedAt = now;
        }
    }

    FakeRepository(long id, String name, String now) {
        this.id = id;
        this.name = name;
        this.createdAt = now;
        this.updatedAt = now;
        for (String f : List.of("has_issues", "has_projects", "has_wiki", "allow_merge_commit", "allow_squash_merge",
                "allow_rebase_merge")) flags.put(f, true);
        for (String f : List.of("delete_branch_on_merge", "allow_auto_merge", "allow_update_branch")) flags.put(f, false);
    }
}
