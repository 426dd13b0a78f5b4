package dev.platctl.engine.policy.gatekeeper;

/** The platctl resource type of a Kubernetes kind: {@code Pod} is {@code kubernetes_pod}, {@code StatefulSet} {@code kubernetes_stateful_set}. */
final class KubernetesTypes {
    private KubernetesTypes() {
    }

    static String of(String kind) {
        StringBuilder sb = new StringBuilder("kubernetes_");
        for (int i = 0; i < kind.length(); i++) {
            char c = kind.charAt(i);
            boolean wordStart = Character.isUpperCase(c) && i > 0
                    && (Character.isLowerCase(kind.charAt(i - 1))
                    || i + 1 < kind.length() && Character.isLowerCase(kind.charAt(i + 1)) && Character.isUpperCase(kind.charAt(i - 1)));
            if (wordStart) sb.append('_');
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }
}
