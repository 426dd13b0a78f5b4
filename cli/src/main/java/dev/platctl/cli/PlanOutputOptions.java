package dev.platctl.cli;

import picocli.CommandLine;

/** How a plan is shown: for people, as JSON, or as Markdown for a pull request comment. */
final class PlanOutputOptions {
    /** The formats a plan can be printed in. */
    enum Format { HUMAN, JSON, MARKDOWN }

    @CommandLine.Option(names = "--json", description = "Print the plan as JSON (Terraform's JSON plan shape where it fits).")
    boolean json;

    @CommandLine.Option(names = "--format", paramLabel = "FORMAT", description = "human (default), json or markdown.")
    Format format;

    Format effective() {
        if (format != null) return format;
        return json ? Format.JSON : Format.HUMAN;
    }
}
