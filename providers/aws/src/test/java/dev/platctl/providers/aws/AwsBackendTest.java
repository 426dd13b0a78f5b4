package dev.platctl.providers.aws;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the AWS tests pick their backend, with the Docker probe and the starters stood in for. */
class AwsBackendTest {
    final List<String> started = new ArrayList<>();
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    record Fake(AwsBackend.Kind kind, String endpoint) implements AwsBackend.Emulator {
        @Override
        public String version() {
            return "9.9";
        }

        @Override
        public String accountId() {
            return "000000000000";
        }

        @Override
        public void reset() {
        }
    }

    final Fake localStack = new Fake(AwsBackend.Kind.LOCALSTACK, "http://127.0.0.1:4566");
    final Fake moto = new Fake(AwsBackend.Kind.MOTO, "http://127.0.0.1:5000");

    Supplier<AwsBackend.Emulator> starts(Fake f) {
        return () -> {
            started.add(f.kind().name());
            return f;
        };
    }

    Supplier<AwsBackend.Emulator> fails(AwsBackend.Kind kind, String why) {
        return () -> {
            started.add(kind.name());
            throw new IllegalStateException(why);
        };
    }

    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void localStackIsChosenWhereDockerAnswersAndTheChoiceIsPrinted() {
        AwsBackend.Selection s = AwsBackend.select(null, () -> true, starts(localStack), starts(moto), out);
        assertSame(localStack, s.emulator());
        assertEquals(List.of("LOCALSTACK"), started, "moto is not started as well");
        assertEquals("AWS test backend: LocalStack 9.9 at http://127.0.0.1:4566 (a Docker daemon is available)\n", printed());
    }

    @Test
    void motoIsChosenWithoutDocker() {
        AwsBackend.Selection s = AwsBackend.select("", () -> false, starts(localStack), starts(moto), out);
        assertSame(moto, s.emulator());
        assertEquals(List.of("MOTO"), started);
        assertEquals("AWS test backend: moto 9.9 at http://127.0.0.1:5000 (no Docker daemon for LocalStack)\n", printed());
    }

    @Test
    void motoForcedIsUsedEvenWhereDockerAnswers() {
        AwsBackend.Selection s = AwsBackend.select(" MOTO ", () -> true, starts(localStack), starts(moto), out);
        assertSame(moto, s.emulator());
        assertEquals(List.of("MOTO"), started);
        assertTrue(printed().endsWith("(PLATCTL_AWS_BACKEND=moto)\n"), printed());
    }

    @Test
    void localStackForcedWithoutDockerFailsRatherThanFallingBack() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AwsBackend.select("localstack", () -> false, starts(localStack), starts(moto), out));
        assertEquals("cannot start LocalStack for the AWS tests: PLATCTL_AWS_BACKEND=localstack, but no Docker daemon answers;"
                + " start Docker, or unset PLATCTL_AWS_BACKEND to use moto", e.getMessage());
        assertEquals(List.of(), started);
    }

    @Test
    void localStackForcedThatDoesNotStartFailsWithItsReason() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AwsBackend.select("localstack", () -> true, fails(AwsBackend.Kind.LOCALSTACK, "image not found"), starts(moto), out));
        assertEquals("cannot start LocalStack for the AWS tests: image not found", e.getMessage());
        assertEquals(List.of("LOCALSTACK"), started, "a forced backend never falls back");
    }

    @Test
    void localStackThatDoesNotStartFallsBackToMotoAndSaysWhy() {
        AwsBackend.Selection s = AwsBackend.select(null, () -> true, fails(AwsBackend.Kind.LOCALSTACK, "pull timed out"), starts(moto), out);
        assertSame(moto, s.emulator());
        assertEquals(List.of("LOCALSTACK", "MOTO"), started);
        assertEquals("AWS test backend: LocalStack did not start (pull timed out); using moto\n"
                + "AWS test backend: moto 9.9 at http://127.0.0.1:5000 (LocalStack did not start: pull timed out)\n", printed());
    }

    @Test
    void neitherStartingFailsWithBothReasons() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AwsBackend.select(null, () -> true,
                fails(AwsBackend.Kind.LOCALSTACK, "pull timed out"), fails(AwsBackend.Kind.MOTO, "python3 not found"), out));
        assertEquals("cannot start an AWS emulator for the tests: LocalStack: pull timed out; moto: python3 not found", e.getMessage());
        IllegalStateException noDocker = assertThrows(IllegalStateException.class, () -> AwsBackend.select(null, () -> false,
                starts(localStack), fails(AwsBackend.Kind.MOTO, "python3 not found"), out));
        assertEquals("cannot start moto for the AWS tests: python3 not found", noDocker.getMessage());
    }

    @Test
    void anUnknownSettingIsAnErrorNamingTheChoices() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AwsBackend.select("docker", () -> true, starts(localStack), starts(moto), out));
        assertEquals("cannot choose the AWS test backend: PLATCTL_AWS_BACKEND must be moto or localstack (or unset, to use"
                + " LocalStack where Docker is), got \"docker\"", e.getMessage());
        assertEquals(List.of(), started);
    }

    @Test
    void aMotoOnlyTestRunsOnTheBackendWhenItIsMoto() {
        assertSame(moto, AwsBackend.motoFor(moto, "needs RDS", starts(moto), out));
        assertEquals(List.of(), started, "no second moto");
        assertEquals("", printed());
    }

    @Test
    void aMotoOnlyTestGetsAMotoOfItsOwnBesideLocalStackRatherThanBeingSkipped() {
        assertSame(moto, AwsBackend.motoFor(localStack, "needs RDS", starts(moto), out));
        assertEquals(List.of("MOTO"), started);
        assertEquals("AWS test backend for tests that need moto: moto 9.9 at http://127.0.0.1:5000 (needs RDS; the backend is"
                + " LocalStack)\n", printed());
    }

    @Test
    void aMotoThatDoesNotStartFailsTheMotoOnlyTest() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AwsBackend.motoFor(localStack, "needs RDS", fails(AwsBackend.Kind.MOTO, "no python3"), out));
        assertEquals("cannot start moto for the AWS tests: no python3", e.getMessage());
    }
}
