package dev.platctl.engine.expr;

import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Functions over strings: case, joining and splitting, replacing, trimming, substrings, regular expressions. */
final class StringFunctions {
    private StringFunctions() {
    }

    static List<FunctionDef> all() {
        return List.of(
                FunctionDef.of("upper(str)", 1, 1, a -> str(Args.string(a, 0, "str").toUpperCase(Locale.ROOT))),
                FunctionDef.of("lower(str)", 1, 1, a -> str(Args.string(a, 0, "str").toLowerCase(Locale.ROOT))),
                FunctionDef.of("format(spec, values...)", 1, FunctionDef.VARIADIC,
                        a -> str(Format.apply(Args.string(a, 0, "spec"), a.subList(1, a.size())))),
                FunctionDef.of("join(separator, lists...)", 2, FunctionDef.VARIADIC, StringFunctions::join),
                FunctionDef.of("split(separator, str)", 2, 2, StringFunctions::split),
                FunctionDef.of("replace(str, substr, replacement)", 3, 3, StringFunctions::replace),
                FunctionDef.of("trim(str, cutset)", 2, 2, StringFunctions::trim),
                FunctionDef.of("trimspace(str)", 1, 1, a -> str(Args.string(a, 0, "str").strip())),
                FunctionDef.of("trimprefix(str, prefix)", 2, 2, a -> {
                    String s = Args.string(a, 0, "str"), p = Args.string(a, 1, "prefix");
                    return str(s.startsWith(p) ? s.substring(p.length()) : s);
                }),
                FunctionDef.of("trimsuffix(str, suffix)", 2, 2, a -> {
                    String s = Args.string(a, 0, "str"), p = Args.string(a, 1, "suffix");
                    return str(s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s);
                }),
                FunctionDef.of("substr(str, offset, length)", 3, 3, StringFunctions::substr),
                FunctionDef.of("startswith(str, prefix)", 2, 2,
                        a -> Value.of(Args.string(a, 0, "str").startsWith(Args.string(a, 1, "prefix")))),
                FunctionDef.of("endswith(str, suffix)", 2, 2,
                        a -> Value.of(Args.string(a, 0, "str").endsWith(Args.string(a, 1, "suffix")))),
                FunctionDef.of("regex(pattern, str)", 2, 2, StringFunctions::regex));
    }

    private static Value str(String s) {
        return new StringValue(s);
    }

    private static Value join(List<Value> a) {
        String sep = Args.string(a, 0, "separator");
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            for (Value v : Args.list(a, i, "lists")) {
                parts.add(Args.asString(v).orElseThrow(() -> Args.wrong("each element", "a string", v)));
            }
        }
        return str(String.join(sep, parts));
    }

    private static Value split(List<Value> a) {
        String sep = Args.string(a, 0, "separator");
        String s = Args.string(a, 1, "str");
        List<Value> out = new ArrayList<>();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> out.add(str(new String(Character.toChars(cp)))));
            return new ListValue(out);
        }
        int from = 0;
        while (true) {
            int at = s.indexOf(sep, from);
            if (at < 0) break;
            out.add(str(s.substring(from, at)));
            from = at + sep.length();
        }
        out.add(str(s.substring(from)));
        return new ListValue(out);
    }

    private static Value replace(List<Value> a) {
        String s = Args.string(a, 0, "str");
        String sub = Args.string(a, 1, "substr");
        String rep = Args.string(a, 2, "replacement");
        if (sub.length() > 1 && sub.startsWith("/") && sub.endsWith("/")) {
            return str(compile(sub.substring(1, sub.length() - 1)).matcher(s).replaceAll(rep));
        }
        return str(s.replace(sub, rep));
    }

    private static Value trim(List<Value> a) {
        String s = Args.string(a, 0, "str");
        String cut = Args.string(a, 1, "cutset");
        int b = 0, e = s.length();
        while (b < e && cut.indexOf(s.charAt(b)) >= 0) b++;
        while (e > b && cut.indexOf(s.charAt(e - 1)) >= 0) e--;
        return str(s.substring(b, e));
    }

    private static Value substr(List<Value> a) {
        String s = Args.string(a, 0, "str");
        int offset = Args.integer(a, 1, "offset");
        int length = Args.integer(a, 2, "length");
        int n = s.codePointCount(0, s.length());
        if (offset < 0) offset = Math.max(0, n + offset);
        if (offset > n) throw new FunctionException("offset " + offset + " is past the end of the string");
        int end = length < 0 ? n : Math.min(n, offset + length);
        return str(s.substring(s.offsetByCodePoints(0, offset), s.offsetByCodePoints(0, end)));
    }

    private static Value regex(List<Value> a) {
        Pattern p = compile(Args.string(a, 0, "pattern"));
        Matcher m = p.matcher(Args.string(a, 1, "str"));
        if (!m.find()) throw new FunctionException("pattern did not match any part of the given string");
        if (m.groupCount() == 0) return str(m.group());
        List<String> named = groupNames(p.pattern());
        if (!named.isEmpty()) {
            Map<String, Value> out = new LinkedHashMap<>();
            for (String name : named) out.put(name, m.group(name) == null ? Value.NULL : str(m.group(name)));
            return Value.object(out);
        }
        List<Value> groups = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) groups.add(m.group(i) == null ? Value.NULL : str(m.group(i)));
        return new ListValue(groups);
    }

    /** The names of the pattern's named groups, {@code (?<name>...)}. */
    private static List<String> groupNames(String re) {
        List<String> names = new ArrayList<>();
        for (int i = re.indexOf("(?<"); i >= 0; i = re.indexOf("(?<", i + 3)) {
            if (i > 0 && re.charAt(i - 1) == '\\') continue;
            int end = re.indexOf('>', i + 3);
            if (end > i + 3 && Character.isLetter(re.charAt(i + 3))) names.add(re.substring(i + 3, end));
        }
        return names;
    }

    private static Pattern compile(String re) {
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw new FunctionException("invalid regular expression: " + e.getDescription());
        }
    }
}
