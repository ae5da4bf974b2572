package dev.orderengine.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback that can play a database restart: {@link #cut()} closes every open connection and
 * stops listening, so new connections are refused, as while PostgreSQL restarts; {@link #restore()} listens on
 * the same port again. Each connection is piped to the target by two virtual threads. Thread-safe.
 */
final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;

    private TcpProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
        this.port = listener.getLocalPort();
        acceptOn(listener);
    }

    /** Listens on a free loopback port and forwards every connection to {@code host:port}. */
    static TcpProxy to(String host, int port) throws IOException {
        return new TcpProxy(new InetSocketAddress(host, port), listen(0));
    }

    int port() {
        return port;
    }

    /** Closes every connection and refuses new ones until {@link #restore()}. */
    synchronized void cut() {
        closeQuietly(listener);
        listener = null;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    synchronized void restore() {
        if (listener == null) {
            try {
                listener = listen(port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on port " + port + " again", e);
            }
            acceptOn(listener);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void acceptOn(ServerSocket socket) {
        Thread.ofVirtual().name("proxy-accept-" + port).start(() -> {
            while (!socket.isClosed()) {
                try {
                    connect(socket.accept());
                } catch (IOException closed) {
                    return; // cut
                }
            }
        });
    }

    private void connect(Socket client) throws IOException {
        Socket server = new Socket();
        try {
            // As the driver does on its own socket: without it Nagle's algorithm holds back each small message.
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(target, 3_000);
        } catch (IOException refused) {
            closeQuietly(client);
            return;
        }
        synchronized (this) {
            if (listener == null) { // cut while connecting
                closeQuietly(client);
                closeQuietly(server);
                return;
            }
            open.add(client);
            open.add(server);
        }
        pipe(client, server);
        pipe(server, client);
    }

    /** Copies {@code from} to {@code to} until either side closes, then closes both. */
    private void pipe(Socket from, Socket to) {
        Thread.ofVirtual().name("proxy-pipe-" + port).start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ended) {
                // one side closed: the other is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing a socket that is already gone
        }
    }
}
