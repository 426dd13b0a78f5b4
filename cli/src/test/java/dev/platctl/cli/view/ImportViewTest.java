package dev.platctl.cli.view;

import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.importing.ImportResult;
import dev.platctl.engine.state.ResourceState;
import dev.platctl.engine.state.ResourceStatus;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ImportViewTest {
    final ImportResult imported = new ImportResult("payments", new ResourceState(ResourceAddress.parse("payments-db.random_password.db"),
            ResourceStatus.CREATED, new ObjectValue(Map.of("id", Value.of("none"), "length", Value.of(24),
            "result", Value.of("hunter2-hunter2-hunter2!").sensitive())), List.of(), "payments-db.random_password.db", "postgresql@1.2.0"),
            "hunter2-hunter2-hunter2!", true, 7);

    @Test
    void jsonLeavesSensitiveValuesOutAndMarksWhereTheyAre() {
        String json = ImportView.json(imported);
        assertEquals("""
                {
                  "address" : "payments-db.random_password.db",
                  "type" : "random_password",
                  "id" : "(sensitive value)",
                  "stack" : "payments",
                  "module" : "postgresql@1.2.0",
                  "serial" : 7,
                  "values" : {
                    "id" : "none",
                    "length" : 24,
                    "result" : null
                  },
                  "sensitive_values" : {
                    "result" : true
                  }
                }
                """, json);
    }

    @Test
    void humanOutputNeverShowsAnIdThatIsASecret() {
        String human = ImportView.human(imported, Ansi.OFF);
        assertFalse(human.contains("hunter2"), human);
        assertEquals("Imported random_password payments-db.random_password.db (id (sensitive value)) into stack payments.", human.lines().findFirst().orElseThrow());
    }
}
