package dev.platctl.state.postgres;

import java.util.regex.Pattern;

/** The schema that holds platctl's state and the qualified names of its tables. */
record Tables(String schema) {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    Tables {
        if (!NAME.matcher(schema).matches())
            throw new IllegalArgumentException("schema must be a lower-case SQL name (letters, digits, _; at most 63),"
                    + " got '" + schema + "'");
    }

    String quotedSchema() {
        return "\"" + schema + "\"";
    }

    String stacks() {
        return quotedSchema() + ".stacks";
    }

    String resources() {
        return quotedSchema() + ".resources";
    }

    String history() {
        return quotedSchema() + ".history";
    }

    String locks() {
        return quotedSchema() + ".locks";
    }

    String schemaVersion() {
        return quotedSchema() + ".platctl_schema_version";
    }

    /** The advisory lock of one stack. */
    AdvisoryKey stackLock(String stack) {
        return AdvisoryKey.of(schema, "stack:" + stack);
    }

    /** The advisory lock that serializes schema migrations. */
    AdvisoryKey migrationLock() {
        return AdvisoryKey.of(schema, "migration");
    }
}
