package dev.platctl.engine.config;

import dev.platctl.engine.Engine;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.plan.PlanOptions;
import dev.platctl.engine.provider.Providers;
import dev.platctl.engine.state.InMemoryStateStore;
import dev.platctl.engine.state.LockInfo;
import dev.platctl.engine.state.StackLocks;
import dev.platctl.engine.testing.FakeProvider;
import dev.platctl.engine.testing.Workspace;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input is a diagnostic naming the file and line, never an exception. */
class BadInputTest {
    static final String MODULE = """
            module {
              name    = "things"
              version = "1.0.0"
              kind    = "Thing"
            }
            input "size" {
              type = number
            }
            resource "fake_thing" "base" {
              name  = "${request.name}-base"
              value = input.size
            }
            """;
    /** An input block to append to MODULE (its rule on line 15). */
    static final String LABEL = "input \"label\" {\n  type    = string\n  RULE\n  default = \"ok\"\n}\n";
    /** A resource block to append to MODULE (its meta-arguments from line 14). */
    static final String MANY = "resource \"fake_thing\" \"many\" {\n  META\n  name = \"m\"\n}\n";
    /** A policy file (its condition on line 7) to edit for the policy cases. */
    static final String POLICY = """
            policy "small" {
              enforcement = "deny"
              match {
                types = ["fake_thing"]
              }
              rule {
                condition = "object.value < 10"
                message   = "things are small."
              }
            }
            """;
    static final String POLICY_FILE = "policies/things.hcl";
    static final String MODULE_FILE = "modules/things/module.hcl";
    static final String REQUEST_FILE = "requests/payments/pay.yaml";

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("a module with a missing closing brace", ws -> ws.file(MODULE_FILE, MODULE + "resource \"fake_thing\" \"x\" {\n  name = \"x\"\n"),
                        "Unclosed configuration block", MODULE_FILE, 13),
                bad("malformed YAML", ws -> ws.file(REQUEST_FILE, "apiVersion: platctl.dev/v1\nkind: Thing\nmetadata:\n  name: pay\n spec: [\n"),
                        "Invalid YAML", REQUEST_FILE, 5),
                bad("a request for a module that does not exist", ws -> ws.request("payments", "pay", "nope@1.0.0", "size: 1"),
                        "Unknown module \"nope\"", REQUEST_FILE, 7),
                bad("a version no module has", ws -> ws.request("payments", "pay", "things@^2.0", "size: 1"),
                        "No version of module \"things\" matches \"^2.0\"", REQUEST_FILE, 7),
                bad("a misspelt input", ws -> ws.request("payments", "pay", "things@1.0.0", "size: 1", "sise: 2"),
                        "Unknown input \"sise\"", REQUEST_FILE, 10),
                bad("a value of the wrong type", ws -> ws.request("payments", "pay", "things@1.0.0", "size: large"),
                        "Invalid value for input \"size\"", REQUEST_FILE, 9),
                bad("a required input left out", ws -> ws.request("payments", "pay", "things@1.0.0"),
                        "Missing required input \"size\"", REQUEST_FILE, 9),
                bad("a reference to an undefined name", ws -> ws.file(MODULE_FILE, MODULE.replace("input.size", "var.size")),
                        "Reference to undeclared name \"var\"", MODULE_FILE, 11),
                bad("a reference to an undefined input", ws -> ws.file(MODULE_FILE, MODULE.replace("input.size", "input.sizes")),
                        "Unsupported attribute \"sizes\"", MODULE_FILE, 11),
                bad("a dependency cycle", ws -> ws.file(MODULE_FILE, MODULE.replace("value = input.size", "value = fake_thing.other.id")
                                + "resource \"fake_thing\" \"other\" {\n  name  = \"o\"\n  value = fake_thing.base.id\n}\n"),
                        "Dependency cycle", MODULE_FILE, 9),
                bad("a resource type no provider serves", ws -> ws.file(MODULE_FILE, MODULE.replace("\"fake_thing\" \"base\"", "\"fake_thingy\" \"base\"")),
                        "Unknown resource type \"fake_thingy\"", MODULE_FILE, 9),
                bad("an attribute the resource type does not have", ws -> ws.file(MODULE_FILE, MODULE.replace("value = input.size", "valeu = input.size")),
                        "Unsupported attribute \"valeu\"", MODULE_FILE, 11),
                bad("a required resource attribute left out", ws -> ws.file(MODULE_FILE, MODULE.replace("name  = \"${request.name}-base\"", "")),
                        "Missing required attribute \"name\"", MODULE_FILE, 9),
                bad("an unknown field in a request", ws -> ws.file(REQUEST_FILE, "apiVersion: platctl.dev/v1\nkind: Thing\nmetadata:\n  name: pay\nspec:\n  modul: things@1.0.0\n"),
                        "Unknown field \"modul\" in spec", REQUEST_FILE, 6),
                bad("a request name that is not a DNS label", ws -> ws.file(REQUEST_FILE, "apiVersion: platctl.dev/v1\nkind: Thing\nmetadata:\n  name: Pay_DB\nspec:\n  module: things@1.0.0\n"),
                        "Invalid request name \"Pay_DB\"", REQUEST_FILE, 4),
                bad("the wrong apiVersion", ws -> ws.file(REQUEST_FILE, "apiVersion: v1\nkind: Thing\nmetadata:\n  name: pay\nspec:\n  module: things@1.0.0\n  parameters:\n    size: 1\n"),
                        "Unsupported apiVersion \"v1\"", REQUEST_FILE, 1),
                bad("a kind the module does not serve", ws -> ws.file(REQUEST_FILE, "apiVersion: platctl.dev/v1\nkind: Database\nmetadata:\n  name: pay\nspec:\n  module: things@1.0.0\n  parameters:\n    size: 1\n"),
                        "Kind does not match the module", REQUEST_FILE, 1),
                bad("two requests with one name", ws -> ws.request("payments", "pay", "things@1.0.0", "size: 1")
                                .file("requests/search/pay.yaml", "apiVersion: platctl.dev/v1\nkind: Thing\nmetadata:\n  name: pay\nspec:\n  module: things@1.0.0\n  parameters:\n    size: 1\n"),
                        "Duplicate request name \"pay\"", "requests/search/pay.yaml", 1),
                bad("an attribute set twice", ws -> ws.file(MODULE_FILE, MODULE.replace("value = input.size", "value = input.size\n  value = 2")),
                        "Attribute redefined", MODULE_FILE, 12),
                bad("a module without a version", ws -> ws.file(MODULE_FILE, MODULE.replace("  version = \"1.0.0\"\n", "")),
                        "Missing module version", MODULE_FILE, 1),
                bad("an unsupported block in a module", ws -> ws.file(MODULE_FILE, MODULE + "variable \"x\" {}\n"),
                        "Unsupported block type \"variable\"", MODULE_FILE, 13),
                bad("an object parameter with an attribute its type does not have", ws -> ws.file(MODULE_FILE, MODULE
                                + "input \"db\" {\n  type    = object({name = string, size = optional(number)})\n  default = null\n}\n")
                                .request("payments", "pay", "things@1.0.0", "size: 1", "db: {name: a, sise: 2}"),
                        "Invalid value for input \"db\"", REQUEST_FILE, 10),
                bad("an optional attribute whose default has the wrong type", ws -> ws.file(MODULE_FILE, MODULE
                                + "input \"db\" {\n  type    = object({size = optional(number, \"big\")})\n  default = null\n}\n"),
                        "Invalid default for attribute \"size\"", MODULE_FILE, 14),
                bad("a number below the input's minimum", ws -> ws.file(MODULE_FILE, MODULE.replace("  type = number\n", "  type    = number\n  minimum = 2\n")),
                        "Invalid value for input \"size\"", REQUEST_FILE, 9),
                bad("a string that does not match the input's pattern", ws -> ws.file(MODULE_FILE, MODULE + LABEL.replace("RULE", "pattern = \"^[a-z]+$\""))
                                .request("payments", "pay", "things@1.0.0", "size: 1", "label: Not-OK"),
                        "Invalid value for input \"label\"", REQUEST_FILE, 10),
                bad("a value the input's enum does not list", ws -> ws.file(MODULE_FILE, MODULE + LABEL.replace("RULE", "enum = [\"ok\", \"fine\"]"))
                                .request("payments", "pay", "things@1.0.0", "size: 1", "label: great"),
                        "Invalid value for input \"label\"", REQUEST_FILE, 10),
                bad("a list longer than max_length", ws -> ws.file(MODULE_FILE, MODULE + "input \"tags\" {\n  type       = list(string)\n  max_length = 1\n  default    = []\n}\n")
                                .request("payments", "pay", "things@1.0.0", "size: 1", "tags: [a, b]"),
                        "Invalid value for input \"tags\"", REQUEST_FILE, 10),
                bad("a value its validation block rejects", ws -> ws.file(MODULE_FILE, MODULE.replace("  type = number\n",
                                "  type = number\n  validation {\n    condition = input.size < 10\n    message   = \"size is at most 9.\"\n  }\n"))
                                .request("payments", "pay", "things@1.0.0", "size: 50"),
                        "Invalid value for input \"size\"", REQUEST_FILE, 9),
                bad("a default that breaks its own input's rule", ws -> ws.file(MODULE_FILE, MODULE + "input \"label\" {\n  type       = string\n  min_length = 5\n  default    = \"ab\"\n}\n"),
                        "Invalid value for input \"label\"", MODULE_FILE, 16),
                bad("a rule that does not fit the input's type", ws -> ws.file(MODULE_FILE, MODULE + LABEL.replace("RULE", "minimum = 3")),
                        "Invalid \"minimum\" rule for input \"label\"", MODULE_FILE, 15),
                bad("a pattern that is not a regular expression", ws -> ws.file(MODULE_FILE, MODULE + LABEL.replace("RULE", "pattern = \"([a-z\"")),
                        "Invalid \"pattern\" rule for input \"label\"", MODULE_FILE, 15),
                bad("a validation condition that refers to a resource", ws -> ws.file(MODULE_FILE, MODULE.replace("  type = number\n",
                                "  type = number\n  validation {\n    condition = fake_thing.base.id != \"\"\n    message   = \"x\"\n  }\n")),
                        "Invalid reference in validation", MODULE_FILE, 9),
                bad("a count that depends on a resource attribute", ws -> ws.file(MODULE_FILE, MODULE + MANY.replace("META", "count = length(fake_thing.base.id)")),
                        "Invalid count argument", MODULE_FILE, 14),
                bad("a negative count", ws -> ws.file(MODULE_FILE, MODULE + MANY.replace("META", "count = input.size - 5")),
                        "Invalid count argument", MODULE_FILE, 14),
                bad("a block referring to one whose count failed", ws -> ws.file(MODULE_FILE, MODULE + MANY.replace("META", "count = -1")
                                + "resource \"fake_thing\" \"user\" {\n  name  = \"u\"\n  value = fake_thing.many[*].id\n}\n"),
                        "Invalid count argument", MODULE_FILE, 14),
                bad("for_each over a list of numbers", ws -> ws.file(MODULE_FILE, MODULE + MANY.replace("META", "for_each = [1, 2]")),
                        "Invalid for_each argument", MODULE_FILE, 14),
                bad("for_each with a repeated key", ws -> ws.file(MODULE_FILE, MODULE + MANY.replace("META", "for_each = [\"a\", \"a\"]")),
                        "Invalid for_each argument", MODULE_FILE, 14),
                bad("count and for_each on one resource", ws -> ws.file(MODULE_FILE, MODULE + MANY.replace("META", "count    = 2\n  for_each = {}")),
                        "Invalid combination of \"count\" and \"for_each\"", MODULE_FILE, 15),
                bad("count.index in a resource without count", ws -> ws.file(MODULE_FILE, MODULE.replace("value = input.size", "value = count.index")),
                        "Reference to \"count\" in non-counted context", MODULE_FILE, 11),
                bad("each.key in a resource without for_each", ws -> ws.file(MODULE_FILE, MODULE.replace("value = input.size", "value = each.key")),
                        "Reference to \"each\" in context without for_each", MODULE_FILE, 11),
                bad("a misspelt lifecycle argument", ws -> ws.file(MODULE_FILE, MODULE + MANY.replace("META", "lifecycle {\n    create_before_destory = true\n  }")),
                        "Unsupported argument \"create_before_destory\" in lifecycle", MODULE_FILE, 15),
                bad("prevent_destroy computed from an input", ws -> ws.file(MODULE_FILE, MODULE + MANY.replace("META", "lifecycle {\n    prevent_destroy = input.size > 1\n  }")),
                        "Invalid value for \"prevent_destroy\"", MODULE_FILE, 15),
                bad("ignore_changes naming an attribute the type does not have", ws -> ws.file(MODULE_FILE, MODULE + MANY.replace("META", "lifecycle {\n    ignore_changes = [valeu]\n  }")),
                        "Unsupported attribute in ignore_changes", MODULE_FILE, 15),
                bad("a CEL syntax error in a rule's condition", ws -> ws.file(POLICY_FILE, POLICY.replace("object.value < 10", "object.value <")),
                        "Invalid condition", POLICY_FILE, 7),
                bad("a CEL syntax error on the second line of a heredoc condition", ws -> ws.file(POLICY_FILE, POLICY.replace(
                                "condition = \"object.value < 10\"", "condition = <<-EOT\n      object.value < 10 &&\n      object.name == == 'x'\n    EOT")),
                        "Invalid condition", POLICY_FILE, 9),
                bad("a condition that is not a bool", ws -> ws.file(POLICY_FILE, POLICY.replace("object.value < 10", "object.value + 1")),
                        "Invalid condition", POLICY_FILE, 7),
                bad("an unknown enforcement", ws -> ws.file(POLICY_FILE, POLICY.replace("\"deny\"", "\"block\"")),
                        "Invalid enforcement \"block\"", POLICY_FILE, 2),
                bad("an unknown match key", ws -> ws.file(POLICY_FILE, POLICY.replace("types =", "kinds =")),
                        "Unsupported argument \"kinds\" in match", POLICY_FILE, 4),
                bad("match types that are not strings", ws -> ws.file(POLICY_FILE, POLICY.replace("[\"fake_thing\"]", "[1]")),
                        "Invalid value for \"types\"", POLICY_FILE, 4),
                bad("a misspelt block in a policy", ws -> ws.file(POLICY_FILE, POLICY.replace("rule {", "rules {")),
                        "Unsupported block type \"rules\" in policy", POLICY_FILE, 6),
                bad("a rule without a message", ws -> ws.file(POLICY_FILE, POLICY.replace("    message   = \"things are small.\"\n", "")),
                        "Missing message in rule", POLICY_FILE, 6),
                bad("a rule without a condition", ws -> ws.file(POLICY_FILE, POLICY.replace("    condition = \"object.value < 10\"\n", "")),
                        "Missing condition in rule", POLICY_FILE, 6),
                bad("a policy without a name", ws -> ws.file(POLICY_FILE, POLICY.replace("policy \"small\" {", "policy {")),
                        "Wrong number of labels on policy block", POLICY_FILE, 1),
                bad("two policies with one name", ws -> ws.file(POLICY_FILE, POLICY).file("policies/more.hcl", "# again\n" + POLICY),
                        "Duplicate policy \"small\"", POLICY_FILE, 1),
                bad("a block other than policy in a policy file", ws -> ws.file(POLICY_FILE, "polcy \"x\" {\n}\n"),
                        "Unsupported block type \"polcy\"", POLICY_FILE, 1),
                bad("an attribute both defaulted and enforced", ws -> ws.file(POLICY_FILE, POLICY.replace("  rule {",
                                "  defaults {\n    value = 1\n  }\n  enforce {\n    value = 2\n  }\n  rule {")),
                        "Attribute both defaulted and enforced", POLICY_FILE, 10),
                bad("an enforced attribute the matched type does not have", ws -> ws.file(POLICY_FILE, POLICY.replace("  rule {",
                                "  enforce {\n    valeu = 2\n  }\n  rule {")),
                        "Unsupported attribute \"valeu\" in policy \"small\"", POLICY_FILE, 7),
                bad("a default that refers to a variable", ws -> ws.file(POLICY_FILE, POLICY.replace("  rule {",
                                "  defaults {\n    value = var.size\n  }\n  rule {")),
                        "Reference to undeclared name \"var\"", POLICY_FILE, 7),
                bad("a policy file with a missing closing brace", ws -> ws.file(POLICY_FILE, POLICY.substring(0, POLICY.length() - 2)),
                        "Unclosed configuration block", POLICY_FILE, 1));
    }

    static Arguments bad(String reason, Consumer<Workspace> setUp, String summary, String file, int line) {
        return Arguments.of(reason, setUp, summary, file, line);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsADiagnosticWithFileAndLine(String reason, Consumer<Workspace> setUp, String summary, String file, int line) {
        Workspace ws = new Workspace(dir).file(MODULE_FILE, MODULE).request("payments", "pay", "things@1.0.0", "size: 1");
        setUp.accept(ws);
        List<Diagnostic> errors = diagnose().errors();
        assertTrue(errors.stream().anyMatch(d -> d.summary().equals(summary)),
                reason + ": expected \"" + summary + "\" among " + errors);
        Diagnostic d = errors.stream().filter(x -> x.summary().equals(summary)).findFirst().orElseThrow();
        assertTrue(d.subject().isPresent(), reason + ": no position in " + d);
        assertEquals(file, d.subject().get().file(), reason);
        assertEquals(line, d.subject().get().start().line(), reason + ": " + d);
    }

    /** Loads and plans like platctl plan does, collecting every diagnostic. */
    private Diagnostics diagnose() {
        Diagnostics d = new Diagnostics();
        Optional<Configuration> cfg = ConfigLoader.load(dir, d);
        if (cfg.isEmpty()) return d;
        Engine engine = new Engine(new Providers(List.of(new FakeProvider())), new InMemoryStateStore(), Clock.systemUTC(), 2);
        try (StackLocks locks = engine.lock(engine.stacks(cfg), new LockInfo("t", "plan", "t", "h", 1, Instant.EPOCH), Duration.ZERO)) {
            engine.plan(cfg.get(), locks, PlanOptions.normal(), d);
        }
        return d;
    }
}
