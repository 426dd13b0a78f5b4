package dev.platctl.providers.github;

import dev.platctl.engine.address.AttributePath;
import dev.platctl.engine.provider.PlanResult;
import dev.platctl.engine.provider.ProviderException;
import dev.platctl.engine.provider.ResourceType;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.platctl.providers.github.GitHubTesting.assertNoChange;
import static dev.platctl.providers.github.GitHubTesting.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The lifecycle of each type that lives inside a repository, through the SPI against the fake. */
class RepositoryChildTypesTest {
    FakeGitHub fake;
    GitHubProvider provider;

    @BeforeEach
    void setUp() {
        fake = new FakeGitHub(GitHubTesting.ORG);
        provider = GitHubTesting.provider(fake, new GitHubTesting.RecordingSleeper());
        GitHubTesting.create(GitHubTesting.type(provider, RepositoryType.TYPE), obj("name", "svc", "auto_init", true), "t.github_repository.svc");
        fake.addTeam("devs", 42);
        fake.addUser("alice", 7);
    }

    @AfterEach
    void tearDown() {
        try {
            GitHubOpenApi.assertConforms(fake.exchanges());
        } finally {
            fake.close();
        }
    }

    /** create → read → no-op → update → replace planned → drift → repair → import → delete → gone. */
    private void lifecycle(String typeName, ObjectValue config, ObjectValue updated, String replaceAttr, Value replaceWith,
                           Consumer<FakeGitHub> drift, String importId) {
        ResourceType t = GitHubTesting.type(provider, typeName);
        ObjectValue state = GitHubTesting.create(t, config, "t." + typeName + ".x");
        assertEquals(Optional.of(state), t.read(state), typeName + " reads back as created");
        assertNoChange(t, state, config);
        state = GitHubTesting.update(t, state, updated);
        assertEquals(Optional.of(state), t.read(state), typeName + " reads back as updated");
        assertNoChange(t, state, updated);
        assertEquals(Set.of(AttributePath.of(replaceAttr)), t.plan(Optional.of(state), updated.with(replaceAttr, replaceWith)).requiresReplace());
        drift.accept(fake);
        ObjectValue drifted = t.read(state).orElseThrow();
        assertNotEquals(state, drifted, typeName + " drift is seen");
        ObjectValue repaired = GitHubTesting.update(t, drifted, updated);
        assertEquals(Optional.of(repaired), t.read(repaired));
        ObjectValue imported = t.importState(importId).orElseThrow();
        assertEquals(t.plan(Optional.of(imported), updated).requiresReplace(), Set.of(), typeName + " import matches the configuration's keys");
        t.delete(imported);
        assertEquals(Optional.empty(), t.read(imported), typeName + " is gone");
        t.delete(imported);
    }

    static Stream<Arguments> crashes() {
        return Stream.of(
                Arguments.of("a protection is keyed by its branch: adopted as found", BranchProtectionType.TYPE,
                        obj("repository", "svc", "branch", "main", "enforce_admins", true), obj("enforce_admins", false), true),
                Arguments.of("an environment is keyed by its name: adopted, the next plan repairs its settings", RepositoryEnvironmentType.TYPE,
                        obj("repository", "svc", "environment", "production", "wait_timer", 5), obj("wait_timer", 9), true),
                Arguments.of("a team holds one permission on a repository: adopted as found", TeamRepositoryType.TYPE,
                        obj("team_slug", "devs", "repository", "svc", "permission", "push"), obj("permission", "admin"), true),
                Arguments.of("a variable someone else set to another value is not taken over", ActionsVariableType.TYPE,
                        obj("repository", "svc", "variable_name", "REGION", "value", "eu"), obj("value", "us"), false),
                Arguments.of("a file someone else wrote with other content is not taken over", RepositoryFileType.TYPE,
                        obj("repository", "svc", "branch", "main", "file", "docs/x.md", "content", "ours\n"), obj("content", "theirs\n"), false));
    }

    /**
     * The crash window: the create call reached GitHub but platctl died before recording it. lookup finds nothing before the
     * create, finds exactly the created object after it, and for what someone else made decides by the type's rule.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("crashes")
    void lookupAfterACrashAdoptsWhatTheCreateMadeAndDecidesOnOthersByTheTypesRule(String reason, String typeName, ObjectValue config,
                                                                                   ObjectValue someoneElses, boolean adoptsOthers) {
        ResourceType t = GitHubTesting.type(provider, typeName);
        String key = "t." + typeName + ".crashed";
        ObjectValue planned = t.plan(Optional.empty(), config).planned();
        assertEquals(Optional.empty(), t.lookup(key, planned), reason + ": nothing there yet");
        ObjectValue created = t.create(planned, key);
        assertEquals(Optional.of(created.without("commit_sha")), t.lookup(key, planned).map(found -> found.without("commit_sha")),
                reason + ": the object the lost create made (a file's lookup cannot know which commit wrote it)");
        t.delete(created);

        ObjectValue theirs = config;
        for (var e : someoneElses.attributes().entrySet()) theirs = theirs.with(e.getKey(), e.getValue());
        ObjectValue made = t.create(t.plan(Optional.empty(), theirs).planned(), "someone.else");
        Optional<ObjectValue> found = t.lookup(key, planned);
        assertEquals(adoptsOthers, found.isPresent(), reason);
        found.ifPresent(f -> assertEquals(made.without("commit_sha"), f.without("commit_sha"), reason + ": adopted as it is on GitHub"));
    }

    static Stream<Arguments> intoAMissingRepository() {
        return Stream.of(
                Arguments.of("a protection is named by its repository and branch", BranchProtectionType.TYPE,
                        obj("repository", "ghost", "branch", "main", "enforce_admins", true), "acme/ghost:main"),
                Arguments.of("an environment is named by its repository and name", RepositoryEnvironmentType.TYPE,
                        obj("repository", "ghost", "environment", "production"), "acme/ghost:production"),
                Arguments.of("a team's access is named by the team and the repository", TeamRepositoryType.TYPE,
                        obj("team_slug", "devs", "repository", "ghost", "permission", "push"), "devs:acme/ghost"),
                Arguments.of("a variable is named by its repository and its name as GitHub stores it", ActionsVariableType.TYPE,
                        obj("repository", "ghost", "variable_name", "region", "value", "eu"), "acme/ghost:REGION"),
                Arguments.of("an environment's variable is named by its repository, environment and name", ActionsVariableType.TYPE,
                        obj("repository", "ghost", "environment", "production", "variable_name", "region", "value", "eu"),
                        "acme/ghost:production:REGION"),
                Arguments.of("a file is named by its repository and path", RepositoryFileType.TYPE,
                        obj("repository", "ghost", "branch", "main", "file", "docs/x.md", "content", "x\n"), "acme/ghost:docs/x.md"),
                Arguments.of("a set of files is named by its repository and branch", RepositoryFilesType.TYPE,
                        obj("repository", "ghost", "branch", "main", "files", Map.of("a.txt", "a\n"), "version", "v1"), "acme/ghost:main"));
    }

    /** A refused create names the object by GitHub's name for it, which the engine tells after the address it does not repeat. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("intoAMissingRepository")
    void aCreateGitHubRefusesNamesTheObjectByGitHubsName(String reason, String typeName, ObjectValue config, String githubName) {
        ResourceType t = GitHubTesting.type(provider, typeName);
        String address = "t." + typeName + ".x";
        ProviderException e = assertThrows(ProviderException.class, () -> GitHubTesting.create(t, config, address), reason);
        assertEquals("cannot create " + typeName + " " + githubName + ": " + e.reason().orElseThrow(), e.getMessage(), reason);
        assertEquals("cannot create " + typeName + " " + address + " (" + githubName + "): " + e.reason().orElseThrow(),
                ProviderException.told("create", typeName + " " + address, e), reason);
        assertEquals("Not Found (status 404)", e.reason().orElseThrow(), reason + ": GitHub's words");
    }

    @Test
    void branchProtection() {
        ObjectValue config = obj("repository", "svc", "branch", "main", "enforce_admins", true);
        ObjectValue updated = obj("repository", "svc", "branch", "main", "required_approving_review_count", 2,
                "required_status_checks", Map.of("strict", true, "contexts", List.of("test", "build")));
        lifecycle(BranchProtectionType.TYPE, config, updated, "branch", Value.of("release"),
                f -> f.edit("svc", r -> r.protections.get("main").put("enforce_admins", true)), "acme/svc:main");
    }

    @Test
    void repositoryEnvironment() {
        ObjectValue config = obj("repository", "svc", "environment", "production", "wait_timer", 10);
        ObjectValue updated = obj("repository", "svc", "environment", "production", "wait_timer", 30,
                "reviewers", Map.of("teams", List.of(42), "users", List.of(7)),
                "deployment_branch_policy", Map.of("protected_branches", true, "custom_branch_policies", false));
        lifecycle(RepositoryEnvironmentType.TYPE, config, updated, "environment", Value.of("staging"),
                f -> f.edit("svc", r -> r.environments.get("production").waitTimer = 1), "svc:production");
    }

    @Test
    void repositoryEnvironmentWithDeploymentBranchPatterns() {
        Map<String, Boolean> custom = Map.of("protected_branches", false, "custom_branch_policies", true);
        ObjectValue config = obj("repository", "svc", "environment", "production", "deployment_branch_policy", custom,
                "deployment_branch_patterns", List.of("release/*", "main"));
        ObjectValue updated = obj("repository", "svc", "environment", "production", "deployment_branch_policy", custom,
                "deployment_branch_patterns", List.of("main", "hotfix/*"));
        lifecycle(RepositoryEnvironmentType.TYPE, config, updated, "environment", Value.of("staging"),
                f -> f.edit("svc", r -> r.environments.get("production").branchPolicies.put(99L, new String[]{"feature/*", "branch"})),
                "svc:production");
    }

    @Test
    void deploymentBranchPatternsFollowThePlanAndLeaveWithCustomPolicies() {
        ResourceType t = GitHubTesting.type(provider, RepositoryEnvironmentType.TYPE);
        Map<String, Boolean> custom = Map.of("protected_branches", false, "custom_branch_policies", true);
        ObjectValue state = GitHubTesting.create(t, obj("repository", "svc", "environment", "production", "deployment_branch_policy", custom,
                "deployment_branch_patterns", List.of("release/*", "main")), "t.e");
        assertEquals(List.of("main", "release/*"), fake.deploymentBranchPatterns("svc", "production"));

        state = GitHubTesting.update(t, state, obj("repository", "svc", "environment", "production", "deployment_branch_policy", custom,
                "deployment_branch_patterns", List.of("main", "hotfix/*")));
        assertEquals(List.of("hotfix/*", "main"), fake.deploymentBranchPatterns("svc", "production"));
        assertEquals(1L, fake.log().stream().filter(l -> l.startsWith("DELETE /repos/acme/svc/environments/production/deployment-branch-policies/")).count(),
                "release/* deleted, main kept as it was");

        fake.edit("svc", r -> r.environments.get("production").branchPolicies.put(99L, new String[]{"feature/*", "branch"}));
        ObjectValue drifted = t.read(state).orElseThrow();
        assertEquals(Value.list(List.of(Value.of("feature/*"), Value.of("hotfix/*"), Value.of("main"))), drifted.getOrNull("deployment_branch_patterns"));
        state = GitHubTesting.update(t, drifted, obj("repository", "svc", "environment", "production", "deployment_branch_policy", custom,
                "deployment_branch_patterns", List.of("main", "hotfix/*")));
        assertEquals(List.of("hotfix/*", "main"), fake.deploymentBranchPatterns("svc", "production"), "the pattern added by hand is removed");

        ObjectValue noPatterns = GitHubTesting.update(t, state, obj("repository", "svc", "environment", "production",
                "deployment_branch_policy", custom));
        assertEquals(ListValue.EMPTY, noPatterns.getOrNull("deployment_branch_patterns"), "custom policies without patterns: no branch may deploy");
        assertEquals(List.of(), fake.deploymentBranchPatterns("svc", "production"));

        long lists = fake.log().stream().filter(l -> l.contains("/deployment-branch-policies?")).count();
        ObjectValue protectedOnly = GitHubTesting.update(t, noPatterns, obj("repository", "svc", "environment", "production",
                "deployment_branch_policy", Map.of("protected_branches", true, "custom_branch_policies", false)));
        assertEquals(Value.NULL, protectedOnly.getOrNull("deployment_branch_patterns"));
        assertEquals(Optional.of(protectedOnly), t.read(protectedOnly));
        assertEquals(lists, fake.log().stream().filter(l -> l.contains("/deployment-branch-policies?")).count(),
                "without custom policies there are none to list");
    }

    @Test
    void deploymentBranchPatternsWithoutCustomPoliciesAreRefusedAtPlan() {
        ResourceType t = GitHubTesting.type(provider, RepositoryEnvironmentType.TYPE);
        PlanResult p = t.plan(Optional.empty(), obj("repository", "svc", "environment", "production",
                "deployment_branch_policy", Map.of("protected_branches", true, "custom_branch_policies", false),
                "deployment_branch_patterns", List.of("main")));
        assertEquals(List.of("github_repository_environment.deployment_branch_patterns needs deployment_branch_policy = "
                + "{ custom_branch_policies = true, protected_branches = false }."), p.diagnostics().errors().stream().map(d -> d.detail()).toList());
    }

    @Test
    void teamRepository() {
        ObjectValue config = obj("team_slug", "devs", "repository", "svc");
        ObjectValue updated = obj("team_slug", "devs", "repository", "svc", "permission", "maintain");
        lifecycle(TeamRepositoryType.TYPE, config, updated, "team_slug", Value.of("ops"),
                f -> f.setTeamPermission("devs", "svc", "admin"), "devs:svc");
        assertEquals(null, fake.teamPermission("devs", "svc"));
    }

    @Test
    void actionsVariable() {
        ObjectValue config = obj("repository", "svc", "variable_name", "deploy_env", "value", "dev");
        ObjectValue updated = obj("repository", "svc", "variable_name", "deploy_env", "value", "prod");
        lifecycle(ActionsVariableType.TYPE, config, updated, "variable_name", Value.of("OTHER"),
                f -> f.edit("svc", r -> r.variables.get("DEPLOY_ENV")[0] = "tampered"), "svc:DEPLOY_ENV");
    }

    @Test
    void environmentVariable() {
        GitHubTesting.create(GitHubTesting.type(provider, RepositoryEnvironmentType.TYPE), obj("repository", "svc", "environment", "production"), "t.e");
        ObjectValue config = obj("repository", "svc", "environment", "production", "variable_name", "deploy_env", "value", "dev");
        ObjectValue updated = obj("repository", "svc", "environment", "production", "variable_name", "deploy_env", "value", "prod");
        lifecycle(ActionsVariableType.TYPE, config, updated, "environment", Value.of("staging"),
                f -> f.edit("svc", r -> r.environments.get("production").variables.get("DEPLOY_ENV")[0] = "tampered"),
                "acme/svc:production:DEPLOY_ENV");
        assertEquals(List.of("POST /repos/acme/svc/environments/production/variables",
                        "PATCH /repos/acme/svc/environments/production/variables/DEPLOY_ENV",
                        "DELETE /repos/acme/svc/environments/production/variables/DEPLOY_ENV"),
                fake.log().stream().filter(l -> l.contains("/variables") && !l.startsWith("GET")).distinct().toList(),
                "an environment's variable is written under the environment, never as the repository's");
        assertEquals(null, fake.variable("svc", "DEPLOY_ENV"));
    }

    @Test
    void anEnvironmentVariableAndARepositoryVariableOfTheSameNameAreTwoObjects() {
        GitHubTesting.create(GitHubTesting.type(provider, RepositoryEnvironmentType.TYPE), obj("repository", "svc", "environment", "production"), "t.e");
        ResourceType t = GitHubTesting.type(provider, ActionsVariableType.TYPE);
        ObjectValue repoVar = GitHubTesting.create(t, obj("repository", "svc", "variable_name", "REGION", "value", "eu"), "t.r");
        ObjectValue envVar = GitHubTesting.create(t, obj("repository", "svc", "environment", "production", "variable_name", "REGION",
                "value", "us"), "t.p");
        assertEquals(Value.of("svc:REGION"), repoVar.getOrNull("id"));
        assertEquals(Value.of("svc:production:REGION"), envVar.getOrNull("id"));
        assertEquals("eu", fake.variable("svc", "REGION"));
        assertEquals("us", fake.environmentVariable("svc", "production", "REGION"));
        assertEquals(Optional.of(repoVar), t.importState("svc:REGION"));
        assertEquals(Optional.of(envVar), t.importState("svc:production:REGION"));
        t.delete(envVar);
        assertEquals(Optional.of(repoVar), t.read(repoVar), "deleting the environment's variable leaves the repository's");
    }

    @Test
    void anEnvironmentVariableWhoseEnvironmentWasDeletedReadsAsGoneAndItsDeleteSucceeds() {
        GitHubTesting.create(GitHubTesting.type(provider, RepositoryEnvironmentType.TYPE), obj("repository", "svc", "environment", "production"), "t.e");
        ResourceType t = GitHubTesting.type(provider, ActionsVariableType.TYPE);
        ObjectValue v = GitHubTesting.create(t, obj("repository", "svc", "environment", "production", "variable_name", "REGION",
                "value", "eu"), "t.v");
        fake.edit("svc", r -> r.environments.remove("production"));
        assertEquals(Optional.empty(), t.read(v), "the environment went, and its variables with it: the engine plans a create");
        assertEquals(Optional.empty(), t.importState("svc:production:REGION"));
        t.delete(v);
    }

    @Test
    void anEnvironmentVariableLostInACrashIsAdoptedOnlyWithThePlannedValue() {
        GitHubTesting.create(GitHubTesting.type(provider, RepositoryEnvironmentType.TYPE), obj("repository", "svc", "environment", "production"), "t.e");
        ResourceType t = GitHubTesting.type(provider, ActionsVariableType.TYPE);
        ObjectValue planned = t.plan(Optional.empty(), obj("repository", "svc", "environment", "production", "variable_name", "region",
                "value", "eu")).planned();
        assertEquals(Optional.empty(), t.lookup("t.v", planned), "nothing there yet");
        ObjectValue created = t.create(planned, "t.v");
        assertEquals(Optional.of(created), t.lookup("t.v", planned), "the object the lost create made");
        fake.edit("svc", r -> r.environments.get("production").variables.get("REGION")[0] = "us");
        assertEquals(Optional.empty(), t.lookup("t.v", planned), "someone else's value is not taken over");
        ProviderException e = assertThrows(ProviderException.class, () -> t.create(planned, "t.v"));
        assertEquals("cannot create github_actions_variable acme/svc:production:REGION: Already exists - Variable already exists"
                + " (status 409)", e.getMessage());
    }

    @Test
    void aPlanReplacesTheVariableWhenItsEnvironmentIsSetChangedOrUnset() {
        ResourceType t = GitHubTesting.type(provider, ActionsVariableType.TYPE);
        ObjectValue repoVar = t.plan(Optional.empty(), obj("repository", "svc", "variable_name", "REGION", "value", "eu")).planned();
        ObjectValue prodVar = t.plan(Optional.empty(), obj("repository", "svc", "environment", "production", "variable_name", "REGION",
                "value", "eu")).planned();
        Set<AttributePath> environment = Set.of(AttributePath.of("environment"));
        assertEquals(environment, t.plan(Optional.of(repoVar), obj("repository", "svc", "environment", "production",
                "variable_name", "REGION", "value", "eu")).requiresReplace(), "set");
        assertEquals(environment, t.plan(Optional.of(prodVar), obj("repository", "svc", "environment", "staging",
                "variable_name", "REGION", "value", "eu")).requiresReplace(), "changed");
        assertEquals(environment, t.plan(Optional.of(prodVar), obj("repository", "svc", "variable_name", "REGION", "value", "eu"))
                .requiresReplace(), "unset");
        assertEquals(Value.of("svc:production:REGION"), prodVar.getOrNull("id"));
    }

    @Test
    void aVariableRecordedBeforeEnvironmentExistedRefreshesAsTheRepositorysAndPlansNoChange() {
        ResourceType t = GitHubTesting.type(provider, ActionsVariableType.TYPE);
        ObjectValue config = obj("repository", "svc", "variable_name", "REGION", "value", "eu");
        ObjectValue created = GitHubTesting.create(t, config, "t.v");
        ObjectValue recorded = created.without("environment");
        assertEquals(Optional.of(created), t.read(recorded), "read from the repository's variables, environment null");
        assertNoChange(t, t.read(recorded).orElseThrow(), config);
    }

    static Stream<Arguments> badVariableImportIds() {
        String forms = "expected an id of the form repository:VARIABLE_NAME or repository:environment:VARIABLE_NAME";
        return Stream.of(
                Arguments.of("no name", "svc", "svc", forms),
                Arguments.of("an environment without a name", "svc:production:", "svc:production:", forms),
                Arguments.of("a name without an environment", "svc::REGION", "svc::REGION", forms),
                Arguments.of("another owner: the repository part is named", "other/svc:production:REGION", "other/svc",
                        "the owner 'other' is not the provider's owner 'acme'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badVariableImportIds")
    void aVariableImportIdThatIsNotOfEitherFormIsRefusedSayingWhatIsExpected(String reason, String id, String named, String expected) {
        ProviderException e = assertThrows(ProviderException.class, () -> GitHubTesting.type(provider, ActionsVariableType.TYPE).importState(id));
        assertEquals("cannot import github_actions_variable " + named + ": " + expected, e.getMessage(), reason);
    }

    @Test
    void anEmptyEnvironmentIsRefusedAtPlan() {
        PlanResult p = GitHubTesting.type(provider, ActionsVariableType.TYPE).plan(Optional.empty(),
                obj("repository", "svc", "environment", "", "variable_name", "REGION", "value", "eu"));
        assertEquals(List.of("github_actions_variable.environment names a deployment environment; leave it unset for a repository"
                + " variable, got \"\"."), p.diagnostics().errors().stream().map(d -> d.detail()).toList());
    }

    @Test
    void repositoryFile() {
        ObjectValue config = obj("repository", "svc", "branch", "main", "file", "docs/index.md", "content", "# svc\n");
        ObjectValue updated = obj("repository", "svc", "branch", "main", "file", "docs/index.md", "content", "# svc\n\nRunbook.\n");
        lifecycle(RepositoryFileType.TYPE, config, updated, "file", Value.of("docs/other.md"),
                f -> f.edit("svc", r -> r.branches.get("main").put("docs/index.md", "edited\n".getBytes(StandardCharsets.UTF_8))),
                "svc/docs/index.md:main");
        assertEquals(Set.of("README.md"), fake.repository("svc").branches.get("main").keySet());
    }
}
