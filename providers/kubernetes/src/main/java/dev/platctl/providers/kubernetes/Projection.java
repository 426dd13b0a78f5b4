package dev.platctl.providers.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platctl.engine.value.ListValue;
import dev.platctl.engine.value.NumberValue;
import dev.platctl.engine.value.ObjectValue;
import dev.platctl.engine.value.StringValue;
import dev.platctl.engine.value.Value;
import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The part of a live object platctl manages, the live values at exactly the paths platctl applied, so that
 * server defaults and other managers' fields never show as changes while a managed field someone changed or
 * removed shows as drift.
 * <p>
 * List items are matched the way the API server merges them. The objects' {@code managedFields} name the
 * items of associative lists by their keys ({@code k:{"name":"app"}} for a container, {@code
 * k:{"containerPort":80,"protocol":"TCP"}} for a port) and of set lists by value ({@code v:"x"}): an applied item
 * is the live item with the same keys, and an item only other field managers own (an env var a sidecar injector
 * added) is theirs and left out, since platctl's apply never removes it. Lists no managed field names item by item
 * (atomic lists, such as a container's {@code args}, and objects without managedFields) are matched by position, and
 * items someone appended are shown whole: they are a change to what platctl applied.
 * <p>
 * A quantity the server wrote in its canonical form ({@code "500m"} for {@code "0.5"}, {@code "1Gi"} for {@code
 * "1024Mi"}) reads as the form platctl applied, so it is no change, where the field holds a quantity: resource
 * requests and limits, quota {@code hard}, limit range bounds, autoscaler targets, {@code sizeLimit}.
 */
final class Projection {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Maps whose values are all quantities, by the map's key. */
    private static final Set<String> QUANTITY_MAPS = Set.of("requests", "limits", "hard", "default", "defaultRequest",
            "max", "min", "maxLimitRequestRatio", "capacity", "allocatable", "overhead");
    /** Fields that hold one quantity. */
    private static final Set<String> QUANTITY_FIELDS = Set.of("averageValue", "sizeLimit");

    private Projection() {
    }

    /** The live object seen through the shape of the applied one, its list items matched by its managedFields. */
    static Value project(Value applied, Map<String, Object> live) {
        return project(applied, live, Owners.of(live), "", "");
    }

    /** The live value seen through the shape of the applied one, with no managedFields to match list items by. */
    static Value project(Value applied, Object live) {
        return project(applied, live, Owners.NONE, "", "");
    }

    private static Value project(Value applied, Object live, Owners owners, String parentKey, String key) {
        Value shape = applied.unmarked();
        if (shape instanceof ObjectValue o && live instanceof Map<?, ?> m) {
            Map<String, Value> out = new TreeMap<>();
            o.attributes().forEach((k, v) -> {
                if (v.isNull() || !m.containsKey(k) || m.get(k) == null) return;
                out.put(k, project(v, m.get(k), owners.field(k), key, k));
            });
            return new ObjectValue(out);
        }
        if (shape instanceof ListValue l && live instanceof List<?> items) return projectList(l, items, owners, key);
        if (isQuantity(parentKey, key) && sameQuantity(shape, live)) return shape;
        return Manifests.fromJava(live);
    }

    private static Value projectList(ListValue applied, List<?> items, Owners owners, String key) {
        List<Item> entries = owners.items();
        if (entries.isEmpty()) {
            List<Value> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++)
                out.add(i < applied.size() ? project(applied.items().get(i), items.get(i), Owners.NONE, key, key)
                        : Manifests.fromJava(items.get(i)));
            return new ListValue(out);
        }
        ItemIndex index = new ItemIndex(entries, items);
        int n = items.size();
        int[] appliedAt = new int[n];
        Arrays.fill(appliedAt, -1);
        for (int j = 0; j < applied.size(); j++) {
            int best = -1;
            for (int i : index.identified(applied.items().get(j).unmarked())) {
                if (appliedAt[i] >= 0) continue;
                if (best < 0 || (!index.platctl(best) && index.platctl(i))) best = i;
            }
            if (best >= 0) appliedAt[best] = j;
        }
        List<Value> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object item = items.get(i);
            if (appliedAt[i] >= 0) out.add(project(applied.items().get(appliedAt[i]), item, index.owners(i), key, key));
            else if (index.platctl(i) || index.naming(i).isEmpty()) out.add(Manifests.fromJava(item));
        }
        return new ListValue(out);
    }

    /**
     * The live items of one list and the managed-fields entries that name them, matched once per list: the live items
     * are indexed by their key fields (or whole value), so each entry finds its item by a lookup, and each applied item
     * finds the entries it agrees with by a lookup too when it sets every key field.
     */
    private static final class ItemIndex {
        private final List<?> items;
        private final List<List<Item>> naming;
        private final boolean[] platctl;
        private final Map<Item, List<Integer>> named = new IdentityHashMap<>();
        /** The entries that name items by keys, by their key fields and then by their key. */
        private final Map<Set<String>, Map<Value, List<Item>>> keyed = new LinkedHashMap<>();
        private final Map<Value, List<Item>> byValue = new HashMap<>();

        ItemIndex(List<Item> entries, List<?> items) {
            this.items = items;
            int n = items.size();
            this.naming = new ArrayList<>(n);
            for (int i = 0; i < n; i++) naming.add(new ArrayList<>(1));
            this.platctl = new boolean[n];
            Map<Set<String>, Map<Value, List<Integer>>> liveByFields = new HashMap<>();
            Map<Value, List<Integer>> liveByValue = null;
            for (Item e : entries) {
                List<Integer> found;
                if (e.byValue()) {
                    if (liveByValue == null) liveByValue = indexByValue();
                    found = liveByValue.getOrDefault(e.key(), List.of());
                    byValue.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
                } else {
                    found = liveByFields.computeIfAbsent(e.keyFields(), this::indexByFields).getOrDefault(e.key(), List.of());
                    keyed.computeIfAbsent(e.keyFields(), f -> new HashMap<>()).computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
                }
                named.put(e, found);
                for (int i : found) {
                    naming.get(i).add(e);
                    platctl[i] |= e.platctl();
                }
            }
        }

        private Map<Value, List<Integer>> indexByValue() {
            Map<Value, List<Integer>> out = new HashMap<>();
            for (int i = 0; i < items.size(); i++) out.computeIfAbsent(Manifests.fromJava(items.get(i)), k -> new ArrayList<>()).add(i);
            return out;
        }

        private Map<Value, List<Integer>> indexByFields(Set<String> fields) {
            Map<Value, List<Integer>> out = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof Map<?, ?> m)) continue;
                Map<String, Value> key = new TreeMap<>();
                for (String f : fields) key.put(f, Manifests.fromJava(m.get(f)));
                out.computeIfAbsent(new ObjectValue(key), k -> new ArrayList<>()).add(i);
            }
            return out;
        }

        /** The live items, in order, that an entry agreeing with the applied item names. */
        List<Integer> identified(Value applied) {
            Set<Integer> out = new TreeSet<>();
            for (Item e : byValue.getOrDefault(applied, List.of())) out.addAll(named.get(e));
            if (applied instanceof ObjectValue o)
                keyed.forEach((fields, byKey) -> {
                    Map<String, Value> key = new TreeMap<>();
                    for (String f : fields) {
                        Value v = o.getOrNull(f).unmarked();
                        if (!v.isNull()) key.put(f, v);
                    }
                    if (key.isEmpty()) return;
                    if (key.size() == fields.size()) {
                        for (Item e : byKey.getOrDefault(new ObjectValue(key), List.of())) out.addAll(named.get(e));
                    } else {
                        byKey.forEach((k, es) -> {
                            if (agrees((ObjectValue) k, key)) es.forEach(e -> out.addAll(named.get(e)));
                        });
                    }
                });
            return List.copyOf(out);
        }

        /** Whether the key fields the applied item sets have the key's values (the server defaults some, such as a port's protocol). */
        private static boolean agrees(ObjectValue key, Map<String, Value> set) {
            for (Map.Entry<String, Value> f : set.entrySet())
                if (!f.getValue().equals(key.getOrNull(f.getKey()))) return false;
            return true;
        }

        boolean platctl(int i) {
            return platctl[i];
        }

        List<Item> naming(int i) {
            return naming.get(i);
        }

        /** The managed-fields sets below live item {@code i}. */
        Owners owners(int i) {
            List<Map<String, Object>> mine = new ArrayList<>();
            List<Map<String, Object>> theirs = new ArrayList<>();
            for (Item e : naming.get(i)) (e.platctl() ? mine : theirs).add(e.fields());
            return new Owners(mine, theirs);
        }
    }

    private static boolean isQuantity(String parentKey, String key) {
        return QUANTITY_MAPS.contains(parentKey) || QUANTITY_FIELDS.contains(key) || (key.equals("value") && parentKey.equals("target"));
    }

    private static boolean sameQuantity(Value applied, Object live) {
        Optional<BigDecimal> a = applied instanceof StringValue s ? amount(s.value())
                : applied instanceof NumberValue n ? Optional.of(n.value()) : Optional.empty();
        Optional<BigDecimal> b = live instanceof String s ? amount(s) : live instanceof Number n ? amount(n.toString()) : Optional.empty();
        return a.isPresent() && b.isPresent() && a.get().compareTo(b.get()) == 0;
    }

    private static Optional<BigDecimal> amount(String text) {
        try {
            return Optional.of(new Quantity(text).getNumericalAmount());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * One item of a list as a managed-fields entry names it: by its key fields ({@code k:}, the key an object of
     * them) or its value ({@code v:}), with the fields of it that the entry's manager owns, and whether that manager is
     * platctl.
     */
    private record Item(Value key, Set<String> keyFields, boolean byValue, Map<String, Object> fields, boolean platctl) {
    }

    /** The managed-fields sets (fieldsV1) of platctl and of every other manager, at one place in the object. */
    private record Owners(List<Map<String, Object>> platctl, List<Map<String, Object>> others) {
        static final Owners NONE = new Owners(List.of(), List.of());

        static Owners of(Map<String, Object> live) {
            List<Map<String, Object>> mine = new ArrayList<>();
            List<Map<String, Object>> others = new ArrayList<>();
            for (Object entry : Manifests.list(Manifests.metadata(live).get("managedFields"))) {
                Map<String, Object> e = Manifests.map(entry);
                Map<String, Object> fields = Manifests.map(e.get("fieldsV1"));
                if (Cluster.FIELD_MANAGER.equals(e.get("manager")) && e.get("subresource") == null) mine.add(fields);
                else others.add(fields);
            }
            return new Owners(mine, others);
        }

        Owners field(String name) {
            return new Owners(child(platctl, "f:" + name), child(others, "f:" + name));
        }

        private static List<Map<String, Object>> child(List<Map<String, Object>> sets, String key) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> s : sets) if (s.get(key) instanceof Map<?, ?>) out.add(Manifests.map(s.get(key)));
            return out;
        }

        /** Every list item these sets name. */
        List<Item> items() {
            List<Item> out = new ArrayList<>();
            for (Map<String, Object> s : platctl) addItems(s, true, out);
            for (Map<String, Object> s : others) addItems(s, false, out);
            return out;
        }

        private static void addItems(Map<String, Object> set, boolean platctl, List<Item> out) {
            set.forEach((k, v) -> {
                boolean byValue = k.startsWith("v:");
                if (!k.startsWith("k:") && !byValue) return;
                Object key;
                try {
                    key = JSON.readValue(k.substring(2), Object.class);
                } catch (JsonProcessingException e) {
                    return; // not a key this version understands: the item is then matched by position
                }
                if (!byValue && !(key instanceof Map<?, ?>)) return;
                Map<String, Object> keyFields = byValue ? Map.of() : Manifests.map(key);
                Map<String, Value> converted = new TreeMap<>();
                keyFields.forEach((f, value) -> converted.put(f, Manifests.fromJava(value)));
                out.add(new Item(byValue ? Manifests.fromJava(key) : new ObjectValue(converted), Set.copyOf(keyFields.keySet()),
                        byValue, Manifests.map(v), platctl));
            });
        }
    }
}
