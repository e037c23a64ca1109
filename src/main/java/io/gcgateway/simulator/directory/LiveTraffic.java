package io.gcgateway.simulator.directory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gcgateway.simulator.SimulatorConfig;
import io.gcgateway.simulator.SimulatorException;
import io.gcgateway.simulator.SimulatorMode;
import io.gcgateway.simulator.analytics.ConversationDataSet;
import io.gcgateway.simulator.conversations.LiveConversation;
import io.gcgateway.simulator.conversations.LiveConversationStore;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Simulated callers ({@code simulator.live-traffic}): every interval a customer calls a random queue and is offered to
 * one of its idle, joined members (or, when none is free and now and then, waits in queue and hangs up later), who answers a few seconds later, talks, hangs up and wraps up (half a minute in all); the ended
 * conversation is then forgotten, so the store stays bounded. At most {@link #MAX_CALLS} of these calls at once.
 * Commands go through the store like anyone's: one an operator made impossible in between is simply dropped.
 */
@Singleton
class LiveTraffic {
    static final int MAX_CALLS = 8;
    private static final Logger LOG = Logger.getLogger(LiveTraffic.class);

    private final LiveConversationStore conversations;
    private final SimulatorDirectory directory;
    private final ConversationDataSet dataSet;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final Random random = new Random();
    private final AtomicInteger calls = new AtomicInteger();

    LiveTraffic(LiveConversationStore conversations, SimulatorDirectory directory, ConversationDataSet dataSet,
            ObjectMapper mapper, Vertx vertx) {
        this.conversations = conversations;
        this.directory = directory;
        this.dataSet = dataSet;
        this.mapper = mapper;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup, SimulatorConfig config, SimulatorMode mode) {
        if (mode.enabled() && config.liveTraffic().isPresent()) {
            Duration every = config.liveTraffic().get();
            vertx.setPeriodic(Math.max(100, every.toMillis()), ignored -> call());
            LOG.infof("Simulated callers: one every %s", every);
        }
    }

    private void call() {
        if (calls.get() >= MAX_CALLS) {
            return;
        }
        List<String> queueIds = dataSet.queueIds();
        String queueId = queueIds.get(random.nextInt(queueIds.size()));
        List<String> idle = directory.members(queueId).entrySet().stream()
                .filter(member -> member.getValue() && directory.state(member.getKey()) != null
                        && "IDLE".equals(directory.state(member.getKey()).routingStatus()))
                .map(Map.Entry::getKey).toList();
        if (idle.isEmpty() || random.nextInt(3) == 0) {
            // No agent free (or, now and then, a busy moment): the customer waits in queue, then gives up.
            String id = conversations.create(new LiveConversationStore.NewConversation(queueId, null, "waiting")).id;
            calls.incrementAndGet();
            later(15_000 + random.nextInt(20_000), () -> conversations.disconnect(id));
            later(40_000, () -> {
                conversations.forget(id);
                calls.decrementAndGet();
            });
            return;
        }
        LiveConversation call = conversations.create(new LiveConversationStore.NewConversation(queueId,
                idle.get(random.nextInt(idle.size())), "alerting"));
        calls.incrementAndGet();
        LiveConversation.Participant agent = call.participants.get(2);
        String id = call.id;
        later(2_000 + random.nextInt(4_000), () -> conversations.patchParticipant(id, agent.id,
                mapper.createObjectNode().put("state", "connected")));
        // The agent hangs up (the customer's call ends with it) and is in after-call work until the wrap-up.
        later(12_000 + random.nextInt(15_000), () -> conversations.patchParticipant(id, agent.id,
                mapper.createObjectNode().put("state", "disconnected")));
        later(30_000 + random.nextInt(4_000), () -> {
            List<String> codes = dataSet.wrapUpCodes();
            conversations.wrapup(id, agent.id, agent.calls.get(0).id, mapper.createObjectNode()
                    .put("code", codes.get(random.nextInt(codes.size()))));
        });
        later(36_000, () -> {
            conversations.forget(id);
            calls.decrementAndGet();
        });
    }

    private void later(long delayMs, Runnable step) {
        vertx.setTimer(delayMs, ignored -> {
            try {
                step.run();
            } catch (SimulatorException impossibleNow) {
                // Someone (an operator through the gateway, a reset) changed the call first: nothing to do.
                LOG.debugf("Simulated call step dropped: %s", impossibleNow.getMessage());
            }
        });
    }
}
