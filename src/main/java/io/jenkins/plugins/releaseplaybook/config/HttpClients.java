package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.releaseplaybook.JenkinsFacade;
import io.jenkins.plugins.releaseplaybook.engine.support.HttpProbe;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP clients the plugin talks to Prometheus and Alertmanager with: one shared client per request timeout,
 * built with {@link ProxyConfiguration#newHttpClientBuilder()} so that Jenkins' proxy settings apply (the proxy,
 * its user and password, and the "No Proxy Host" patterns, which core matches against each request's host).
 *
 * <p>Why shared: every {@link HttpClient} keeps a selector thread until it is garbage collected, so a client per
 * call piles up threads. Core's builder captures the proxy settings when the client is built, so the cache is
 * dropped whenever those settings change (compared by value on every call; saving the proxy page replaces them).
 *
 * <p>A JDK limitation to know: with an authenticated proxy (a proxy user name is set), core's builder sets a proxy
 * authenticator, and then the JDK 17/21 HTTP client drops the {@code Authorization} header the engine sets for an
 * endpoint's credentials (JDK-8326949, as the Javadoc of {@link ProxyConfiguration#newHttpClientBuilder()} warns).
 */
public final class HttpClients {
    private static final Object LOCK = new Object();

    /** The proxy settings the cached clients were built with; guarded by {@link #LOCK}. */
    private static ProxySettings builtWith;

    /** One client per timeout; guarded by {@link #LOCK}. */
    private static final Map<Duration, HttpClient> CLIENTS = new HashMap<>();

    private HttpClients() {}

    /**
     * The shared client for requests with this timeout (used for connecting; the engine applies it again to each
     * answer). Configured as the engine's probes need it ({@link HttpProbe#configure}: HTTP/1.1, redirects
     * reported rather than followed) on top of Jenkins' proxy settings.
     *
     * @throws IllegalArgumentException if the timeout is not positive
     */
    @NonNull
    public static HttpClient get(@NonNull Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ProxySettings current = ProxySettings.of(new JenkinsFacade().getProxy());
        synchronized (LOCK) {
            if (!current.equals(builtWith)) {
                CLIENTS.clear(); // the old clients stop being used and are collected with their threads
                builtWith = current;
            }
            return CLIENTS.computeIfAbsent(timeout,
                    t -> HttpProbe.configure(ProxyConfiguration.newHttpClientBuilder(), t).build());
        }
    }

    /** The values of Jenkins' proxy configuration that a built client depends on; no proxy at all is one value too. */
    private static final class ProxySettings {
        private final String name;
        private final int port;
        private final String noProxyHost;
        private final String userName;
        private final Secret password;

        private ProxySettings(@CheckForNull ProxyConfiguration proxy) {
            this.name = proxy == null ? null : proxy.getName();
            this.port = proxy == null ? 0 : proxy.getPort();
            this.noProxyHost = proxy == null ? null : proxy.getNoProxyHost();
            this.userName = proxy == null ? null : proxy.getUserName();
            this.password = proxy == null ? null : proxy.getSecretPassword();
        }

        static ProxySettings of(@CheckForNull ProxyConfiguration proxy) {
            return new ProxySettings(proxy);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ProxySettings other && port == other.port && Objects.equals(name, other.name)
                    && Objects.equals(noProxyHost, other.noProxyHost) && Objects.equals(userName, other.userName)
                    && Objects.equals(password, other.password);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, port, noProxyHost, userName);
        }

        /** Never shows the password. */
        @Override
        public String toString() {
            return name == null ? "no proxy" : "proxy " + name + ":" + port;
        }
    }
}
