package io.gcgateway.simulator;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/** Simulator resources fail with {@link SimulatorException}; this writes it as a Genesys error body. */
class SimulatorExceptionMapper {

    @ServerExceptionMapper
    Response toGenesysError(SimulatorException e, ContainerRequestContext context) {
        return GenesysErrorResponse.response(e.status(), e.code(), e.getMessage(),
                SimulatorRequestFilter.correlationId(context), e.details(), null);
    }
}
