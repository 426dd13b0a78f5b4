package dev.platctl.engine.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class YamlReaderExplainTest {
    @Test
    void explainKeepsTheTokenSnakeYamlNamesBare() {
        String snake = """
                while parsing a flow sequence
                 in 'reader', line 1, column 4:
                    a: [1, 2
                       ^
                expected ',' or ']', but got :
                 in 'reader', line 2, column 2:
                    b: 3
                     ^
                """;
        assertEquals("while parsing a flow sequence; expected ',' or ']', but got ':'", YamlReader.explain(snake));
    }

    @Test
    void explainLeavesQuotedAndBracketedTokensAlone() {
        assertEquals("while parsing a block collection; expected <block end>, but found '?'",
                YamlReader.explain("while parsing a block collection\n in 'reader', line 1, column 1:\n    - a\n    ^\n"
                        + "expected <block end>, but found '?'\n in 'reader', line 2, column 1:\n    b: c\n    ^\n"));
        assertEquals("mapping values are not allowed here", YamlReader.explain("mapping values are not allowed here\n in 'reader', line 1, column 5:\n    a: b: c\n        ^\n"));
    }
}
