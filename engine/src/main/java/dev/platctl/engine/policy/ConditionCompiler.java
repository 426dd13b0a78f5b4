package dev.platctl.engine.policy;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourcePos;
import dev.platctl.engine.diag.SourceRange;

import java.util.Optional;

/**
 * The CEL environment of policy rules: the variables {@code object}, {@code action}, {@code type},
 * {@code request} and {@code module}, the standard functions and macros ({@code has}, {@code all},
 * {@code exists}, {@code exists_one}, {@code map}, {@code filter}) and the strings extension. Compile
 * errors become diagnostics at their line and column in the policy file. One instance serves one thread.
 */
public final class ConditionCompiler {
    private Cel cel;

    /** The CEL environment, built on first use: a workspace without policies never pays for it. */
    private Cel cel() {
        if (cel == null) cel = build();
        return cel;
    }

    private static Cel build() {
        CelOptions options = CelOptions.current().enableUnknownTracking(true).enableHeterogeneousNumericComparisons(true).build();
        MapType dynMap = MapType.create(SimpleType.STRING, SimpleType.DYN);
        return CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings())
                .addRuntimeLibraries(CelExtensions.strings())
                .addVar("object", dynMap)
                .addVar("request", dynMap)
                .addVar("module", dynMap)
                .addVar("action", SimpleType.STRING)
                .addVar("type", SimpleType.STRING)
                .addVar("allow_destroy", SimpleType.BOOL)
                .setResultType(SimpleType.BOOL)
                .build();
    }

    /**
     * Compiles {@code text}, whose first character is at {@code contentStart} of {@code range}'s file;
     * errors are added to {@code diags} at the position CEL reports, and the result is then empty.
     */
    public Optional<Condition> compile(String text, SourceRange range, SourcePos contentStart, Diagnostics diags) {
        try {
            Cel c = cel();
            return Optional.of(new Condition(text, range, c.createProgram(c.compile(text).getAst())));
        } catch (CelValidationException e) {
            for (CelIssue issue : e.getErrors())
                diags.error("Invalid condition", "CEL: " + issue.getMessage() + ".",
                        at(range.file(), contentStart, issue.getSourceLocation().getLine(), issue.getSourceLocation().getColumn()));
            return Optional.empty();
        } catch (CelEvaluationException e) {
            diags.error("Invalid condition", "CEL: " + Condition.message(e) + ".", range);
            return Optional.empty();
        }
    }

    /** CEL's 1-based line and 0-based column, moved to where the text starts in the file (lines after the first are a heredoc's). */
    static SourceRange at(String file, SourcePos contentStart, int celLine, int celColumn) {
        int line = Math.max(1, celLine);
        int column = Math.max(0, celColumn);
        SourcePos p = new SourcePos(contentStart.line() + line - 1, contentStart.column() + column,
                line == 1 ? contentStart.offset() + column : contentStart.offset());
        return new SourceRange(file, p, p);
    }
}
