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
                Arguments.of("numbers compare by value", obj("port", 80), Map.of("port", 80L), obj("port", 80)),
                Arguments.of("an item another manager added to a keyed list is theirs and left out",
                        obj("env", list(obj("name", "A", "value", "1"))),
                        managed(Map.of("env", List.of(Map.of("name", "A", "value", "1"), Map.of("name", "B", "value", "2"))),
                                Map.of("f:env", Map.of("k:{\"name\":\"A\"}", Map.of("f:value", Map.of()))),
                                Map.of("f:env", Map.of("k:{\"name\":\"B\"}", Map.of("f:value", Map.of())))),
                        obj("env", list(obj("name", "A", "value", "1")))),
                Arguments.of("keyed items are matched by key, not position, and keep the live value",
                        obj("env", list(obj("name", "A", "value", "1"))),
                        managed(Map.of("env", List.of(Map.of("name", "B", "value", "2"), Map.of("name", "A", "value", "changed"))),
                                Map.of("f:env", Map.of("k:{\"name\":\"A\"}", Map.of())),
                                Map.of("f:env", Map.of("k:{\"name\":\"B\"}", Map.of(), "k:{\"name\":\"A\"}", Map.of("f:value", Map.of())))),
                        obj("env", list(obj("name", "A", "value", "changed")))),
                Arguments.of("a keyed item platctl applied and someone removed is absent",
                        obj("env", list(obj("name", "A", "value", "1"), obj("name", "C", "value", "3"))),
                        managed(Map.of("env", List.of(Map.of("name", "B", "value", "2"), Map.of("name", "C", "value", "3"))),
                                Map.of("f:env", Map.of("k:{\"name\":\"C\"}", Map.of())),
                                Map.of("f:env", Map.of("k:{\"name\":\"B\"}", Map.of()))),
                        obj("env", list(obj("name", "C", "value", "3")))),
                Arguments.of("a port is matched by the keys it sets, the protocol the server defaulted left out of the match",
                        obj("ports", list(obj("containerPort", 80))),
                        managed(Map.of("ports", List.of(Map.of("containerPort", 9090, "protocol", "TCP"),
                                        Map.of("containerPort", 80, "protocol", "TCP"))),
                                Map.of("f:ports", Map.of("k:{\"containerPort\":80,\"protocol\":\"TCP\"}", Map.of())),
                                Map.of("f:ports", Map.of("k:{\"containerPort\":9090,\"protocol\":\"TCP\"}", Map.of()))),
                        obj("ports", list(obj("containerPort", 80)))),
                Arguments.of("an applied item that agrees with two live items is matched to the one platctl owns",
                        obj("ports", list(obj("containerPort", 53, "name", "dns"))),
                        managed(Map.of("ports", List.of(Map.of("containerPort", 53, "protocol", "TCP", "name", "dns-tcp"),
                                        Map.of("containerPort", 53, "protocol", "UDP", "name", "dns"))),
                                Map.of("f:ports", Map.of("k:{\"containerPort\":53,\"protocol\":\"UDP\"}", Map.of("f:name", Map.of()))),
                                Map.of("f:ports", Map.of("k:{\"containerPort\":53,\"protocol\":\"TCP\"}", Map.of("f:name", Map.of())))),
                        obj("ports", list(obj("containerPort", 53, "name", "dns")))),
                Arguments.of("an item named by every key field is found by its key among many",
                        obj("env", list(obj("name", "C", "value", "3"), obj("name", "A", "value", "1"))),
                        managed(Map.of("env", List.of(Map.of("name", "A", "value", "1"), Map.of("name", "B", "value", "2"),
                                        Map.of("name", "C", "value", "changed"))),
                                Map.of("f:env", Map.of("k:{\"name\":\"A\"}", Map.of(), "k:{\"name\":\"C\"}", Map.of())),
                                Map.of("f:env", Map.of("k:{\"name\":\"B\"}", Map.of(), "k:{\"name\":\"C\"}", Map.of("f:value", Map.of())))),
                        obj("env", list(obj("name", "A", "value", "1"), obj("name", "C", "value", "changed")))),
                Arguments.of("a set item only another manager owns is theirs",
                        obj("finalizers", list("a")),
                        managed(Map.of("finalizers", List.of("a", "b")), Map.of("f:finalizers", Map.of("v:\"a\"", Map.of())),
                                Map.of("f:finalizers", Map.of("v:\"b\"", Map.of()))),
                        obj("finalizers", list("a"))),
                Arguments.of("an atomic list another manager replaced is shown whole: it is a change to platctl's field",
                        obj("args", list("a")),
                        managed(Map.of("args", List.of("x", "y")), Map.of(), Map.of("f:args", Map.of())),
                        obj("args", list("x", "y"))),
                Arguments.of("a quantity the server wrote canonically reads as applied",
                        obj("resources", obj("requests", obj("cpu", "0.5", "memory", "1024Mi"), "limits", obj("memory", "1Gi"))),
                        Map.of("resources", Map.of("requests", Map.of("cpu", "500m", "memory", "1Gi"), "limits", Map.of("memory", "1Gi"))),
                        obj("resources", obj("requests", obj("cpu", "0.5", "memory", "1024Mi"), "limits", obj("memory", "1Gi")))),
                Arguments.of("another quantity is a change",
                        obj("hard", obj("cpu", "0.5")), Map.of("hard", Map.of("cpu", "600m")), obj("hard", obj("cpu", "600m"))),
                Arguments.of("an autoscaler's target value and a quantity given as a number are quantities",
                        obj("target", obj("averageValue", "0.5", "value", "1k"), "sizeLimit", 1),
                        Map.of("target", Map.of("averageValue", "500m", "value", "1000"), "sizeLimit", "1"),
                        obj("target", obj("averageValue", "0.5", "value", "1k"), "sizeLimit", 1)),
                Arguments.of("a string that is no quantity's is compared as text",
                        obj("data", obj("cpu", "0.5")), Map.of("data", Map.of("cpu", "500m")), obj("data", obj("cpu", "500m"))));
    }

    /** The live object with a managedFields entry of platctl's and one of another manager's. */
    private static Map<String, Object> managed(Map<String, Object> object, Map<String, Object> platctl, Map<String, Object> other) {
        Map<String, Object> out = new java.util.HashMap<>(object);
        out.put("metadata", Map.of("managedFields", List.of(
                Map.of("manager", "platctl", "operation", "Apply", "fieldsType", "FieldsV1", "fieldsV1", platctl),
                Map.of("manager", "injector", "operation", "Apply", "fieldsType", "FieldsV1", "fieldsV1", other))));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void projectsTheLiveObjectThroughWhatWasApplied(String reason, Value applied, Map<String, Object> live, Value expected) {
        assertEquals(expected, Projection.project(applied, live), reason);
    }
}
