package dev.platctl.engine.policy.gatekeeper;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a Gatekeeper CEL expression for platctl: {@code variables.NAME} becomes the variable's own
 * (rewritten) expression in parentheses, {@code variables.params} the constraint's parameters as a literal,
 * {@code variables.anyObject} {@code object}; names platctl has no equivalent of ({@code oldObject},
 * {@code request}, {@code namespaceObject}, {@code authorizer}, {@code params}) are collected as unsupported.
 * String literals are copied untouched.
 */
final class CelRewriter {
    private static final Set<String> UNSUPPORTED = Set.of("oldObject", "request", "namespaceObject", "authorizer", "params");

    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Set<String> unsupported = new LinkedHashSet<>();

    /** {@code parametersLiteral} is what {@code variables.params} stands for. */
    CelRewriter(String parametersLiteral) {
        variables.put("params", parametersLiteral);
        variables.put("anyObject", "object");
    }

    /** Defines a template variable; its expression may use the variables defined before it. */
    void define(String name, String expression) {
        variables.put(name, "(" + rewrite(expression) + ")");
    }

    /** What the expression uses that platctl cannot express, e.g. "oldObject", "variables.nope". */
    Set<String> unsupported() {
        return Set.copyOf(unsupported);
    }

    String rewrite(String cel) {
        StringBuilder out = new StringBuilder();
        int i = 0, n = cel.length();
        while (i < n) {
            char c = cel.charAt(i);
            if (c == '\'' || c == '"') {
                int end = stringEnd(cel, i);
                out.append(cel, i, end);
                i = end;
            } else if (Character.isJavaIdentifierStart(c) && (i == 0 || !isMemberDot(cel, i))) {
                int j = i;
                while (j < n && Character.isJavaIdentifierPart(cel.charAt(j))) j++;
                String ident = cel.substring(i, j);
                if (ident.equals("variables") && j < n && cel.charAt(j) == '.') {
                    int k = j + 1;
                    while (k < n && Character.isJavaIdentifierPart(cel.charAt(k))) k++;
                    String name = cel.substring(j + 1, k);
                    String value = variables.get(name);
                    if (value == null) unsupported.add("variables." + name);
                    out.append(value == null ? "variables." + name : value);
                    i = k;
                } else {
                    if (UNSUPPORTED.contains(ident) && !followedByParen(cel, j)) unsupported.add(ident);
                    out.append(ident);
                    i = j;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** True when the identifier at {@code i} follows a '.', i.e. it is a field or method name, not a variable. */
    private static boolean isMemberDot(String s, int i) {
        int k = i - 1;
        while (k >= 0 && Character.isWhitespace(s.charAt(k))) k--;
        return k >= 0 && s.charAt(k) == '.' && !(k > 0 && Character.isDigit(s.charAt(k - 1)));
    }

    private static boolean followedByParen(String s, int j) {
        while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
        return j < s.length() && s.charAt(j) == '(';
    }

    /** The index just past the string literal starting at {@code i} (single, double or triple quoted). */
    private static int stringEnd(String s, int i) {
        char q = s.charAt(i);
        boolean triple = s.startsWith(String.valueOf(q).repeat(3), i);
        String close = triple ? String.valueOf(q).repeat(3) : String.valueOf(q);
        boolean raw = i > 0 && (s.charAt(i - 1) == 'r' || s.charAt(i - 1) == 'R');
        int j = i + close.length();
        while (j < s.length()) {
            if (!raw && s.charAt(j) == '\\') {
                j += 2;
                continue;
            }
            if (s.startsWith(close, j)) return j + close.length();
            j++;
        }
        return s.length();
    }
}
