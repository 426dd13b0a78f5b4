package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourcePos;
import dev.platctl.engine.diag.SourceRange;

import java.util.List;

/**
 * Reads HCL native syntax (hashicorp/hcl {@code hclsyntax/spec.md}) into an unevaluated {@link Body}.
 * Never throws on bad input: every problem becomes a diagnostic with its position.
 */
public final class HclParser {
    /** The parsed body, as complete as the errors allowed, and the problems found. */
    public record ParseResult(Body body, Diagnostics diagnostics) {
    }

    private HclParser() {
    }

    public static ParseResult parse(String fileName, String text) {
        Diagnostics diags = new Diagnostics();
        String src = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try {
            List<Token> tokens = Lexer.tokenize(fileName, src, diags);
            Body body = new BodyParser(new TokenStream(fileName, tokens, diags)).parseFile();
            return new ParseResult(body, diags);
        } catch (RuntimeException e) {
            SourceRange start = new SourceRange(fileName, SourcePos.START, SourcePos.START);
            diags.error("Cannot parse file", "The parser failed on this file (" + e + "); please report this "
                    + "as a platctl bug together with the file.", start);
            return new ParseResult(new Body(List.of(), List.of(), start), diags);
        }
    }
}
