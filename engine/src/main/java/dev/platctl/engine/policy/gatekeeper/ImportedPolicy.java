package dev.platctl.engine.policy.gatekeeper;

/** One platctl policy made from a Gatekeeper constraint: its name, the file to write it to, and its HCL text. */
public record ImportedPolicy(String name, String fileName, String hcl) {
}
