package dev.orderengine.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a plain socket, for requests the JDK client will not send as written (header values
 * beyond printable ASCII, sent here as UTF-8). The connection is closed after the answer.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** The status, Content-Type and body of one answer. */
    record Answer(int status, String contentType, String body) {
    }

    private static String[] parts(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no complete HTTP answer: " + text);
        }
        return new String[] {text.substring(0, end), text.substring(end + 4)};
    }

    /** Sends {@code request} (a body meant to be streamed goes with its length here) and reads the answer. */
    static Answer exchange(URI base, BadRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(request.method() + " " + request.path() + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (request.body() != null) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (request.body() != null) {
            out.write(request.body());
        }
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(out.toByteArray());
            String[] parts = parts(socket.getInputStream().readAllBytes());
            String[] lines = parts[0].split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            String contentType = "";
            boolean chunked = false;
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).strip();
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            return new Answer(status, contentType, chunked ? dechunk(parts[1]) : parts[1]);
        }
    }

    private static String dechunk(String body) {
        StringBuilder content = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return content.toString();
            }
            content.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
