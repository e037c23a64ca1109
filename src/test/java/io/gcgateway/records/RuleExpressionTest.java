package io.gcgateway.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

class RuleExpressionTest {
    private static final Map<String, JsonNode> ITEM = Map.of("price", new DecimalNode(new BigDecimal("19.99")),
            "quantity", IntNode.valueOf(3), "status", TextNode.valueOf("reserved"), "vip", BooleanNode.TRUE);

    @Test
    void arithmeticComparisonAndPrecedence() {
        assertThat(RuleExpression.parse("price * quantity <= 100000").test(ITEM)).isTrue();
        assertThat(RuleExpression.parse("price * quantity == 59.97").test(ITEM)).isTrue();
        assertThat(RuleExpression.parse("1 + 2 * 3 == 7").test(ITEM)).isTrue();
        assertThat(RuleExpression.parse("(1 + 2) * 3 == 9").test(ITEM)).isTrue();
        assertThat(RuleExpression.parse("-quantity < 0 && quantity / 2 == 1.5").test(ITEM)).isTrue();
    }

    @Test
    void stringsBooleansAndLogic() {
        assertThat(RuleExpression.parse("status != 'reserved' || quantity > 0").test(ITEM)).isTrue();
        assertThat(RuleExpression.parse("status == 'reserved' && quantity > 5").test(ITEM)).isFalse();
        assertThat(RuleExpression.parse("!vip").test(ITEM)).isFalse();
        assertThat(RuleExpression.parse("vip == true").test(ITEM)).isTrue();
    }

    @Test
    void missingFieldsMakeOrderingsNotApplicable() {
        assertThat(RuleExpression.parse("weight * 2 > 10").test(ITEM)).isNull();
        assertThat(RuleExpression.parse("weight == null").test(ITEM)).isTrue();
        // Logic still decides where one side settles it.
        assertThat(RuleExpression.parse("weight > 1 || quantity > 0").test(ITEM)).isTrue();
        assertThat(RuleExpression.parse("weight > 1 && quantity > 5").test(ITEM)).isFalse();
        assertThat(RuleExpression.parse("quantity / 0 > 1").test(ITEM)).isNull();
    }

    @Test
    void syntaxErrorsNameThePosition() {
        assertThatThrownBy(() -> RuleExpression.parse("price * > 3")).hasMessageContaining("at 8");
        assertThatThrownBy(() -> RuleExpression.parse("status == 'open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> RuleExpression.parse("(price > 1")).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> RuleExpression.parse("price > 1 1")).hasMessageContaining("unexpected '1'");
        assertThatThrownBy(() -> RuleExpression.parse("price ; 1")).hasMessageContaining("unexpected character ';'");
    }
}
