package dev.platctl.providers.kubernetes;

import dev.platctl.engine.value.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.platctl.providers.kubernetes.Fixture.list;
import static dev.platctl.providers.kubernetes.Fixture.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What part of a live object counts as what platctl manages. */
class ProjectionTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("fields the server added are left out",
                        obj("spec", obj("replicas", 2)),
                        Map.of("spec", Map.of("replicas", 2, "strategy", Map.of("type", "RollingUpdate")), "status", Map.of()),
                        obj("spec", obj("replicas", 2))),
                Arguments.of("a value someone changed shows their value",
                        obj("data", obj("a", "1")), Map.of("data", Map.of("a", "2", "b", "3")), obj("data", obj("a", "2"))),
                Arguments.of("a field someone removed is absent",
                        obj("data", obj("a", "1", "b", "2")), Map.of("data", Map.of("a", "1")), obj("data", obj("a", "1"))),
                Arguments.of("list items are projected one by one, defaults inside them left out",
                        obj("containers", list(obj("name", "app"))),
                        Map.of("containers", List.of(Map.of("name", "app", "imagePullPolicy", "IfNotPresent"))),
                        obj("containers", list(obj("name", "app")))),
                Arguments.of("items someone appended are shown whole",
                        obj("args", list("a")), Map.of("args", List.of("a", "b")), obj("args", list("a", "b"))),
                Arguments.of("numbers compare by value", obj("port", 80), Map.of("port", 80L), obj("port", 80)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void projectsTheLiveObjectThroughWhatWasApplied(String reason, Value applied, Map<String, Object> live, Value expected) {
        assertEquals(expected, Projection.project(applied, live), reason);
    }
}
