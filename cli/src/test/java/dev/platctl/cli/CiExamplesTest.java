package dev.platctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.goldenpath.GoldenPaths;
import dev.platctl.engine.goldenpath.ParameterValues;
import dev.platctl.engine.goldenpath.RenderedSkeleton;
import dev.platctl.engine.goldenpath.SkeletonRenderer;
import dev.platctl.engine.goldenpath.Template;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI examples under {@code examples/ci} are valid: the GitHub workflows pass actionlint (built once from source
 * with the Go toolchain into {@code ~/.cache/platctl/tools}; the test fails, never skips, when it cannot be had), and
 * the Kubernetes CronJob has what a CronJob needs, with credentials only from a Secret; and so does the workflow the
 * python-microservice golden path renders into every service.
 */
class CiExamplesTest {
    private static final String ACTIONLINT_VERSION = "1.7.12";
    private static final Path EXAMPLES = Path.of("..", "examples", "ci").toAbsolutePath().normalize();
    private static final Path WORKFLOWS = EXAMPLES.resolve("github-actions");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path tmp;

    private static ToolRun run(List<String> command, Path dir) throws IOException {
        return ToolRun.of(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true), Duration.ofMinutes(10));
    }

    /** The actionlint binary, built with {@code go install} the first time. */
    private static Path actionlint() {
        return GoTools.install("actionlint", "github.com/rhysd/actionlint/cmd/actionlint", ACTIONLINT_VERSION);
    }

    /** Shellcheck and pyflakes are turned off so the result does not depend on what else the machine has. */
    private static ToolRun lint(Path... files) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(actionlint().toString(), "-shellcheck=", "-pyflakes=", "-no-color"));
        for (Path f : files) cmd.add(f.toString());
        return run(cmd, EXAMPLES);
    }

    @Test
    void githubWorkflowsPassActionlint() throws Exception {
        ToolRun r = lint(WORKFLOWS.resolve("plan.yml"), WORKFLOWS.resolve("apply.yml"), WORKFLOWS.resolve("drift.yml"));

        assertEquals(0, r.exit(), r.output());
    }

    /** The workflow every service scaffolded from python-microservice gets, rendered as platctl new renders it. */
    @Test
    void theGoldenPathsRenderedWorkflowPassesActionlint() throws Exception {
        Template t = GoldenPaths.load(EXAMPLES.getParent().getParent(), "python-microservice");
        Diagnostics d = new Diagnostics();
        RenderedSkeleton skeleton = new SkeletonRenderer().render(t, ParameterValues.withDefaults(t, Map.of("name", Value.of("orders-api"),
                "owner", Value.of("payments"), "description", Value.of("Takes and tracks customer orders."))), d)
                .orElseThrow(() -> new AssertionError(d.toString()));
        skeleton.writeTo(tmp.resolve("service"));

        ToolRun r = lint(tmp.resolve("service/.github/workflows/ci.yaml"));

        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void actionlintRejectsABrokenWorkflowSoThePassAboveMeansSomething() throws Exception {
        Path broken = tmp.resolve("broken.yml");
        Files.writeString(broken, "on: pull_request\njobs:\n  plan:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - run: echo ${{ github.event.no_such_thing.x }}\n        uses: actions/checkout@v4\n");

        ToolRun r = lint(broken);

        assertNotEquals(0, r.exit(), r.output());
    }

    @Test
    void workflowsRunTheMarkdownPlanAndDriftAndActOnExitCodeTwo() throws Exception {
        JsonNode plan = YAML.readTree(WORKFLOWS.resolve("plan.yml").toFile());
        JsonNode drift = YAML.readTree(WORKFLOWS.resolve("drift.yml").toFile());
        String planText = Files.readString(WORKFLOWS.resolve("plan.yml"));
        String driftText = Files.readString(WORKFLOWS.resolve("drift.yml"));
        String applyText = Files.readString(WORKFLOWS.resolve("apply.yml"));

        assertTrue(plan.get("on").has("pull_request"));
        assertTrue(planText.contains("platctl stacks changed --since") && planText.contains("platctl plan --format markdown"));
        assertTrue(planText.contains("GITHUB_STEP_SUMMARY"));
        assertTrue(drift.get("on").has("schedule"));
        assertTrue(driftText.contains("platctl drift --format markdown"));
        assertTrue(driftText.contains("steps.drift.outputs.exitcode == '2'"), "opens the issue only on drift");
        assertTrue(applyText.contains("platctl apply --stack \"$STACK\" --lock-timeout 10m main.plan"), "applies the saved plan");
        JsonNode apply = YAML.readTree(WORKFLOWS.resolve("apply.yml").toFile()).path("jobs").path("apply");
        assertEquals("${{ fromJSON(needs.changed.outputs.stacks) }}", apply.path("strategy").path("matrix").path("stack").asText(),
                "one job per changed stack");
        assertTrue(apply.path("concurrency").path("group").asText().endsWith("-${{ matrix.stack }}"), "a concurrency group per stack");
        assertTrue(applyText.contains("platctl plan --stack \"$STACK\""), "plans only that stack");
    }

    @Test
    void driftCronJobHasWhatACronJobNeedsAndTakesCredentialsFromASecret() throws Exception {
        JsonNode job = YAML.readTree(EXAMPLES.resolve("kubernetes/drift-cronjob.yaml").toFile());

        assertEquals("batch/v1", job.path("apiVersion").asText());
        assertEquals("CronJob", job.path("kind").asText());
        assertTrue(job.path("metadata").path("name").asText().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"));
        assertEquals(5, job.path("spec").path("schedule").asText().trim().split("\\s+").length, "a five-field cron schedule");
        assertEquals("Forbid", job.path("spec").path("concurrencyPolicy").asText(), "runs never overlap");
        JsonNode pod = job.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        assertTrue(List.of("Never", "OnFailure").contains(pod.path("restartPolicy").asText()), "a Job's pods must not restart Always");
        JsonNode container = pod.path("containers").path(0);
        assertTrue(container.path("image").isTextual() && !container.path("name").asText().isEmpty());
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        assertTrue(args.contains("drift"), args.toString());
        List<String> fromSecret = new ArrayList<>();
        for (JsonNode env : container.path("env")) {
            String name = env.path("name").asText();
            if (env.has("valueFrom")) {
                assertEquals("platctl-state", env.path("valueFrom").path("secretKeyRef").path("name").asText(), name);
                fromSecret.add(name);
            }
        }
        assertEquals(List.of("PLATCTL_PG_URL", "PGUSER", "PGPASSWORD", "PLATCTL_STATE_KEY"), fromSecret,
                "the database credentials and the state key come from the Secret, never inline");
    }
}
