package io.gcgateway.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Genesys page-number envelope ({@code entities, pageSize, pageNumber, total, pageCount} and the
 * {@code firstUri/selfUri/nextUri/previousUri/lastUri} links) over an in-memory list.
 */
public final class PageEnvelope {
    private PageEnvelope() {
    }

    /**
     * @param path the API path the links point at, e.g. {@code /api/v2/integrations/actions}
     * @param query the other query parameters of the request, repeated in every link
     */
    public static Map<String, Object> of(List<?> all, Integer pageSize, Integer pageNumber, String path,
            Map<String, String> query) {
        int size = pageSize == null ? 25 : pageSize;
        int number = pageNumber == null ? 1 : pageNumber;
        if (size < 1 || size > 500 || number < 1) {
            throw SimulatorException.badRequest("pageSize must be 1-500 and pageNumber >= 1");
        }
        int pageCount = Math.max(1, (all.size() + size - 1) / size);
        int from = Math.min(all.size(), (number - 1) * size);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("entities", all.subList(from, Math.min(all.size(), from + size)));
        envelope.put("pageSize", size);
        envelope.put("pageNumber", number);
        envelope.put("total", all.size());
        envelope.put("pageCount", pageCount);
        envelope.put("firstUri", uri(path, query, size, 1));
        envelope.put("selfUri", uri(path, query, size, number));
        envelope.put("nextUri", number < pageCount ? uri(path, query, size, number + 1) : null);
        envelope.put("previousUri", number > 1 ? uri(path, query, size, number - 1) : null);
        envelope.put("lastUri", uri(path, query, size, pageCount));
        return envelope;
    }

    private static String uri(String path, Map<String, String> query, int pageSize, int pageNumber) {
        String others = query.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> "&" + e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining());
        return path + "?pageSize=" + pageSize + "&pageNumber=" + pageNumber + others;
    }
}
