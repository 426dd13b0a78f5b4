package dev.platctl.engine.hcl;

import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.value.Value;

import java.util.List;
import java.util.Optional;

/**
 * The syntax tree of an HCL native-syntax expression, kept unevaluated so that platctl's own evaluator
 * can work with unknown values and report undefined references with their position.
 */
public sealed interface Expression {
    SourceRange range();

    /** {@code 1}, {@code "text"} without interpolation, {@code true}, {@code null}. */
    record Literal(Value value, SourceRange range) implements Expression {
    }

    /** {@code "a-${x}-b"} or a heredoc: parts are literals and interpolated expressions, concatenated. */
    record Template(List<Expression> parts, SourceRange range) implements Expression {
        public Template {
            parts = List.copyOf(parts);
        }
    }

    /** {@code "${x}"}: a template that is just one interpolation yields the value itself, unconverted. */
    record TemplateWrap(Expression wrapped, SourceRange range) implements Expression {
    }

    /** A reference to a variable: {@code input.storage_gb}, {@code local_file.config.path}. */
    record ScopeTraversal(Traversal traversal, SourceRange range) implements Expression {
    }

    /** Attribute or literal-index steps applied to the result of another expression: {@code f(x).a[0]}. */
    record RelativeTraversal(Expression source, List<Traverser> steps, SourceRange range) implements Expression {
        public RelativeTraversal {
            steps = List.copyOf(steps);
        }
    }

    /** {@code collection[key]} where the key is an expression. */
    record Index(Expression collection, Expression key, SourceRange range) implements Expression {
    }

    /** {@code upper(x)}; {@code expandFinal} is the {@code ...} after the last argument. */
    record FunctionCall(String name, List<Expression> args, boolean expandFinal, SourceRange nameRange,
                        SourceRange range) implements Expression {
        public FunctionCall {
            args = List.copyOf(args);
        }
    }

    /** {@code [a, b]} */
    record Tuple(List<Expression> items, SourceRange range) implements Expression {
        public Tuple {
            items = List.copyOf(items);
        }
    }

    /** {@code { key = value, "k" = v, (expr) = v }}; a bare identifier key is a literal string. */
    record ObjectCons(List<Item> items, SourceRange range) implements Expression {
        public ObjectCons {
            items = List.copyOf(items);
        }

        /** One {@code key = value} pair. */
        public record Item(Expression key, Expression value) {
        }
    }

    /** The binary operators, in HCL's precedence groups (higher binds tighter). */
    enum Operator {
        OR("||", 1), AND("&&", 2), EQUAL("==", 3), NOT_EQUAL("!=", 3), LESS("<", 4), LESS_EQ("<=", 4),
        GREATER(">", 4), GREATER_EQ(">=", 4), ADD("+", 5), SUBTRACT("-", 5), MULTIPLY("*", 6), DIVIDE("/", 6),
        MODULO("%", 6);

        public final String symbol;
        public final int precedence;

        Operator(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }
    }

    record BinaryOp(Operator op, Expression left, Expression right, SourceRange range) implements Expression {
    }

    /** {@code !x} or {@code -x}. */
    record UnaryOp(char op, Expression operand, SourceRange range) implements Expression {
    }

    /** {@code cond ? a : b} */
    record Conditional(Expression condition, Expression trueResult, Expression falseResult, SourceRange range)
            implements Expression {
    }

    /** {@code (expr)} kept so ranges and round-tripping stay exact. */
    record Parentheses(Expression inner, SourceRange range) implements Expression {
    }

    /**
     * {@code [for k, v in coll : value if cond]} or {@code {for k, v in coll : key => value... if cond}}.
     * {@code keyVar} is empty when only one variable is declared; {@code keyResult} is empty for tuples.
     */
    record For(Optional<String> keyVar, String valueVar, Expression collection, Optional<Expression> keyResult,
               Expression valueResult, Optional<Expression> condition, boolean grouping, SourceRange range)
            implements Expression {
    }

    /** {@code list[*].attr} / {@code list.*.attr}: {@code each} is evaluated per element against {@link #ITEM}. */
    record Splat(Expression source, Expression each, SourceRange range) implements Expression {
        /** The name the per-element expression uses for the current element. */
        public static final String ITEM = "__splat_item__";
    }
}
