package dev.platctl.cli;

import dev.platctl.cli.view.Ansi;
import dev.platctl.engine.address.ResourceAddress;
import dev.platctl.engine.plan.Action;
import dev.platctl.engine.plan.ChangeReason;
import dev.platctl.engine.plan.ResourceChange;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.Value;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApplyProgressTest {
    @Test
    void aRetryIsOneLineWithTheWaitTheAttemptAndTheProvidersWords() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResourceChange c = new ResourceChange("orders", ResourceAddress.parse("fulfilment.aws_sqs_queue.this"), "queue@1.0.0",
                Action.CREATE, Value.NULL, ObjectValue.EMPTY, Set.of(), ChangeReason.NOT_IN_STATE, List.of());
        try (ApplyProgress p = new ApplyProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), Ansi.OFF,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))) {
            p.retrying(c, "create", 2, 4, Duration.ofMillis(1500), "Throttling: Rate exceeded (status 400)");
        }
        assertEquals("fulfilment.aws_sqs_queue.this: retrying create in 1.5s (attempt 2/4): Throttling: Rate exceeded (status 400)\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
