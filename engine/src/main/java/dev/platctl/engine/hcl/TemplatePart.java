package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.SourceRange;

import java.util.Optional;

/** A piece of a template as written, before strip markers, heredoc indentation and directives are applied. */
sealed interface TemplatePart {
    SourceRange range();

    /** Literal text, still with its escapes; {@code text} is mutable so indentation and stripping can trim it. */
    final class Lit implements TemplatePart {
        String text;
        final Token token;
        final SourceRange range;

        Lit(String text, Token token, SourceRange range) {
            this.text = text;
            this.token = token;
            this.range = range;
        }

        @Override
        public SourceRange range() {
            return range;
        }
    }

    /** {@code ${expr}}, with its {@code ~} strip markers. */
    record Interp(Expression expr, boolean stripBefore, boolean stripAfter, SourceRange range) implements TemplatePart {
    }

    /** {@code %{if c}}, {@code %{else}}, {@code %{endif}}, {@code %{for k, v in c}}, {@code %{endfor}}. */
    record Directive(String keyword, Optional<Expression> expr, Optional<String> keyVar, String valueVar,
                     boolean stripBefore, boolean stripAfter, SourceRange range) implements TemplatePart {
    }
}
