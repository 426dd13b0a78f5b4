package dev.platctl.providers.aws;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Holds one of a service's permits for the whole of each SDK call (its retries included), so no more than the
 * service's limit of calls are in flight at once.
 */
final class ConcurrencyLimit implements ExecutionInterceptor {
    private static final ExecutionAttribute<AtomicBoolean> HELD = new ExecutionAttribute<>("platctl.ConcurrencyLimit.held");

    private final Semaphore permits;

    ConcurrencyLimit(int limit) {
        this.permits = new Semaphore(limit, true);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("interrupted while waiting for a free request slot").cause(e).build();
        }
        attributes.putAttribute(HELD, new AtomicBoolean(true));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        release(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        release(attributes);
    }

    private void release(ExecutionAttributes attributes) {
        AtomicBoolean held = attributes.getAttribute(HELD);
        if (held != null && held.compareAndSet(true, false)) permits.release();
    }
}
