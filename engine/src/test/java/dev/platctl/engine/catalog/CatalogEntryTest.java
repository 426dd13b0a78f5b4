package dev.platctl.engine.catalog;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The link a catalog list shows for an entry, and the order its links keep. */
class CatalogEntryTest {
    private static CatalogEntry entry(Map<String, String> links) {
        return new CatalogEntry("orders-db", CatalogEntry.RESOURCE, "database", "payments", "production", "", "postgresql@1.0.0",
                Optional.empty(), "payments", "orders-db", Optional.empty(), links, List.of(), 1);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }

    @Test
    void theLinkIsTheRepositoryWhereverItIsListed() {
        assertEquals(Optional.of("https://github.com/acme/orders"),
                entry(ordered("dashboard", "https://grafana.example.com/d/orders", "repo", "https://github.com/acme/orders")).link());
    }

    @Test
    void withoutARepositoryTheLinkIsTheFirstLinkAsExportedToBackstage() {
        CatalogEntry e = entry(ordered("runbook", "https://wiki.example.com/orders-db", "dashboard", "https://grafana.example.com/d/db"));
        assertEquals(Optional.of("https://wiki.example.com/orders-db"), e.link());
        assertEquals(List.of("runbook", "dashboard"), List.copyOf(e.links().keySet()), "links keep their order, so metadata.links[0] is stable");
    }

    @Test
    void anEntryWithoutLinksHasNoLink() {
        assertEquals(Optional.empty(), entry(Map.of()).link());
    }
}
