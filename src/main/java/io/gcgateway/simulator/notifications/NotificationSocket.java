package io.gcgateway.simulator.notifications;

import io.gcgateway.simulator.SimulatorMode;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** The websocket at a channel's {@code connectUri}: events out; {@code {"message":"ping"}} answered on channel.metadata. */
@WebSocket(path = "/simulator/channels/{channelId}")
public class NotificationSocket {
    private final NotificationHub hub;
    private final boolean enabled;

    NotificationSocket(NotificationHub hub, SimulatorMode mode) {
        this.hub = hub;
        this.enabled = mode.enabled();
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection, @PathParam String channelId) {
        if (!enabled || !hub.attach(channelId, connection)) {
            return connection.close();
        }
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    public Uni<Void> message(String text, WebSocketConnection connection) {
        return text.contains("\"ping\"") ? connection.sendText(hub.pong()) : Uni.createFrom().voidItem();
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        hub.detach(connection);
    }
}
