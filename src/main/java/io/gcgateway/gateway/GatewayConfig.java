package io.gcgateway.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.validation.constraints.Min;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the gateway itself (as opposed to how it reaches Genesys). */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Limits on GraphQL documents; each refusal is a GraphQL error with {@code extensions.code}. */
    Graphql graphql();

    /** GraphiQL at {@code /q/graphql-ui}. */
    GraphqlUi graphqlUi();

    /** Apollo Federation 2 subgraph mode ({@link SubgraphSchema}). */
    Federation federation();

    interface Federation {
        /** Serve {@code _service} and {@code _entities} on {@code /graphql}, with {@code @key} on the entity types. */
        @WithDefault("false")
        boolean enabled();

        /** Most entity representations one {@code _entities} request may ask for. */
        @WithDefault("100")
        @Min(1)
        int maxRepresentations();
    }

    interface Graphql {
        /** Deepest selection nesting (GraphiQL's own introspection query needs 13). */
        @WithDefault("15")
        int maxDepth();

        /** Largest query complexity (fields counted). */
        @WithDefault("1000")
        int maxComplexity();

        /** Most parser tokens in one document. */
        @WithDefault("15000")
        int maxTokens();

        /** Largest document, in bytes (UTF-8); larger ones are refused before they are read into a string. */
        @WithDefault("32K")
        MemorySize maxDocumentSize();

        /**
         * Memory for parsed and validated documents remembered across requests ({@link ParsedDocuments}, estimated
         * from their length); the least recently used go first.
         */
        @WithDefault("16M")
        MemorySize parsedDocumentsMemory();

        /** Most aliased fields in one document (aliases multiply work without deepening the query). */
        @WithDefault("30")
        int maxAliases();

        /**
         * Most operation names kept as labels of the per-operation metrics ({@link OperationMetrics}) besides the
         * allow-list's; later names count as {@code other}, so clients cannot grow the metrics without bound.
         */
        @WithDefault("100")
        @Min(0)
        int maxOperationNames();

        /**
         * Allow-list mode: the path of an Apollo persisted-query manifest ({@code {"operations": [{"id": <sha256>,
         * "name", "type", "body"}]}}). When set, only its operations run (sent as a hash or as the same document).
         */
        Optional<Path> allowList();

        /** Whole responses of reusable queries, kept in each replica's memory ({@link ResponseCache}). */
        ResponseCacheConfig responseCache();
    }

    interface ResponseCacheConfig {
        @WithDefault("true")
        boolean enabled();

        /** Memory for responses in each replica (the least recently used go first). */
        @WithDefault("32M")
        MemorySize maxMemory();

        /** Longest life of a response, whatever its fields allow: bounds how late another replica's invalidation lands. */
        @WithDefault("60s")
        Duration maxAge();

    }

    interface GraphqlUi {
        @WithDefault("true")
        boolean enabled();
    }
}
