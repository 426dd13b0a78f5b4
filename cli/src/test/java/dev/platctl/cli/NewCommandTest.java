package dev.platctl.cli;

import dev.platctl.engine.goldenpath.GoldenPaths;
import dev.platctl.engine.goldenpath.Template;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code platctl new} asking for parameters on a terminal, with the real python-microservice template. */
class NewCommandTest {
    static final Template TEMPLATE = GoldenPaths.load(Path.of("..").toAbsolutePath().normalize(), "python-microservice");

    record Asked(Map<String, Value> given, String shown) {
    }

    static Asked ask(Map<String, Value> given, String typed) {
        Map<String, Value> values = new LinkedHashMap<>(given);
        StringWriter shown = new StringWriter();
        NewCommand.ask(TEMPLATE, values, new BufferedReader(new StringReader(typed)), new PrintWriter(shown));
        return new Asked(values, shown.toString());
    }

    @Test
    void everyParameterIsAskedWithItsTitleDescriptionChoicesAndDefault() {
        Asked a = ask(Map.of(), String.join("\n", "orders-api", "payments", "Takes and tracks customer orders.", "", "", "", "", "") + "\n");
        assertEquals(Map.of("name", Value.of("orders-api"), "owner", Value.of("payments"), "description", Value.of("Takes and tracks customer orders.")),
                a.given(), "empty answers take the defaults, which are filled in later");
        for (String expected : new String[]{"\nName (required)\n  The service's name; also the repository, image and Helm release name.\nname: ",
                "\nPython version\n  The Python the image and CI use.\n  1) 3.11\n  2) 3.12\n  3) 3.13\npythonVersion [3.12]: ",
                "\nMinimum replicas\n  The fewest pods the autoscaler keeps.\nminReplicas [2]: ",
                "\nLifecycle\n  The catalog lifecycle stage.\n  1) experimental\n  2) production\n  3) deprecated\nlifecycle [experimental]: "})
            assertTrue(a.shown().contains(expected), expected + " in:\n" + a.shown());
    }

    @Test
    void aChoiceIsTakenByItsNumberOrItsValue() {
        Asked a = ask(Map.of("name", Value.of("orders-api"), "owner", Value.of("payments"), "description", Value.of("Takes and tracks orders.")),
                "3\n\n\nproduction\n\n");
        assertEquals(Value.of("3.13"), a.given().get("pythonVersion"), "choice 3");
        assertEquals(Value.of("production"), a.given().get("lifecycle"), "the value itself");
    }

    @Test
    void anAnswerTheSchemaRefusesIsExplainedAndAskedAgain() {
        Asked a = ask(Map.of("owner", Value.of("payments"), "description", Value.of("Takes and tracks orders.")),
                "Orders_API\norders-api\n7\n2\n\n99\n8\nbeta\n2\n\n");
        assertEquals(Value.of("orders-api"), a.given().get("name"));
        assertEquals(Value.of("3.12"), a.given().get("pythonVersion"), "7 is no choice: asked again");
        assertEquals(Value.of(8), a.given().get("maxReplicas"));
        assertEquals(Value.of("production"), a.given().get("lifecycle"));
        String s = a.shown();
        assertTrue(s.contains("name:   name breaks rule \"pattern\": does not match the regex pattern ^[a-z][a-z0-9-]{2,30}$ (got \"Orders_API\").\nname: "),
                "explained, then asked again:\n" + s);
        assertTrue(s.contains("  pythonVersion breaks rule \"enum\""), s);
        assertTrue(s.contains("  maxReplicas breaks rule \"maximum\""), s);
        assertTrue(s.contains("  lifecycle breaks rule \"enum\""), s);
    }

    @Test
    void anAnswerThatIsItselfAChoiceIsThatValueNotAChoiceNumber(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("skeleton"));
        Files.writeString(dir.resolve("template.yaml"), """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata:
                  name: sizes
                  annotations: {platctl.dev/version: 1.0.0}
                spec:
                  parameters:
                    properties:
                      shards: {title: Shards, type: integer, enum: [2, 4, 8]}
                  steps:
                    - {id: fetch, action: fetch:template, input: {url: ./skeleton}}
                """);
        Template t = GoldenPaths.load(dir, dir.toString());
        for (String[] c : new String[][]{{"2", "2", "2 is one of the values: not choice 2 (4)"}, {"3", "8", "3 is no value: choice 3"},
                {"8", "8", "a value beyond the number of choices"}}) {
            Map<String, Value> values = new LinkedHashMap<>();
            NewCommand.ask(t, values, new BufferedReader(new StringReader(c[0] + "\n")), new PrintWriter(new StringWriter()));
            assertEquals(Value.of(Integer.parseInt(c[1])), values.get("shards"), c[2]);
        }
    }

    @Test
    void aParameterTheFormHidesIsNotAsked() {
        Asked a = ask(Map.of("name", Value.of("orders-api"), "owner", Value.of("payments"), "description", Value.of("Takes and tracks orders.")),
                "\n\n\n\nexample-org\n");
        assertFalse(a.shown().contains("githubOrg") || a.shown().contains("GitHub organisation"), "ui:widget hidden:\n" + a.shown());
        assertFalse(a.given().containsKey("githubOrg"), "it keeps its default");
    }

    /** Stands for a {@link java.io.Console} of JDK 22 and later, which has isTerminal(). */
    static final class Jdk22Console {
        private final boolean terminal;

        Jdk22Console(boolean terminal) {
            this.terminal = terminal;
        }

        public boolean isTerminal() {
            return terminal;
        }
    }

    @Test
    void onlyATerminalIsAsked() {
        assertFalse(NewCommand.interactive(null), "no console");
        assertFalse(NewCommand.interactive(new Jdk22Console(false)), "JDK 22+: a console on redirected streams is no terminal");
        assertTrue(NewCommand.interactive(new Jdk22Console(true)));
        assertTrue(NewCommand.interactive(new Object()), "before JDK 22 there is a console only on a terminal");
    }

    @Test
    void aRequiredParameterWithoutDefaultIsAskedUntilAnswered() {
        Asked a = ask(Map.of("name", Value.of("orders-api"), "description", Value.of("Takes and tracks orders.")), "\n\npayments\n");
        assertEquals(Value.of("payments"), a.given().get("owner"));
        assertEquals(2, a.shown().split("  owner is required\\.\n", -1).length - 1, a.shown());
    }

    @Test
    void theEndOfTheInputStopsAskingAndKeepsWhatWasAnswered() {
        Asked a = ask(Map.of(), "orders-api\n");
        assertEquals(Map.of("name", Value.of("orders-api")), a.given());
        assertTrue(a.shown().endsWith("owner: "), a.shown());
    }
}
