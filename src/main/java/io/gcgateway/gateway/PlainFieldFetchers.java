package io.gcgateway.gateway;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;

/**
 * Data fetchers for the plain properties of the gateway's own output types (records such as {@code Conversation} or
 * {@code WebhookDelivery}). SmallRye's default fetcher sets up a request context for every field of every object
 * (for {@code @Source} resolvers and context injection, which these fields never use); in a 25-row page that was a
 * quarter of the gateway's CPU per request. These fetchers read the record component through a method handle and
 * keep SmallRye's output transformation (dates, numbers, adapters) as it is. Fields that are not a public accessor of
 * a gateway type keep SmallRye's fetcher. Registered through {@code META-INF/services}.
 */
public class PlainFieldFetchers implements DataFetcherService {
    private static final String OWN_TYPES = "io.gcgateway.";

    @Override
    public Integer getPriority() {
        return 100;
    }

    @Override
    public PlugableDataFetcher<?> getFieldDataFetcher(Field field, Type fieldType, Reference owner) {
        if (owner == null || owner.getClassName() == null || !owner.getClassName().startsWith(OWN_TYPES)
                || field.getMethodName() == null) {
            return null;
        }
        try {
            Class<?> declaring = Class.forName(owner.getClassName(), false, Thread.currentThread().getContextClassLoader());
            Method accessor = declaring.getMethod(field.getMethodName());
            if (!Modifier.isPublic(declaring.getModifiers()) || accessor.getParameterCount() != 0) {
                return null;
            }
            MethodHandle handle = MethodHandles.publicLookup().unreflect(accessor)
                    .asType(MethodType.methodType(Object.class, Object.class));
            return new PlainFieldFetcher<>(handle, new FieldHelper(field));
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Reads one accessor of the source object; SmallRye's output transformation still applies. */
    static final class PlainFieldFetcher<T> implements PlugableDataFetcher<T>, TrivialDataFetcher<T> {
        private final MethodHandle accessor;
        private final FieldHelper helper;

        PlainFieldFetcher(MethodHandle accessor, FieldHelper helper) {
            this.accessor = accessor;
            this.helper = helper;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(DataFetchingEnvironment environment) throws Exception {
            Object source = environment.getSource();
            if (source == null) {
                return null;
            }
            try {
                return (T) helper.transformOrAdaptResponse(accessor.invokeExact(source), environment);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
