package dev.platctl.engine.goldenpath;

import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import jinjava.javax.el.ArrayELResolver;
import jinjava.javax.el.BeanELResolver;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.ListELResolver;
import jinjava.javax.el.MapELResolver;

import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Iterator;

/**
 * The only way skeleton expressions reach Java objects: read-only map, list and array lookups, and calls to
 * Jinjava's own filters and tests. No bean properties ({@code .class}) and no method calls
 * ({@code getClass()}, {@code replace(...)}) on values.
 */
final class SafeElResolver extends ELResolver {
    private final BeanELResolver filters = new BeanELResolver(true);

    static ELResolver create() {
        CompositeELResolver c = new CompositeELResolver();
        c.add(new MapELResolver(true));
        c.add(new ListELResolver(true));
        c.add(new ArrayELResolver(true));
        c.add(new SafeElResolver());
        return c;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base instanceof Filter || base instanceof ExpTest) return filters.invoke(context, base, method, paramTypes, params);
        return null;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return Collections.emptyIterator();
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
