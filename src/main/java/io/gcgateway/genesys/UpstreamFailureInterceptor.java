package io.gcgateway.genesys;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Runs outside the fault-tolerance interceptor (priority 4010) so that it sees the guard's final outcome. */
@TranslateUpstreamFailures
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
class UpstreamFailureInterceptor {

    @AroundInvoke
    Object translate(InvocationContext context) throws Exception {
        String operation = context.getMethod().getDeclaringClass().getSimpleName() + "." + context.getMethod().getName();
        Object result;
        try {
            result = context.proceed();
        } catch (Exception failure) {
            throw UpstreamFailures.translate(operation, failure);
        }
        if (result instanceof Uni<?> uni) {
            return uni.onFailure().transform(failure -> UpstreamFailures.translate(operation, failure));
        }
        return result;
    }
}
