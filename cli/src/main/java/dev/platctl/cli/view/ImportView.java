package dev.platctl.cli.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platctl.engine.importing.ImportResult;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.value.ValueJson;

/** What {@code platctl import} prints: one line and a hint for people, or an object for machines (sensitive values left out). */
public final class ImportView {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ImportView() {
    }

    public static String human(ImportResult r, Ansi ansi) {
        ResourceState s = r.state();
        return ansi.green(ansi.bold("Imported " + s.type() + " " + s.address())) + " (id " + shownId(r) + ") into stack " + r.stack() + ".\n"
                + "\nIt is in state now and platctl manages it. Run `platctl plan` to see how it differs from the configuration;"
                + "\nthe next apply makes it match.\n";
    }

    private static String shownId(ImportResult r) {
        return r.idSensitive() ? ValueFormatter.SENSITIVE : r.id();
    }

    /** {@code values} holds what was recorded with sensitive values as null; {@code sensitive_values} marks where they are. */
    public static String json(ImportResult r) {
        ResourceState s = r.state();
        ObjectNode n = JSON.createObjectNode();
        n.put("address", s.address().toString());
        n.put("type", s.type());
        n.put("id", shownId(r));
        n.put("stack", r.stack());
        n.put("module", s.module());
        n.put("serial", r.serial());
        n.set("values", PlanJson.redacted(s.attributes()));
        n.set("sensitive_values", ValueJson.sensitiveTree(s.attributes()).isBoolean() ? JSON.createObjectNode()
                : ValueJson.sensitiveTree(s.attributes()));
        try {
            return JSON.writeValueAsString(n) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the import result as JSON", e);
        }
    }
}
