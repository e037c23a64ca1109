package io.gcgateway.webhooks;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where webhooks may point. At registration only the URL's syntax and scheme are checked; at each delivery the host is
 * resolved and every address it resolves to must be public (or inside a configured private network), since DNS can
 * change after registration. The delivery then connects to the checked address itself, not to a second lookup.
 */
@ApplicationScoped
class TargetAddressPolicy {
    private final List<Cidr> allowed = new ArrayList<>();

    TargetAddressPolicy(WebhooksConfig config) {
        for (String cidr : config.allowedPrivateNetworks().orElse(List.of())) {
            allowed.add(Cidr.parse(cidr));
        }
    }

    /** Why the URL cannot be a webhook target, or null. */
    static String syntaxProblem(String url) {
        if (url == null || url.isBlank() || url.length() > 2048) {
            return "must be an absolute http or https URL of at most 2048 characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getReason();
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            return "must use http or https";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "must name a host";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials; use the webhook secret";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment";
        }
        return null;
    }

    /**
     * The address to connect to (a blocking DNS lookup); {@link RefusedTargetException} when the host resolves to any
     * address that is not allowed.
     */
    InetAddress resolve(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("cannot resolve " + host, e);
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address) && allowed.stream().noneMatch(cidr -> cidr.contains(address))) {
                throw new RefusedTargetException(host + " resolves to " + address.getHostAddress()
                        + ", a non-public address; allow its network in webhooks.allowed-private-networks to deliver there");
            }
        }
        return addresses[0];
    }

    private static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 100.64/10 carrier-grade NAT, 0/8, 192.0.0/24, 198.18/15 benchmarking, 240/4 reserved.
            return !(first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 192 && second == 0
                    && (bytes[2] & 0xff) == 0) || (first == 198 && (second == 18 || second == 19)) || first >= 240);
        }
        // fc00::/7 unique local.
        return (bytes[0] & 0xfe) != 0xfc;
    }

    /** A delivery target that resolved to an address the gateway may not call. */
    static final class RefusedTargetException extends RuntimeException {
        RefusedTargetException(String message) {
            super(message, null, false, false);
        }
    }

    private record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            String[] parts = text.trim().split("/");
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException();
                }
                return new Cidr(network, prefix);
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalStateException("webhooks.allowed-private-networks: '" + text + "' is not a CIDR such as 10.0.0.0/8");
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
