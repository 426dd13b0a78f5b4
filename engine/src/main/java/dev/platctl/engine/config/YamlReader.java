package dev.platctl.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.platctl.engine.diag.Diagnostics;
import dev.platctl.engine.diag.SourcePos;
import dev.platctl.engine.diag.SourceRange;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads YAML documents into {@link YamlNode}s that remember their line and column. */
public final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlReader() {
    }

    /** All documents of a file; syntax errors become diagnostics (and an empty or partial result). */
    public static List<YamlNode> read(String file, String text, Diagnostics diags) {
        List<YamlNode> docs = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                docs.add(node(file, p, t, null));
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            diags.error("Invalid YAML", explain(e.getOriginalMessage()),
                    loc == null ? SourceRange.at(file, 1, 1) : range(file, loc, loc));
        } catch (IOException e) {
            diags.error("Cannot read YAML", e.getMessage(), SourceRange.at(file, 1, 1));
        }
        return docs;
    }

    /** SnakeYAML names some tokens bare ("but got :"); quoted like the others, the token cannot be mistaken for punctuation. */
    private static final java.util.regex.Pattern BARE_TOKEN = java.util.regex.Pattern.compile("(but (?:got|found) )([^'<\\s]+)$");

    /** SnakeYAML's message without its position lines and source excerpts, e.g. "expected <block end>, but found '['". */
    static String explain(String msg) {
        StringBuilder sb = new StringBuilder();
        for (String line : msg.split("\n")) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("in 'reader'") || t.startsWith("^") || line.startsWith("    ")) continue;
            if (sb.length() > 0) sb.append("; ");
            sb.append(BARE_TOKEN.matcher(t).replaceFirst("$1'$2'"));
        }
        return sb.length() == 0 ? msg.trim() : sb.toString();
    }

    private static YamlNode node(String file, JsonParser p, JsonToken t, SourceRange keyRange) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode> fields = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    SourceRange kr = range(file, p.currentTokenLocation(), p.currentTokenLocation());
                    YamlNode child = node(file, p, p.nextToken(), kr);
                    fields.put(name, child);
                }
                return new YamlNode(YamlNode.Kind.MAPPING, Value.NULL, fields, List.of(),
                        range(file, start, p.currentTokenLocation()), keyRange);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                JsonToken i;
                while ((i = p.nextToken()) != JsonToken.END_ARRAY && i != null) items.add(node(file, p, i, null));
                return new YamlNode(YamlNode.Kind.SEQUENCE, Value.NULL, Map.of(), items,
                        range(file, start, p.currentTokenLocation()), keyRange);
            }
            default -> {
                Value v = switch (t) {
                    case VALUE_STRING -> new StringValue(p.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new NumberValue(p.getDecimalValue());
                    case VALUE_TRUE -> Value.TRUE;
                    case VALUE_FALSE -> Value.FALSE;
                    default -> Value.NULL;
                };
                return new YamlNode(YamlNode.Kind.SCALAR, v, Map.of(), List.of(),
                        range(file, start, p.currentLocation()), keyRange);
            }
        }
    }

    private static SourceRange range(String file, JsonLocation a, JsonLocation b) {
        return new SourceRange(file, pos(a), pos(b));
    }

    private static SourcePos pos(JsonLocation l) {
        return new SourcePos(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()), (int) Math.max(0, l.getCharOffset()));
    }
}
