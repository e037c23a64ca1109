package io.gcgateway.genesys;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Put on a Genesys client bean: every failure of its methods (including the guard's timeout and open-circuit
 * failures, which happen outside the method body) reaches the caller as a {@link io.gcgateway.errors.GatewayException}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface TranslateUpstreamFailures {
}
