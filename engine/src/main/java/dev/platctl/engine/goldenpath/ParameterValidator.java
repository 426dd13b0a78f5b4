package dev.platctl.engine.goldenpath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.platctl.engine.PlatctlException;
import dev.platctl.engine.diag.Diagnostic;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.ValueJson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks parameter values against a template's JSON Schema (draft 2020-12) and turns every violation into
 * a diagnostic that names the field and the rule it breaks.
 */
public final class ParameterValidator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ParameterValidator() {
    }

    /** Every violation, ordered by field; empty when the values are valid. */
    public static List<Diagnostic> validate(Template template, ObjectValue values) {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(json(template.schema()), InputFormat.JSON);
        List<Error> errors = new ArrayList<>(schema.validate(json(values), InputFormat.JSON));
        errors.sort(Comparator.comparing(ParameterValidator::field).thenComparing(e -> String.valueOf(e.getKeyword())));
        List<Diagnostic> out = new ArrayList<>();
        for (Error e : errors) {
            String field = field(e);
            out.add(Diagnostic.error("Invalid parameter \"" + field + "\"",
                    "golden path " + template.name() + "@" + template.version() + ": " + field + " breaks rule \""
                            + e.getKeyword() + "\": " + message(e)));
        }
        return out;
    }

    /** The parameter a violation is about: the missing property for {@code required}, else the instance's path. */
    static String field(Error e) {
        if ("required".equals(e.getKeyword()) && e.getProperty() != null) return e.getProperty();
        String path = String.valueOf(e.getInstanceLocation());
        if (path.startsWith("$")) path = path.substring(1);
        if (path.startsWith("/") || path.startsWith(".")) path = path.substring(1);
        path = path.replace('/', '.');
        return path.isEmpty() ? "(parameters)" : path;
    }

    private static String message(Error e) {
        String m = e.getMessage();
        String loc = String.valueOf(e.getInstanceLocation());
        if (m.startsWith(loc + ": ")) m = m.substring(loc.length() + 2);
        if (e.getInstanceNode() != null && !"required".equals(e.getKeyword()) && !"additionalProperties".equals(e.getKeyword()))
            m = m + " (got " + e.getInstanceNode() + ")";
        return m + ".";
    }

    private static String json(ObjectValue v) {
        try {
            return JSON.writeValueAsString(ValueJson.toJson(v));
        } catch (JsonProcessingException e) {
            throw new PlatctlException("cannot encode parameters as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
