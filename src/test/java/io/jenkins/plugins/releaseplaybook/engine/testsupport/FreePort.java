package io.jenkins.plugins.releaseplaybook.engine.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/** Free TCP ports on 127.0.0.1, for servers started by tests. */
public final class FreePort {

    private FreePort() {}

    /** A port on 127.0.0.1 that was free a moment ago (the kernel picked it; nothing listens on it now). */
    public static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not bind a socket on 127.0.0.1 to find a free port", e);
        }
    }

    /** A URL on 127.0.0.1 where nothing listens: connecting to it is refused. */
    public static URI closedUrl() {
        return URI.create("http://127.0.0.1:" + find());
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
