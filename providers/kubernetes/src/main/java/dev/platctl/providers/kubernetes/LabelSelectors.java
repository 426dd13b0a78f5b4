package dev.platctl.providers.kubernetes;

import dev.platctl.engine.provider.ProviderException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A workload's {@code spec.selector} ({@code matchLabels} and {@code matchExpressions}) as the label query a
 * list call takes: {@code app=web,tier in (api,worker),env notin (dev),canary,!legacy}. Written here rather
 * than through fabric8's {@code withLabelSelector(LabelSelector)}, which keeps one requirement per label key
 * and so drops the second of {@code env in (a,b)} and {@code env notin (b)}.
 */
final class LabelSelectors {
    private LabelSelectors() {
    }

    /**
     * The query for the selector; empty when it has no requirements, which for a workload means it selects
     * nothing platctl should look at (the API server rejects empty workload selectors anyway).
     */
    static Optional<String> query(Map<String, Object> selector) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(Manifests.map(selector.get("matchLabels"))).forEach((k, v) -> parts.add(k + "=" + v));
        for (Object e : Manifests.list(selector.get("matchExpressions"))) parts.add(requirement(Manifests.map(e)));
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(",", parts));
    }

    private static String requirement(Map<String, Object> expression) {
        String key = Manifests.string(expression, "key").orElse("");
        String operator = Manifests.string(expression, "operator").orElse("");
        List<String> values = Manifests.list(expression.get("values")).stream().map(String::valueOf).toList();
        if (key.isEmpty())
            throw new ProviderException("cannot read the label selector: a matchExpressions entry has no key");
        return switch (operator) {
            case "In", "NotIn" -> {
                if (values.isEmpty())
                    throw new ProviderException("cannot read the label selector: " + key + " " + operator
                            + " needs at least one value");
                yield key + ("In".equals(operator) ? " in (" : " notin (") + String.join(",", values) + ")";
            }
            case "Exists" -> key;
            case "DoesNotExist" -> "!" + key;
            default -> throw new ProviderException("cannot read the label selector: operator \"" + operator + "\" of "
                    + key + " is not one of In, NotIn, Exists, DoesNotExist");
        };
    }
}
