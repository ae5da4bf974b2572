package dev.orderengine.adapter.in.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, installed with {@code apt-get install -y chromium} when missing. When it cannot be
 * installed (not root, no apt-get, no network) the test is skipped with a message on stderr, unless the system
 * property {@code orders.test.requireChromium} is true (as in CI): then it fails. Every run gets a fresh profile in a
 * directory the test owns, and cannot reach any host but 127.0.0.1, so a page that needs anything from outside fails
 * to render.
 */
final class Chromium {

    private static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long RUN_TIMEOUT_SECONDS = 90;
    private static final long INSTALL_TIMEOUT_MINUTES = 10;
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");

    private final Path executable;
    private final Path workDir;
    private int runs;

    private Chromium(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /**
     * The installed browser, installing it first if need be; skips or fails the test when that is impossible.
     * Profiles and output go under {@code workDir}, e.g. a JUnit temporary directory.
     */
    static Chromium installed(Path workDir) {
        if (!Files.isExecutable(DEBIAN_CHROMIUM)) {
            install();
        }
        if (!Files.isExecutable(DEBIAN_CHROMIUM)) {
            String message = "SKIPPED: headless Chromium is not installed at " + DEBIAN_CHROMIUM
                    + " and 'apt-get install -y chromium' could not install it (run as root on Debian, or install it by hand)";
            if (Boolean.getBoolean("orders.test.requireChromium")) {
                throw new AssertionError(message.replace("SKIPPED: ", "") + "; orders.test.requireChromium=true");
            }
            System.err.println("*** " + message + " ***");
            Assumptions.abort(message);
        }
        return new Chromium(DEBIAN_CHROMIUM, workDir);
    }

    /** The DOM of {@code url} once its scripts have run and fetched what they fetch, within {@code budgetMillis} of virtual time. */
    String dumpDom(String url, int budgetMillis) {
        return run(List.of("--virtual-time-budget=" + budgetMillis, "--dump-dom", url));
    }

    /** Writes a PNG screenshot of {@code url} at {@code width} x {@code height} to {@code file}. */
    void screenshot(String url, int budgetMillis, int width, int height, Path file) {
        run(List.of("--virtual-time-budget=" + budgetMillis, "--window-size=" + width + "," + height,
                "--screenshot=" + file.toAbsolutePath(), url));
        assertThat(file).as("screenshot written").isNotEmptyFile();
    }

    private String run(List<String> arguments) {
        try {
            runs++;
            Path profile = Files.createDirectories(workDir.resolve("profile-" + runs));
            Path out = workDir.resolve("out-" + runs + ".html");
            List<String> command = new ArrayList<>(List.of(executable.toString()));
            command.addAll(FLAGS);
            command.add("--user-data-dir=" + profile);
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(workDir.resolve("err-" + runs + ".log").toFile()).start();
            boolean ended = process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            assertThat(ended).as("chromium ends within %d s: %s", RUN_TIMEOUT_SECONDS, command).isTrue();
            assertThat(process.exitValue()).as("chromium's exit status: %s", command).isZero();
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code apt-get install}, after an {@code apt-get update} if the package lists do not know chromium yet. */
    private static void install() {
        System.err.println("Chromium is missing: installing Debian's chromium with apt-get (a minute or two)");
        if (!aptGet("install", "-y", "-q", "chromium")) {
            aptGet("update", "-q");
            aptGet("install", "-y", "-q", "chromium");
        }
    }

    private static boolean aptGet(String... arguments) {
        List<String> command = new ArrayList<>(List.of("apt-get"));
        command.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException noAptGet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
