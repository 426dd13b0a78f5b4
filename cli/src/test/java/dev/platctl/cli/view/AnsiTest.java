package dev.platctl.cli.view;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnsiTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a terminal gets colour", true, false, Map.of(), true),
                Arguments.of("a pipe or file gets none", false, false, Map.of(), false),
                Arguments.of("--no-color wins", true, true, Map.of(), false),
                Arguments.of("NO_COLOR set turns it off", true, false, Map.of("NO_COLOR", "1"), false),
                Arguments.of("an empty NO_COLOR is ignored (no-color.org)", true, false, Map.of("NO_COLOR", ""), true),
                Arguments.of("a dumb terminal gets none", true, false, Map.of("TERM", "dumb"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void colourOnlyOnATerminalWithoutOptOut(String reason, boolean tty, boolean flag, Map<String, String> env,
                                            boolean expected) {
        assertEquals(expected, Ansi.wanted(tty, flag, env), reason);
    }

    @Test
    void offReturnsTextUnchangedAndOnWrapsIt() {
        assertEquals("x", Ansi.OFF.red("x"));
        assertEquals("\u001b[32mx\u001b[0m", Ansi.ON.green("x"));
        assertEquals("", Ansi.ON.bold(""));
    }
}
