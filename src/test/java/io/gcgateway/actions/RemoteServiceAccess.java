package io.gcgateway.actions;

import java.util.Map;

/** Lets tests outside this package run a {@link RemoteService} and create an action that echoes to it. */
public final class RemoteServiceAccess implements AutoCloseable {
    private final RemoteService remote;

    public RemoteServiceAccess() {
        this.remote = new RemoteService();
    }

    /** A published action that POSTs its input to the remote service and returns the response unchanged. */
    public String createEchoAction() {
        return DataActionFixtures.createAction(remote, "Echo", "{\"type\": \"object\"}", "POST", "/echo",
                "${input.rawRequest}", Map.of(), "${rawResult}");
    }

    @Override
    public void close() {
        remote.close();
    }
}
