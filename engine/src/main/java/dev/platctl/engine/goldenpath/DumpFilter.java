package dev.platctl.engine.goldenpath;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.filter.ToJsonFilter;

/**
 * Backstage's (Nunjucks') {@code dump}: the value as JSON, which is also a quoted Python string and a YAML
 * double-quoted scalar, so skeletons written for Backstage quote free text the same way here ({@code tojson}).
 */
final class DumpFilter implements Filter {
    private final ToJsonFilter json = new ToJsonFilter();

    @Override
    public String getName() {
        return "dump";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return json.filter(var, interpreter, args);
    }
}
