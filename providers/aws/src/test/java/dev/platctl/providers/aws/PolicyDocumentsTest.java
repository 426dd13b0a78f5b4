package dev.platctl.providers.aws;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyDocumentsTest {
    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("key order and white space", "{\"a\":1,\"b\":\"x\"}", "{ \"b\": \"x\",\n \"a\": 1 }", true),
                Arguments.of("a single item with or without its list", "{\"Action\":\"s3:GetObject\"}", "{\"Action\":[\"s3:GetObject\"]}", true),
                Arguments.of("the order of list items", "{\"Action\":[\"a\",\"b\"]}", "{\"Action\":[\"b\",\"a\"]}", true),
                Arguments.of("a number written as a string", "{\"n\":5}", "{\"n\":\"5\"}", true),
                Arguments.of("a different principal", "{\"Principal\":{\"Service\":\"ec2.amazonaws.com\"}}",
                        "{\"Principal\":{\"Service\":\"lambda.amazonaws.com\"}}", false),
                Arguments.of("an extra action", "{\"Action\":[\"a\"]}", "{\"Action\":[\"a\",\"b\"]}", false),
                Arguments.of("text that is not JSON", "{\"a\":1}", "{a:1", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void equivalenceIsByMeaning(String reason, String a, String b, boolean equivalent) {
        assertEquals(equivalent, PolicyDocuments.equivalent(a, b), reason);
    }

    @Test
    void decodesTheUrlEncodingIamReturnsAndLeavesPlainJsonAlone() {
        assertEquals("{\"a\":\"b c\"}", PolicyDocuments.decode("%7B%22a%22%3A%22b%20c%22%7D"));
        assertEquals("{\"a\":\"b+c\"}", PolicyDocuments.decode("{\"a\":\"b+c\"}"));
    }

    @Test
    void problemNamesWhatIsWrong() {
        assertTrue(PolicyDocuments.problem("[1]").orElseThrow().contains("not a JSON object"));
        assertTrue(PolicyDocuments.problem("{\"Version\":\"2012-10-17\"}").isEmpty());
    }
}
