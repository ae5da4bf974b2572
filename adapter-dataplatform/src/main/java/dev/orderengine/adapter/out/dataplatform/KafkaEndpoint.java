package dev.orderengine.adapter.out.dataplatform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the Kafka data platform is: {@code kafka://host:port[,host:port...]/topic} (SPEC §3), the brokers to bootstrap
 * from and the topic the events go to. IPv6 hosts are written in brackets ({@code [::1]:9092}).
 */
public record KafkaEndpoint(List<String> bootstrapServers, String topic) {

    static final String SCHEME = "kafka://";
    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern HOST = Pattern.compile("[a-zA-Z0-9.-]+|\\[[0-9a-fA-F:.]+]");

    public KafkaEndpoint {
        bootstrapServers = List.copyOf(bootstrapServers);
        Objects.requireNonNull(topic, "topic");
        if (bootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("no broker given");
        }
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("'" + topic + "' is not a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)");
        }
    }

    /**
     * Reads {@code kafka://host:port[,host:port...]/topic}.
     *
     * @throws IllegalArgumentException with a one-line reason when {@code url} is not of that form
     */
    public static KafkaEndpoint parse(String url) {
        if (!url.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new IllegalArgumentException("expected kafka://host:port[,host:port]/topic, got '" + url + "'");
        }
        String rest = url.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("no topic in '" + url + "': expected kafka://host:port[,host:port]/topic");
        }
        List<String> servers = new ArrayList<>();
        for (String server : rest.substring(0, slash).split(",", -1)) {
            servers.add(hostAndPort(server, url));
        }
        return new KafkaEndpoint(servers, rest.substring(slash + 1));
    }

    /** The servers as Kafka's {@code bootstrap.servers} takes them. */
    public String bootstrapServersConfig() {
        return String.join(",", bootstrapServers);
    }

    @Override
    public String toString() {
        return SCHEME + bootstrapServersConfig() + "/" + topic;
    }

    private static String hostAndPort(String server, String url) {
        int colon = server.lastIndexOf(':');
        if (colon <= 0 || !HOST.matcher(server.substring(0, colon)).matches()) {
            throw new IllegalArgumentException("'" + server + "' in '" + url + "' is not host:port");
        }
        String port = server.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
            throw new IllegalArgumentException("'" + port + "' in '" + url + "' is not a port (1 to 65535)");
        }
        return server;
    }
}
