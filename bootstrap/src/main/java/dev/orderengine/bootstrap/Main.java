package dev.orderengine.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.LoggerFactory;

/** Starts the order service from the environment (and an optional properties file) and stops it on SIGTERM. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        ServerConfig config;
        try {
            Map<String, String> settings = settings(System.getenv());
            // before anything logs: logback.xml reads it (also when it comes from the properties file); checked below
            String logFormat = settings.get("ORDERS_LOG_FORMAT");
            if (logFormat != null && !logFormat.isBlank()) {
                System.setProperty("ORDERS_LOG_FORMAT", logFormat.strip().toLowerCase(Locale.ROOT));
            }
            config = ServerConfig.from(settings);
        } catch (ConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        OrderServer server;
        try {
            // milliseconds, as every answer and event shows them: what is stored is then exactly what was answered
            server = OrderServer.start(config, Path.of("data"), Clock.tickMillis(ZoneOffset.UTC), Telemetry.from(System.getenv()));
        } catch (ConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Main.class).error("Cannot start the order service", e);
            System.err.println("Cannot start the order service: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    }

    /** The properties file ({@code ORDERS_CONFIG_FILE}, else {@code ./orders.properties} if present) overlaid by the environment. */
    static Map<String, String> settings(Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        String named = environment.get("ORDERS_CONFIG_FILE");
        Path file = Path.of(named == null || named.isBlank() ? "orders.properties" : named);
        if (named != null && !named.isBlank() && !Files.isRegularFile(file)) {
            throw new ConfigException("ORDERS_CONFIG_FILE", "no such file: " + file);
        }
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new ConfigException("ORDERS_CONFIG_FILE", "cannot read " + file + ": " + e.getMessage());
            }
            properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith("ORDERS_")) {
                values.put(name, value);
            }
        });
        return values;
    }
}
