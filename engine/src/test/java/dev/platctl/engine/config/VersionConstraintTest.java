package dev.platctl.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Version ranges follow npm's grammar and rules (but for a bare partial version, which is refused), and versions sort as semver 2.0.0 says. */
class VersionConstraintTest {
    static Stream<Arguments> ranges() {
        return Stream.of(
                Arguments.of("^0 is every 0.x, as npm's <1.0.0", "^0", "0.5.1", true),
                Arguments.of("^0 stops below 1.0.0", "^0", "1.0.0", false),
                Arguments.of("~1 is every 1.x, as npm's <2.0.0", "~1", "1.4.0", true),
                Arguments.of("~1 stops below 2.0.0", "~1", "2.0.0", false),
                Arguments.of("^1 is every 1.x", "^1", "1.9.3", true),
                Arguments.of("^1.2 takes a later minor", "^1.2", "1.7.0", true),
                Arguments.of("^1.2 takes nothing before 1.2.0", "^1.2", "1.1.9", false),
                Arguments.of("^1.2 stops below the next major", "^1.2", "2.0.0", false),
                Arguments.of("^0.2 is 0.2.x: in 0.x the minor version breaks", "^0.2", "0.2.9", true),
                Arguments.of("^0.2 does not take 0.3.0", "^0.2", "0.3.0", false),
                Arguments.of("^0.0 is 0.0.x", "^0.0", "0.0.7", true),
                Arguments.of("^0.0.3 is exactly 0.0.3", "^0.0.3", "0.0.3", true),
                Arguments.of("^0.0.3 does not take 0.0.4", "^0.0.3", "0.0.4", false),
                Arguments.of("~1.2 is 1.2.x", "~1.2", "1.2.5", true),
                Arguments.of("~1.2 does not take 1.3.0", "~1.2", "1.3.0", false),
                Arguments.of("~1.2.3 starts at 1.2.3", "~1.2.3", "1.2.2", false),
                Arguments.of("a caret range takes no pre-release of a later version", "^1.2", "1.3.0-rc.1", false),
                Arguments.of("a tilde range takes no pre-release either", "~1.3", "1.3.1-beta", false),
                Arguments.of("any version takes no pre-release", "*", "2.0.0-rc.1", false),
                Arguments.of("a range from a pre-release takes a later pre-release of the same version", "^1.3.0-rc.1", "1.3.0-rc.2", true),
                Arguments.of("... and the release", "^1.3.0-rc.1", "1.3.0", true),
                Arguments.of("... and later releases", "^1.3.0-rc.1", "1.4.0", true),
                Arguments.of("... but not a pre-release of another version", "^1.3.0-rc.1", "1.4.0-rc.1", false),
                Arguments.of("... nor an earlier pre-release", "^1.3.0-rc.2", "1.3.0-rc.1", false),
                Arguments.of("an exact pre-release takes that one", "1.3.0-rc.1", "1.3.0-rc.1", true),
                Arguments.of("an exact version takes no other", "1.2.0", "1.2.1", false),
                Arguments.of("1.x is every 1.x", "1.x", "1.9.0", true),
                Arguments.of("1.x stops below 2.0.0", "1.x", "2.0.0", false),
                Arguments.of("1.* is 1.x", "1.*", "1.0.0", true),
                Arguments.of("1.2.X is 1.2.x", "1.2.X", "1.2.7", true),
                Arguments.of("1.2.x does not take 1.3.0", "1.2.x", "1.3.0", false),
                Arguments.of("an X-range takes no pre-release", "1.x", "1.4.0-rc.1", false),
                Arguments.of("^1.x is ^1", "^1.x", "1.5.0", true),
                Arguments.of("~1.2.x is ~1.2", "~1.2.x", "1.3.0", false),
                Arguments.of("a comparator set: every comparator holds", ">=1.2 <2", "1.9.9", true),
                Arguments.of("... and not one fails", ">=1.2 <2", "2.0.0", false),
                Arguments.of("... nor the lower one", ">=1.2 <2", "1.1.0", false),
                Arguments.of("<2 keeps out 2.0.0's pre-releases", ">=1.2 <2", "2.0.0-rc.1", false),
                Arguments.of("a space after the operator is allowed", ">= 1.2.0 < 1.5.0", "1.4.0", true),
                Arguments.of(">1.2 is >=1.3.0", ">1.2", "1.2.9", false),
                Arguments.of(">1.2 takes 1.3.0", ">1.2", "1.3.0", true),
                Arguments.of(">1.2 takes no pre-release of 1.3.0", ">1.2", "1.3.0-rc.1", false),
                Arguments.of("<=1.2 is <1.3.0", "<=1.2", "1.2.9", true),
                Arguments.of("<=1.2 does not take 1.3.0", "<=1.2", "1.3.0", false),
                Arguments.of(">1.2.3 is strictly greater", ">1.2.3", "1.2.3", false),
                Arguments.of("a hyphen range includes its full end", "1.2.0 - 1.4.0", "1.4.0", true),
                Arguments.of("a hyphen range with a partial end stops below the next", "1.2 - 1.4", "1.4.9", true),
                Arguments.of("... and takes nothing past it", "1.2 - 1.4", "1.5.0", false),
                Arguments.of("a hyphen range starts at its start", "1.2.3 - 2", "1.2.2", false),
                Arguments.of("|| takes what either range takes", "^1.2 || ^3.0", "3.1.0", true),
                Arguments.of("... and nothing between", "^1.2 || ^3.0", "2.0.0", false),
                Arguments.of("a pre-release named in one set is taken by that set", "^1.2 || 2.0.0-rc.1", "2.0.0-rc.1", true),
                Arguments.of("build metadata is ignored by an exact version", "1.2.0", "1.2.0+build.7", true),
                Arguments.of("... and in a range's bound", "^1.2.0+b", "1.2.0+other", true),
                Arguments.of("... and a version with build metadata sorts as the version", ">1.2.0", "1.2.0+z", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ranges")
    void rangesAcceptWhatNpmWould(String reason, String range, String version, boolean accepted) {
        VersionConstraint c = VersionConstraint.parse(range).orElseThrow(() -> new AssertionError(reason + ": " + range + " does not parse"));
        assertEquals(accepted, c.accepts(SemVer.parse(version).orElseThrow()), reason);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("an exact version without its patch is no version, not 1.2.0 (npm would read 1.2.x)", "1.2",
                        "\"1.2\" is no version: a version is written in full (1.2.0), a range with an x or an operator (1.2.x, ^1.2, ~1.2)"),
                Arguments.of("nor is a lone major version", "1", "\"1\" is no version: a version is written in full (1.0.0)"),
                Arguments.of("= names one version, written in full", "=1.2", "\"=1.2\" names no version: write it in full, =1.2.0"),
                Arguments.of("a pre-release needs the whole version", "^1.2-rc.1", "\"^1.2-rc.1\": \"1.2-rc.1\" is no version"),
                Arguments.of("a leading zero", "^01.2", "\"01.2\" is no version"),
                Arguments.of("an empty pre-release identifier", "1.2.0-rc..1", "a pre-release or build identifier is malformed"),
                Arguments.of("a number with a leading zero as a pre-release identifier", "1.2.0-rc.01", "a pre-release or build identifier is malformed"),
                Arguments.of("a word", "latest", "\"latest\" is no version"),
                Arguments.of("a single |", "^1.2 | ^2.0", "\"|\" is no version"),
                Arguments.of("two hyphens", "1.0.0 - 1.2.0 - 1.4.0", "has more than one \" - \""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void partialOrMalformedVersionsAreRefusedNamingWhatIsWrong(String reason, String text, String problem) {
        assertTrue(VersionConstraint.parse(text).isEmpty(), reason);
        String said = VersionConstraint.problem(text).orElseThrow(() -> new AssertionError(reason + ": no problem"));
        assertTrue(said.contains(problem) && said.contains("write a version (1.2.0) or a range: ^1.2"), reason + ": " + said);
    }

    static Stream<Arguments> bounds() {
        return Stream.of(
                Arguments.of("no version takes every future major version", "*", false),
                Arguments.of("nor does an X", "x", false),
                Arguments.of("a lower bound only", ">=1.2", false),
                Arguments.of("one unbounded set of two", "^1.2 || >=3", false),
                Arguments.of("a caret range stops below the next major", "^1.2", true),
                Arguments.of("an exact version", "1.2.0", true),
                Arguments.of("an upper bound", ">=1.2 <3", true),
                Arguments.of("an X-range", "1.x", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounds")
    void aRangeIsBoundedWhenEverySetHasAnUpperBound(String reason, String range, boolean bounded) {
        assertEquals(bounded, VersionConstraint.parse(range).orElseThrow().isBounded(), reason);
    }

    @Test
    void buildMetadataIsKeptButHasNoPrecedence() {
        SemVer a = SemVer.parse("1.2.0+a").orElseThrow(), b = SemVer.parse("1.2.0+b.7").orElseThrow();
        assertEquals("1.2.0+b.7", b.toString(), "kept in the version's text");
        assertEquals(0, a.compareTo(b), "semver 2.0.0, section 10: build metadata does not order versions");
        assertTrue(a.samePrecedence(b) && !a.equals(b));
        assertTrue(SemVer.parse("1.2.0-rc.1+b").orElseThrow().compareTo(SemVer.parse("1.2.0").orElseThrow()) < 0, "the pre-release still does");
        assertTrue(SemVer.parse("1.2.0+b..c").isEmpty(), "an empty build identifier");
    }

    @Test
    void preReleasesSortByTheirIdentifiersNumbersNumerically() {
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
                "1.0.0-rc.1", "1.0.0-rc.9", "1.0.0-rc.10", "1.0.0", "1.0.1", "1.10.0");
        List<SemVer> shuffled = new ArrayList<>(ordered.stream().map(v -> SemVer.parse(v).orElseThrow()).toList());
        Collections.reverse(shuffled);
        Collections.sort(shuffled);
        assertEquals(ordered, shuffled.stream().map(SemVer::toString).toList(), "semver 2.0.0, section 11");
    }

    @Test
    void theRangeWrittenForAVersionTakesItAndWhatIsCompatibleWithIt() {
        assertEquals("^1.2", VersionConstraint.rangeOf(SemVer.parse("1.2.0").orElseThrow()));
        assertEquals("^0.2", VersionConstraint.rangeOf(SemVer.parse("0.2.3").orElseThrow()));
        assertEquals("^0.0.3", VersionConstraint.rangeOf(SemVer.parse("0.0.3").orElseThrow()));
        assertEquals("1.3.0-rc.1", VersionConstraint.rangeOf(SemVer.parse("1.3.0-rc.1").orElseThrow()), "a pre-release is pinned");
        for (String v : List.of("1.2.0", "0.2.3", "0.0.3", "1.3.0-rc.1")) {
            SemVer version = SemVer.parse(v).orElseThrow();
            assertTrue(VersionConstraint.parse(VersionConstraint.rangeOf(version)).orElseThrow().accepts(version), v + " is in its own range");
        }
    }

    @Test
    void theNewestAcceptedIsPicked() {
        List<SemVer> versions = List.of("1.2.0", "1.4.0", "1.5.0-rc.1", "2.0.0").stream().map(v -> SemVer.parse(v).orElseThrow()).toList();
        assertEquals("1.4.0", VersionConstraint.parse("^1.2").orElseThrow().newest(versions, v -> v).orElseThrow().toString());
        assertTrue(VersionConstraint.parse("^3").orElseThrow().newest(versions, v -> v).isEmpty());
    }
}
