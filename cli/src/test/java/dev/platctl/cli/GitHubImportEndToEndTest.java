package dev.platctl.cli;

import dev.platctl.providers.github.FakeGitHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code platctl import} of a repository made by hand on the GitHub REST fake, then planned against the module that declares it. */
class GitHubImportEndToEndTest {
    @TempDir
    Path ws;
    FakeGitHub github;

    @BeforeEach
    void workspaceAndARepositoryMadeByHand() throws Exception {
        github = new FakeGitHub("acme");
        write("platctl.hcl", """
                workspace {
                  modules  = "modules"
                  requests = "requests"
                }
                provider "github" {
                  owner    = "acme"
                  base_url = "%s"
                }
                """.formatted(github.baseUrl()));
        write("modules/repo/module.hcl", """
                module {
                  name    = "repo"
                  version = "1.0.0"
                  kind    = "Repository"
                }
                input "description" {
                  type = string
                }
                resource "github_repository" "this" {
                  name                   = request.name
                  description            = input.description
                  visibility             = "private"
                  delete_branch_on_merge = true
                }
                """);
        write("requests/web/legacy-site.yaml", """
                apiVersion: platctl.dev/v1
                kind: Repository
                metadata:
                  name: legacy-site
                  team: web
                spec:
                  module: repo@1.0.0
                  parameters:
                    description: The old marketing site.
                """);
        HttpResponse<String> made = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(github.baseUrl() + "/orgs/acme/repos"))
                .header("Authorization", "Bearer " + FakeGitHub.TOKEN).header("Accept", "application/vnd.github+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"legacy-site\",\"description\":\"The old marketing site.\",\"private\":true}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, made.statusCode(), made::body);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void anImportedRepositoryIsPlannedAgainstItsModule() throws Exception {
        ChildCli imported = platctl("import", "legacy-site.github_repository.this", "acme/legacy-site");
        assertEquals(0, imported.exitCode(), imported::transcript);
        assertEquals("Imported github_repository legacy-site.github_repository.this (id acme/legacy-site) into stack web.", imported.stdout().lines().findFirst().orElseThrow());

        ChildCli plan = platctl("plan", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan::transcript);
        // Made by hand like the module makes it, except for what the module sets on top of GitHub's defaults.
        assertEquals("""
                platctl will perform the following actions:

                  # legacy-site.github_repository.this will be updated in place
                  ~ resource "github_repository" "this" {
                      ~ delete_branch_on_merge = false -> true
                        # (16 unchanged attributes hidden)
                    }

                Plan: 0 to add, 1 to change, 0 to destroy.""", plan.stdout().strip(), plan::transcript);

        ChildCli apply = platctl("apply", "--auto-approve");
        assertEquals(0, apply.exitCode(), apply::transcript);
        ChildCli clean = platctl("plan", "--detailed-exitcode");
        assertEquals(0, clean.exitCode(), "the refresh reads delete_branch_on_merge = true back from GitHub:\n" + clean.transcript());
    }

    ChildCli platctl(String... args) throws InterruptedException {
        ChildCli cli = ChildCli.start(ws, Map.of("GITHUB_TOKEN", FakeGitHub.TOKEN), args);
        cli.awaitExit();
        return cli;
    }

    void write(String relative, String text) throws IOException {
        Path p = ws.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
