package dev.orderengine.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code java -jar order-service.jar} process in its own working directory, configured by environment
 * variables only, its output kept in files there. Stopped by SIGTERM as an operator would, or by SIGKILL as a
 * crash would.
 */
record ServiceProcess(Process process, int port, Path stdoutFile, Path stderrFile) implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("orders.jar", "target/order-service.jar")).toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN = Duration.ofSeconds(15);
    /** How the JVM ends on SIGTERM once its shutdown hooks have run: 128 + 15. */
    private static final int EXIT_ON_SIGTERM = 143;
    /** How any process ends on SIGKILL, with no chance to run anything: 128 + 9. */
    private static final int EXIT_ON_SIGKILL = 137;

    static ServiceProcess start(Path workDir, Map<String, String> settings) throws IOException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-jar", JAR.toString()).directory(workDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ORDERS_"));
        Map<String, String> environment = new HashMap<>(Map.of("ORDERS_HTTP_PORT", Integer.toString(port),
                "ORDERS_DRAIN_DELAY", OrderServerIntegrationTest.DRAIN_DELAY));
        environment.putAll(settings);
        builder.environment().putAll(environment);
        Path stdout = workDir.resolve("stdout.log");
        Path stderr = workDir.resolve("stderr.log");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        return new ServiceProcess(builder.start(), port, stdout, stderr);
    }

    Api api() {
        return Api.at(port, null);
    }

    Api api(String adminToken) {
        return Api.at(port, adminToken);
    }

    long pid() {
        return process.pid();
    }

    void awaitHealthy() {
        Eventually.await(STARTUP, "GET /health answers 200", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited with " + process.exitValue() + ":\n" + stdout() + stderr());
            }
            try {
                return api().get("/health").status() == 200;
            } catch (UncheckedIOException notListeningYet) {
                return false;
            }
        }, () -> stdout() + stderr());
    }

    /** Sends SIGTERM; the service must end within the bound, after logging its graceful stop. */
    void stopsOnSigterm() throws InterruptedException {
        sigterm();
        exitsAfterSigterm();
    }

    /** Sends SIGTERM and returns at once: the service now drains, then stops. */
    void sigterm() {
        process.destroy();
    }

    /** After {@link #sigterm}: the service ends within the bound, after logging its graceful stop. */
    void exitsAfterSigterm() throws InterruptedException {
        assertThat(process.waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS)).as("exits within %s of SIGTERM", SHUTDOWN).isTrue();
        assertThat(process.exitValue()).isEqualTo(EXIT_ON_SIGTERM);
        String log = stdout();
        assertThat(log).contains("Stopping the order service", "Order service stopped");
        assertThat(log.indexOf("Order service stopped")).isGreaterThan(log.indexOf("Stopping the order service"));
    }

    /** Sends SIGKILL: the process ends at once, no shutdown hook, no graceful stop logged. */
    void kill() throws InterruptedException {
        assertThat(process.isAlive()).as("alive before the kill").isTrue();
        process.destroyForcibly();
        assertThat(process.waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS)).as("exits within %s of SIGKILL", SHUTDOWN).isTrue();
        assertThat(process.exitValue()).as("exit code of SIGKILL").isEqualTo(EXIT_ON_SIGKILL);
        assertThat(stdout()).doesNotContain("Stopping the order service");
    }

    String stdout() {
        return read(stdoutFile);
    }

    String stderr() {
        return read(stderrFile);
    }

    /** Kills what is still running, e.g. after a failed assertion, before the working directory is deleted. */
    @Override
    public void close() {
        process.destroyForcibly().onExit().orTimeout(SHUTDOWN.toSeconds(), TimeUnit.SECONDS).join();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
