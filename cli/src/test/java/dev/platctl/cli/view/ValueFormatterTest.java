package dev.platctl.cli.view;

import dev.platctl.engine.value.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.stream.Stream;

import static dev.platctl.cli.view.Plans.list;
import static dev.platctl.cli.view.Plans.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ValueFormatterTest {

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("strings are quoted", Value.of("out/x.conf"), "\"out/x.conf\""),
                Arguments.of("quotes and backslashes are escaped", Value.of("a\"b\\c"), "\"a\\\"b\\\\c\""),
                Arguments.of("control characters are escaped", Value.of("a\nb\tc\u0001"), "\"a\\nb\\tc\\u0001\""),
                Arguments.of("unicode stays readable", Value.of("café ✓"), "\"café ✓\""),
                Arguments.of("numbers are plain", Value.of(new BigDecimal("1.50")), "1.5"),
                Arguments.of("large numbers have no exponent", Value.of(new BigDecimal("1E+6")), "1000000"),
                Arguments.of("bools", Value.TRUE, "true"),
                Arguments.of("null", Value.NULL, "null"),
                Arguments.of("unknown", Value.UNKNOWN, "(known after apply)"),
                Arguments.of("sensitive hides the value", Value.of("pw").sensitive(), "(sensitive value)"),
                Arguments.of("lists", list("a", 1, true), "[\"a\", 1, true]"),
                Arguments.of("empty list", list(), "[]"),
                Arguments.of("objects, sorted keys, quoted when not identifiers",
                        obj("b", 1, "a.b", "x"), "{ \"a.b\" = \"x\", b = 1 }"),
                Arguments.of("empty object", obj(), "{}"),
                Arguments.of("sensitive inside containers", list(obj("pw", Value.of("s").sensitive())),
                        "[{ pw = (sensitive value) }]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void rendersHclStyle(String reason, Value value, String expected) {
        assertEquals(expected, ValueFormatter.inline(value), reason);
    }
}
