package io.gcgateway.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * The role a GraphQL operation needs; on a resolver class it applies to all its operations, on a method it
 * overrides the class's. Every operation must have one ({@code OperationRolesTest} fails otherwise): there is no
 * default that lets a caller in.
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface RequiresRole {
    @Nonbinding
    Role value();
}
