package dev.platctl.engine.policy.gatekeeper;

import java.util.List;

/** Writes one platctl policy as HCL text: strings quoted, CEL conditions in heredocs, template sequences escaped. */
final class PolicyHcl {
    /** One rule: its CEL condition and its message. */
    record Rule(String condition, String message) {
    }

    private PolicyHcl() {
    }

    static String of(List<String> comments, String name, String description, String enforcement, List<String> types,
                     List<Rule> rules) {
        StringBuilder sb = new StringBuilder();
        for (String c : comments) sb.append("# ").append(c).append('\n');
        sb.append("policy ").append(quote(name)).append(" {\n");
        sb.append("  description = ").append(quote(description)).append('\n');
        sb.append("  enforcement = ").append(quote(enforcement)).append('\n');
        if (!types.isEmpty()) {
            sb.append("\n  match {\n    types = [");
            for (int i = 0; i < types.size(); i++) sb.append(i == 0 ? "" : ", ").append(quote(types.get(i)));
            sb.append("]\n  }\n");
        }
        for (Rule r : rules) {
            sb.append("\n  rule {\n    condition = <<-EOT\n");
            for (String line : r.condition().strip().split("\n")) sb.append("      ").append(template(line.strip())).append('\n');
            sb.append("    EOT\n    message   = ").append(quote(r.message())).append("\n  }\n");
        }
        return sb.append("}\n").toString();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : template(s).toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** HCL reads ${ and %{ as template sequences; $${ and %%{ are the literal text. */
    private static String template(String s) {
        return s.replace("${", "$${").replace("%{", "%%{");
    }
}
