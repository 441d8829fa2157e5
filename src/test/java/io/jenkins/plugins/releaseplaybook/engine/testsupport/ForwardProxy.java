package io.jenkins.plugins.releaseplaybook.engine.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small, real HTTP forward proxy on loopback for tests: it accepts what an HTTP client sends to a proxy for
 * a plain {@code http://} URL (the request line in absolute form, {@code GET http://host:port/path HTTP/1.1}),
 * records the request line, forwards the request to its origin in origin form (without the {@code Proxy-*}
 * headers) and relays the answer. One request per connection (it answers with {@code Connection: close});
 * no {@code CONNECT}, so no https. Start it with {@link #start()}, close it after the test.
 */
public final class ForwardProxy implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "test-forward-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private ForwardProxy(ServerSocket server) {
        this.server = server;
    }

    /** A proxy listening on a free loopback port. */
    public static ForwardProxy start() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ForwardProxy proxy = new ForwardProxy(socket);
        proxy.threads.execute(proxy::acceptLoop);
        return proxy;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    public int port() {
        return server.getLocalPort();
    }

    /** A selector that sends every request through this proxy, as {@code HttpClient.Builder.proxy} takes it. */
    public ProxySelector selector() {
        return ProxySelector.of(address());
    }

    /** The request lines received, in order, such as {@code POST http://127.0.0.1:4711/api/v1/query HTTP/1.1}. */
    public List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    /** What went wrong while forwarding (empty when everything was relayed). */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> relay(client));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                failures.add("accept: " + e);
            }
        }
    }

    private void relay(Socket client) {
        try (client) {
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            String requestLine = readLine(fromClient);
            List<String> headers = readHeaders(fromClient);
            requestLines.add(requestLine);
            String[] parts = requestLine.split(" ");
            URI target = parts.length == 3 ? URI.create(parts[1]) : null;
            if (target == null || !"http".equals(target.getScheme())) {
                failures.add("not a plain-http proxy request: " + requestLine);
                client.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            byte[] body = fromClient.readNBytes(contentLength(headers));
            try (Socket origin = new Socket(target.getHost(), target.getPort() == -1 ? 80 : target.getPort())) {
                StringBuilder head = new StringBuilder(parts[0]).append(' ').append(originForm(target)).append(" HTTP/1.1\r\n");
                for (String header : headers) {
                    String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                    if (!name.equals("connection") && !name.equals("proxy-connection") && !name.equals("keep-alive")
                            && !name.startsWith("proxy-")) {
                        head.append(header).append("\r\n");
                    }
                }
                head.append("Connection: close\r\n\r\n");
                OutputStream toOrigin = origin.getOutputStream();
                toOrigin.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                toOrigin.write(body);
                toOrigin.flush();

                InputStream fromOrigin = new BufferedInputStream(origin.getInputStream());
                String statusLine = readLine(fromOrigin);
                StringBuilder answer = new StringBuilder(statusLine).append("\r\n");
                for (String header : readHeaders(fromOrigin)) {
                    if (!header.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                        answer.append(header).append("\r\n");
                    }
                }
                answer.append("Connection: close\r\n\r\n");
                OutputStream toClient = client.getOutputStream();
                toClient.write(answer.toString().getBytes(StandardCharsets.ISO_8859_1));
                fromOrigin.transferTo(toClient); // the origin closes after the answer (Connection: close)
                toClient.flush();
            }
        } catch (IOException e) {
            failures.add("relay: " + e);
        }
    }

    private static String originForm(URI target) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        return target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
    }

    private static int contentLength(List<String> headers) {
        for (String header : headers) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(header.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    private static List<String> readHeaders(InputStream in) throws IOException {
        List<String> headers = new ArrayList<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            headers.add(line);
        }
        return headers;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new EOFException("the connection closed in the middle of the message head");
            }
            if (line.size() > MAX_HEAD_BYTES) {
                throw new IOException("message head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
