package io.gcgateway.simulator.control;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

/** Armed fault rules; each matching request consumes one use of the first rule that matches it. */
@Singleton
public class FaultInjector {

    private final ConcurrentLinkedQueue<ArmedRule> rules = new ConcurrentLinkedQueue<>();

    public void add(FaultRule rule) {
        if (rule.pathPattern() == null || rule.times() < 1) {
            throw new IllegalArgumentException("a fault needs a pathPattern and times >= 1");
        }
        rules.add(new ArmedRule(rule, new AtomicInteger(rule.times())));
    }

    public void clear() {
        rules.clear();
    }

    /** The fault for this request, if a rule with uses left matches it. */
    public Optional<FaultRule> take(String method, String path) {
        for (Iterator<ArmedRule> it = rules.iterator(); it.hasNext();) {
            ArmedRule armed = it.next();
            if (armed.rule().matches(method, path)) {
                int left = armed.remaining().decrementAndGet();
                if (left <= 0) {
                    it.remove();
                }
                if (left >= 0) {
                    return Optional.of(armed.rule());
                }
            }
        }
        return Optional.empty();
    }

    private record ArmedRule(FaultRule rule, AtomicInteger remaining) {
    }
}
