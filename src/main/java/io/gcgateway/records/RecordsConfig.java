package io.gcgateway.records;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.gcgateway.cache.LockConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Records (Architect data tables): write locking, history, and the per-table validation rules, which are data.
 * <pre>
 * records.rules."InventoryItem".fields."quantity".minimum=0
 * records.rules."InventoryItem".checks."order-value".require=price * quantity &lt;= 100000
 * </pre>
 */
@ConfigMapping(prefix = "records")
public interface RecordsConfig {

    /** Name of the integer column that carries each row's version. */
    @WithDefault("version")
    String versionColumn();

    /** Largest {@code first} of the records connection. */
    @WithDefault("100")
    @Min(1)
    @Max(500)
    int maxPageSize();

    /** Serialization of writes to one record across replicas. */
    LockConfig lock();

    /** {@code recordHistory}. */
    History history();

    /** Validation rules per table name (table ids differ between orgs, names are what people configure). */
    Map<String, TableRules> rules();

    interface History {
        /** Longest interval of one history query (the realtime audit query covers about 14 days). */
        @WithDefault("14d")
        Duration maxInterval();

        /** Most audit entries returned. */
        @WithDefault("500")
        @Min(1)
        @Max(5000)
        int maxEntries();
    }

    interface TableRules {
        /** Single-field rules, by column name ({@code key} is the row key). */
        Map<String, FieldRule> fields();

        /** Cross-field rules, by name. */
        Map<String, Check> checks();
    }

    interface FieldRule {
        /** Regular expression the whole (string) value must match. */
        Optional<String> pattern();

        Optional<BigDecimal> minimum();

        Optional<BigDecimal> maximum();

        OptionalInt minLength();

        OptionalInt maxLength();

        /** The only values allowed. */
        Optional<List<String>> allowed();

        /** Message instead of the generated one. */
        Optional<String> message();
    }

    interface Check {
        /** The rule applies only when this holds (a {@link RuleExpression}); always when absent. */
        Optional<String> when();

        /** What must hold (a {@link RuleExpression}). */
        String require();

        /** Shown to the client when the rule fails. */
        String message();

        /** The field the error is reported on; the first field the rule names when absent. */
        Optional<String> field();
    }
}
