package io.gcgateway.simulator.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The seeded actions, written the way Genesys stores them: declarative request/response templates (Velocity)
 * over a JSON-Schema contract. Their URLs point at 127.0.0.1 placeholders; tests create their own actions for
 * servers they run.
 */
final class SeededActions {
    private SeededActions() {
    }

    static ObjectNode[] all(ObjectMapper mapper, String erpIntegrationId, String genesysIntegrationId) {
        return new ObjectNode[] {
                action(mapper, "Get Order Status", "ERP Actions", erpIntegrationId, """
                        { "type": "object", "required": ["order"], "properties": {
                            "order": { "type": "object", "required": ["id", "lines"], "properties": {
                              "id": { "type": "string", "pattern": "^SO-[0-9]+$" },
                              "placedAt": { "type": "string", "format": "date-time" },
                              "lines": { "type": "array", "minItems": 1, "items": { "type": "object",
                                "required": ["sku", "qty"], "properties": {
                                  "sku": { "type": "string" }, "qty": { "type": "integer", "minimum": 1 },
                                  "options": { "type": "object", "properties": {
                                    "giftWrap": { "type": "boolean" },
                                    "engraving": { "type": "object", "properties": {
                                      "text": { "type": "string", "maxLength": 40 },
                                      "font": { "type": "string", "enum": ["serif", "sans", "script"] } } } } } } } } } } } }""",
                        """
                        { "type": "object", "properties": { "status": { "type": "string" }, "eta": { "type": "string" } } }""",
                        """
                        { "timeoutSeconds": 20, "request": {
                            "requestUrlTemplate": "http://127.0.0.1:9/erp/orders/${input.order.id}/status",
                            "requestType": "POST", "headers": { "Content-Type": "application/json" },
                            "requestTemplate": "{\\"lines\\": $input.order.lines}" },
                          "response": { "translationMap": { "status": "$.data.status", "eta": "$.data.eta" },
                            "translationMapDefaults": { "eta": "\\"\\"" },
                            "successTemplate": "{\\"status\\": ${status}, \\"eta\\": ${eta}}" } }"""),
                action(mapper, "Create ERP Ticket", "ERP Actions", erpIntegrationId, """
                        { "type": "object", "required": ["subject"], "additionalProperties": true, "properties": {
                            "subject": { "type": "string", "minLength": 1 },
                            "priority": { "type": "string", "enum": ["low", "normal", "high", "urgent"] },
                            "customer": { "type": "object", "properties": { "email": { "type": "string", "format": "email" } } } } }""",
                        """
                        { "type": "object", "additionalProperties": true, "properties": { "id": { "type": "string" } } }""",
                        """
                        { "timeoutSeconds": 15, "request": {
                            "requestUrlTemplate": "http://127.0.0.1:9/erp/tickets", "requestType": "POST",
                            "headers": { "Content-Type": "application/json" },
                            "requestTemplate": "{ \\"subject\\": \\"$esc.jsonString(${input.subject})\\", \\"priority\\": \\"$!{input.priority}\\" }" },
                          "response": { "translationMap": {}, "translationMapDefaults": {}, "successTemplate": "${rawResult}" } }"""),
                action(mapper, "Search Customers", "ERP Actions", erpIntegrationId, """
                        { "type": "object", "required": ["query"], "properties": {
                            "query": { "type": "string" }, "pageSize": { "type": "integer", "minimum": 1, "maximum": 100 },
                            "cursor": { "type": "string" } } }""",
                        """
                        { "type": "object", "properties": {
                            "items": { "type": "array", "items": { "type": "object" } },
                            "nextCursor": { "type": "string" } } }""",
                        """
                        { "timeoutSeconds": 10, "request": {
                            "requestUrlTemplate": "http://127.0.0.1:9/crm/customers?q=$esc.url(${input.query})&cursor=$!{input.cursor}",
                            "requestType": "GET", "headers": {}, "requestTemplate": "${input.rawRequest}" },
                          "response": { "translationMap": { "items": "$.items", "nextCursor": "$.next" },
                            "translationMapDefaults": { "nextCursor": "null" },
                            "successTemplate": "{\\"items\\": ${items}, \\"nextCursor\\": ${nextCursor}}" } }"""),
                action(mapper, "Get User Presence", "Genesys Cloud Data Actions", genesysIntegrationId, """
                        { "type": "object", "required": ["userId"], "properties": { "userId": { "type": "string" } } }""",
                        """
                        { "type": "object", "properties": { "presence": { "type": "string" } } }""",
                        """
                        { "timeoutSeconds": 5, "request": {
                            "requestUrlTemplate": "/api/v2/users/${input.userId}/presences/purecloud", "requestType": "GET",
                            "headers": {}, "requestTemplate": "${input.rawRequest}" },
                          "response": { "translationMap": { "presence": "$.presenceDefinition.systemPresence" },
                            "translationMapDefaults": {}, "successTemplate": "{\\"presence\\": ${presence}}" } }""") };
    }

    private static ObjectNode action(ObjectMapper mapper, String name, String category, String integrationId,
            String inputSchema, String successSchema, String config) {
        try {
            ObjectNode action = mapper.createObjectNode();
            action.put("name", name);
            action.put("category", category);
            action.put("integrationId", integrationId);
            action.put("secure", false);
            ObjectNode contract = action.putObject("contract");
            contract.putObject("input").set("inputSchema", mapper.readTree(inputSchema));
            contract.putObject("output").set("successSchema", mapper.readTree(successSchema));
            action.set("config", mapper.readTree(config));
            return action;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Seeded action '" + name + "' is not valid JSON", e);
        }
    }
}
