package dev.platctl.providers.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/** Renders the fake's state in GitHub's response shapes, field for field as in the recorded api.github.com responses. */
final class FakeJson {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WEB = "https://github.com";
    /** The URL-template fields of a repository, in GitHub's order, and what follows the repository's API URL. */
    private static final List<String[]> REPO_URLS = List.of(
            new String[]{"forks_url", "/forks"}, new String[]{"keys_url", "/keys{/key_id}"},
            new String[]{"collaborators_url", "/collaborators{/collaborator}"}, new String[]{"teams_url", "/teams"},
            new String[]{"hooks_url", "/hooks"}, new String[]{"issue_events_url", "/issues/events{/number}"},
            new String[]{"events_url", "/events"}, new String[]{"assignees_url", "/assignees{/user}"},
            new String[]{"branches_url", "/branches{/branch}"}, new String[]{"tags_url", "/tags"},
            new String[]{"blobs_url", "/git/blobs{/sha}"}, new String[]{"git_tags_url", "/git/tags{/sha}"},
            new String[]{"git_refs_url", "/git/refs{/sha}"}, new String[]{"trees_url", "/git/trees{/sha}"},
            new String[]{"statuses_url", "/statuses/{sha}"}, new String[]{"languages_url", "/languages"},
            new String[]{"stargazers_url", "/stargazers"}, new String[]{"contributors_url", "/contributors"},
            new String[]{"subscribers_url", "/subscribers"}, new String[]{"subscription_url", "/subscription"},
            new String[]{"commits_url", "/commits{/sha}"}, new String[]{"git_commits_url", "/git/commits{/sha}"},
            new String[]{"comments_url", "/comments{/number}"}, new String[]{"issue_comment_url", "/issues/comments{/number}"},
            new String[]{"contents_url", "/contents/{+path}"}, new String[]{"compare_url", "/compare/{base}...{head}"},
            new String[]{"merges_url", "/merges"}, new String[]{"archive_url", "/{archive_format}{/ref}"},
            new String[]{"downloads_url", "/downloads"}, new String[]{"issues_url", "/issues{/number}"},
            new String[]{"pulls_url", "/pulls{/number}"}, new String[]{"milestones_url", "/milestones{/number}"},
            new String[]{"notifications_url", "/notifications{?since,all,participating}"},
            new String[]{"labels_url", "/labels{/name}"}, new String[]{"releases_url", "/releases{/id}"},
            new String[]{"deployments_url", "/deployments"});

    private FakeJson() {
    }

    /** An account as GitHub embeds it (owner, organization, reviewer). */
    static ObjectNode account(String api, String login, long id, String type) {
        ObjectNode o = JSON.createObjectNode().put("login", login).put("id", id).put("node_id", nodeId(type, id))
                .put("avatar_url", "https://avatars.githubusercontent.com/u/" + id + "?v=4").put("gravatar_id", "");
        String u = api + "/users/" + login;
        o.put("url", u).put("html_url", WEB + "/" + login).put("followers_url", u + "/followers")
                .put("following_url", u + "/following{/other_user}").put("gists_url", u + "/gists{/gist_id}")
                .put("starred_url", u + "/starred{/owner}{/repo}").put("subscriptions_url", u + "/subscriptions")
                .put("organizations_url", u + "/orgs").put("repos_url", u + "/repos").put("events_url", u + "/events{/privacy}")
                .put("received_events_url", u + "/received_events").put("type", type).put("site_admin", false);
        return o;
    }

    static String nodeId(String kind, long id) {
        return java.util.Base64.getEncoder().encodeToString(("0:" + kind + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A repository in the single-repository shape (GET, POST, PATCH); an organization's has the organization too.
     */
    static ObjectNode repository(String api, String org, long orgId, boolean organization, FakeRepository r) {
        String url = api + "/repos/" + org + "/" + r.name;
        ObjectNode o = JSON.createObjectNode().put("id", r.id).put("node_id", nodeId("Repository", r.id)).put("name", r.name)
                .put("full_name", org + "/" + r.name).put("private", !r.visibility.equals("public"));
        o.set("owner", account(api, org, orgId, organization ? "Organization" : "User"));
        o.put("html_url", WEB + "/" + org + "/" + r.name);
        if (r.description == null || r.description.isEmpty()) o.putNull("description");
        else o.put("description", r.description);
        o.put("fork", false).put("url", url);
        for (String[] u : REPO_URLS) o.put(u[0], url + u[1]);
        o.put("created_at", r.createdAt).put("updated_at", r.updatedAt).put("pushed_at", r.updatedAt)
                .put("git_url", "git://github.com/" + org + "/" + r.name + ".git")
                .put("ssh_url", "git@github.com:" + org + "/" + r.name + ".git")
                .put("clone_url", WEB + "/" + org + "/" + r.name + ".git").put("svn_url", WEB + "/" + org + "/" + r.name);
        o.putNull("homepage");
        o.put("size", 0).put("stargazers_count", 0).put("watchers_count", 0);
        o.putNull("language");
        o.put("has_issues", r.flags.get("has_issues")).put("has_projects", r.flags.get("has_projects"))
                .put("has_downloads", true).put("has_wiki", r.flags.get("has_wiki")).put("has_pages", false)
                .put("has_discussions", false).put("forks_count", 0);
        o.putNull("mirror_url");
        o.put("archived", r.archived).put("disabled", false).put("open_issues_count", 0);
        o.putNull("license");
        o.put("allow_forking", true).put("is_template", false).put("web_commit_signoff_required", false);
        ArrayNode topics = o.putArray("topics");
        r.topics.forEach(topics::add);
        o.put("visibility", r.visibility).put("forks", 0).put("open_issues", 0).put("watchers", 0)
                .put("default_branch", r.defaultBranch);
        o.putObject("permissions").put("admin", true).put("maintain", true).put("push", true).put("triage", true).put("pull", true);
        o.put("temp_clone_token", "");
        for (String f : List.of("allow_squash_merge", "allow_merge_commit", "allow_rebase_merge", "allow_auto_merge",
                "delete_branch_on_merge", "allow_update_branch")) o.put(f, r.flags.get(f));
        o.put("use_squash_pr_title_as_default", false);
        if (organization) o.set("organization", account(api, org, orgId, "Organization"));
        o.put("network_count", 0).put("subscribers_count", 0);
        return o;
    }

    /** A file of the contents API; {@code withContent} adds the base64 content (GET), the PUT answer has none. */
    static ObjectNode file(String api, String org, String repo, String branch, String path, byte[] content, boolean withContent) {
        String sha = FakeGitHub.blobSha(content);
        String self = api + "/repos/" + org + "/" + repo + "/contents/" + path + "?ref=" + branch;
        String git = api + "/repos/" + org + "/" + repo + "/git/blobs/" + sha;
        String html = WEB + "/" + org + "/" + repo + "/blob/" + branch + "/" + path;
        ObjectNode o = JSON.createObjectNode();
        if (withContent) o.put("type", "file").put("encoding", "base64");
        o.put("name", path.substring(path.lastIndexOf('/') + 1)).put("path", path).put("sha", sha).put("size", content.length)
                .put("url", self).put("html_url", html).put("git_url", git)
                .put("download_url", "https://raw.githubusercontent.com/" + org + "/" + repo + "/" + branch + "/" + path);
        if (!withContent) o.put("type", "file");
        if (withContent) o.put("content", java.util.Base64.getMimeEncoder().encodeToString(content) + "\n");
        o.putObject("_links").put("self", self).put("git", git).put("html", html);
        return o;
    }

    /** The commit part of a contents API answer. */
    static ObjectNode commit(String api, String org, String repo, String sha, String tree, String parent, String message, String now) {
        ObjectNode c = JSON.createObjectNode().put("sha", sha).put("node_id", nodeId("Commit", sha.hashCode()))
                .put("url", api + "/repos/" + org + "/" + repo + "/git/commits/" + sha)
                .put("html_url", WEB + "/" + org + "/" + repo + "/commit/" + sha);
        for (String who : List.of("author", "committer"))
            c.putObject(who).put("name", "platctl-test").put("email", "platctl-test@users.noreply.github.com").put("date", now);
        c.putObject("tree").put("sha", tree).put("url", api + "/repos/" + org + "/" + repo + "/git/trees/" + tree);
        c.put("message", message);
        ArrayNode parents = c.putArray("parents");
        if (parent != null)
            parents.addObject().put("sha", parent).put("url", api + "/repos/" + org + "/" + repo + "/git/commits/" + parent)
                    .put("html_url", WEB + "/" + org + "/" + repo + "/commit/" + parent);
        c.putObject("verification").put("verified", false).put("reason", "unsigned").putNull("signature").putNull("payload")
                .putNull("verified_at");
        return c;
    }

    /** A branch protection as GET and PUT return it. */
    static ObjectNode protection(String api, String org, String repo, String branch, ObjectNode stored) {
        String url = api + "/repos/" + org + "/" + repo + "/branches/" + branch + "/protection";
        ObjectNode o = JSON.createObjectNode().put("url", url);
        if (stored.path("required_status_checks").isObject()) {
            ObjectNode c = o.putObject("required_status_checks").put("url", url + "/required_status_checks")
                    .put("strict", stored.path("required_status_checks").path("strict").asBoolean());
            ArrayNode contexts = c.putArray("contexts");
            stored.path("required_status_checks").path("contexts").forEach(contexts::add);
            c.put("contexts_url", url + "/required_status_checks/contexts");
            ArrayNode checks = c.putArray("checks");
            stored.path("required_status_checks").path("contexts").forEach(x -> checks.addObject().put("context", x.asText()).putNull("app_id"));
        }
        JsonNode reviews = stored.path("required_pull_request_reviews");
        if (reviews.isObject()) {
            ObjectNode rv = o.putObject("required_pull_request_reviews").put("url", url + "/required_pull_request_reviews")
                    .put("dismiss_stale_reviews", reviews.path("dismiss_stale_reviews").asBoolean(false))
                    .put("require_code_owner_reviews", reviews.path("require_code_owner_reviews").asBoolean(false))
                    .put("require_last_push_approval", false)
                    .put("required_approving_review_count", reviews.path("required_approving_review_count").asInt(1));
            if (reviews.path("dismissal_restrictions").isObject())
                rv.set("dismissal_restrictions", restrictions(api, org, url + "/dismissal_restrictions", reviews.path("dismissal_restrictions"), false));
        }
        if (stored.path("restrictions").isObject())
            o.set("restrictions", restrictions(api, org, url + "/restrictions", stored.path("restrictions"), true));
        o.putObject("required_signatures").put("url", url + "/required_signatures").put("enabled", false);
        o.putObject("enforce_admins").put("url", url + "/enforce_admins").put("enabled", stored.path("enforce_admins").asBoolean());
        for (String f : List.of("required_linear_history", "allow_force_pushes", "allow_deletions", "block_creations",
                "required_conversation_resolution")) o.putObject(f).put("enabled", false);
        return o;
    }

    /** Who may push (or dismiss reviews): the users and teams a protection PUT named, expanded as GitHub does. */
    private static ObjectNode restrictions(String api, String org, String url, JsonNode named, boolean apps) {
        ObjectNode o = JSON.createObjectNode().put("url", url).put("users_url", url + "/users").put("teams_url", url + "/teams");
        if (apps) o.put("apps_url", url + "/apps");
        ArrayNode users = o.putArray("users");
        long id = 1000;
        for (JsonNode u : named.path("users")) users.add(account(api, u.asText(), id++, "User"));
        ArrayNode teams = o.putArray("teams");
        for (JsonNode t : named.path("teams")) {
            long teamId = id++;
            String team = api + "/organizations/1/team/" + teamId;
            ObjectNode x = teams.addObject().put("name", t.asText()).put("id", teamId).put("node_id", nodeId("Team", teamId))
                    .put("slug", t.asText()).put("description", "").put("privacy", "closed").put("url", team)
                    .put("html_url", WEB + "/orgs/" + org + "/teams/" + t.asText()).put("members_url", team + "/members{/member}")
                    .put("repositories_url", team + "/repos").put("permission", "pull");
            x.putNull("parent");
        }
        o.putArray("apps");
        return o;
    }

    /** An environment with its protection rules, as GET and PUT return it. */
    static ObjectNode environment(String api, String org, String repo, FakeRepository.Environment e,
                                  Map<Long, String[]> accounts) {
        ObjectNode o = JSON.createObjectNode().put("id", e.id).put("node_id", nodeId("Environment", e.id)).put("name", e.name)
                .put("url", api + "/repos/" + org + "/" + repo + "/environments/" + e.name)
                .put("html_url", WEB + "/" + org + "/" + repo + "/deployments/activity_log?environments_filter=" + e.name)
                .put("created_at", e.createdAt).put("updated_at", e.updatedAt);
        ArrayNode rules = o.putArray("protection_rules");
        long ruleId = e.id * 10;
        if (e.waitTimer > 0)
            rules.addObject().put("id", ++ruleId).put("node_id", nodeId("Rule", ruleId)).put("type", "wait_timer").put("wait_timer", e.waitTimer);
        if (!e.reviewers.isEmpty()) {
            ObjectNode rule = rules.addObject().put("id", ++ruleId).put("node_id", nodeId("Rule", ruleId))
                    .put("prevent_self_review", false).put("type", "required_reviewers");
            ArrayNode rs = rule.putArray("reviewers");
            for (Object[] r : e.reviewers) {
                long id = (Long) r[1];
                String[] acct = accounts.getOrDefault(id, new String[]{"unknown-" + id});
                ObjectNode reviewer = r[0].equals("Team")
                        ? JSON.createObjectNode().put("id", id).put("node_id", nodeId("Team", id)).put("name", acct[0]).put("slug", acct[0])
                        : account(api, acct[0], id, "User");
                rs.addObject().put("type", (String) r[0]).set("reviewer", reviewer);
            }
        }
        if (e.protectedBranches != null) {
            rules.addObject().put("id", ++ruleId).put("node_id", nodeId("Rule", ruleId)).put("type", "branch_policy");
            o.putObject("deployment_branch_policy").put("protected_branches", e.protectedBranches)
                    .put("custom_branch_policies", e.customBranchPolicies);
        } else {
            o.putNull("deployment_branch_policy");
        }
        return o;
    }

    /** An organization as {@code GET /orgs/{org}} shows it to an owner, field for field as recorded. */
    static ObjectNode organization(String api, String org, long id, int repos, String created) {
        String u = api + "/orgs/" + org;
        ObjectNode o = JSON.createObjectNode().put("login", org).put("id", id).put("node_id", nodeId("Organization", id))
                .put("url", u).put("repos_url", u + "/repos").put("events_url", u + "/events").put("hooks_url", u + "/hooks")
                .put("issues_url", u + "/issues").put("members_url", u + "/members{/member}")
                .put("public_members_url", u + "/public_members{/member}")
                .put("avatar_url", "https://avatars.githubusercontent.com/u/" + id + "?v=4");
        o.putNull("description");
        o.put("is_verified", false).put("has_organization_projects", true).put("has_repository_projects", true)
                .put("public_repos", 0).put("public_gists", 0).put("followers", 0).put("following", 0)
                .put("html_url", WEB + "/" + org).put("created_at", created).put("updated_at", created).put("archived_at", (String) null)
                .put("type", "Organization").put("total_private_repos", repos).put("owned_private_repos", repos)
                .put("private_gists", 0).put("disk_usage", 0).put("collaborators", 0)
                .put("billing_email", "billing@example.com").put("default_repository_permission", "read")
                .put("members_can_create_repositories", true).put("two_factor_requirement_enabled", false)
                .put("members_allowed_repository_creation_type", "all").put("members_can_create_public_repositories", true)
                .put("members_can_create_private_repositories", true).put("members_can_create_internal_repositories", false)
                .put("members_can_create_pages", true).put("members_can_fork_private_repositories", false)
                .put("members_can_create_public_pages", true).put("members_can_create_private_pages", true)
                .put("web_commit_signoff_required", false);
        o.putObject("plan").put("name", "team").put("space", 976_562_499).put("private_repos", 999_999).put("filled_seats", 1).put("seats", 5);
        return o;
    }

    /** The token's user as {@code GET /user} shows it (the private view, with the counts only the user sees). */
    static ObjectNode user(String api, String login, long id, String created) {
        ObjectNode o = account(api, login, id, "User");
        o.put("user_view_type", "private");
        o.putNull("name");
        o.putNull("company");
        o.put("blog", "");
        o.putNull("location");
        o.putNull("email");
        o.putNull("hireable");
        o.putNull("bio");
        o.putNull("twitter_username");
        o.put("public_repos", 0).put("public_gists", 0).put("followers", 0).put("following", 0)
                .put("created_at", created).put("updated_at", created);
        o.put("private_gists", 0).put("total_private_repos", 0).put("owned_private_repos", 0).put("disk_usage", 0)
                .put("collaborators", 0).put("two_factor_authentication", true);
        return o;
    }

    /** A deployment branch or tag policy of an environment. */
    static ObjectNode branchPolicy(long id, String[] policy) {
        return JSON.createObjectNode().put("id", id).put("node_id", nodeId("GateBranchPolicy", id)).put("name", policy[0])
                .put("type", policy[1]);
    }

    static ObjectNode error(String message, String docs) {
        return JSON.createObjectNode().put("message", message).put("documentation_url", docs);
    }
}
