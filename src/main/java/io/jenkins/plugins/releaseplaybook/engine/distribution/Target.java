package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One host to distribute to, as people write it: {@code host}, {@code user@host}, {@code user@host:port},
 * {@code [::1]}, {@code deploy@[2001:db8::7]:2222}. An IPv6 address is written in brackets when a port follows.
 *
 * @param user the login name, {@code null} to use the credentials' user name
 * @param host a host name, an IPv4 address, or an IPv6 address (without brackets)
 * @param port the SSH port
 */
public record Target(String user, String host, int port) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_PORT = 22;

    private static final Pattern FORM = Pattern.compile(
            "(?:(?<user>[^@\\s]+)@)?(?:\\[(?<v6>[^\\]\\s]+)]|(?<name>[^:@\\[\\]\\s]+))(?::(?<port>[^:\\s]*))?");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}(?:%[A-Za-z0-9_.-]{1,32})?");

    public Target {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    /**
     * @throws DistributionException {@link Kind#INVALID_SPEC} quoting the text and the accepted forms
     */
    public static Target parse(String text) throws DistributionException {
        String trimmed = text == null ? "" : text.strip();
        // A bare IPv6 address (two colons or more, no brackets) has no port.
        if (trimmed.chars().filter(c -> c == ':').count() >= 2 && !trimmed.contains("[")) {
            int at = trimmed.lastIndexOf('@');
            String user = at < 0 ? null : trimmed.substring(0, at);
            String address = trimmed.substring(at + 1);
            if (IPV6.matcher(address).matches() && (user == null || USER.matcher(user).matches())) {
                return new Target(user, address, DEFAULT_PORT);
            }
            throw invalid(trimmed);
        }
        Matcher m = FORM.matcher(trimmed);
        if (!m.matches()) {
            throw invalid(trimmed);
        }
        String user = m.group("user");
        if (user != null && !USER.matcher(user).matches()) {
            throw invalid(trimmed);
        }
        String host = m.group("v6") != null ? m.group("v6") : m.group("name");
        if (m.group("v6") != null ? !IPV6.matcher(host).matches() || !host.contains(":")
                : !HOST_NAME.matcher(host).matches()) {
            throw invalid(trimmed);
        }
        int port = DEFAULT_PORT;
        if (m.group("port") != null) {
            String digits = m.group("port");
            if (!digits.matches("\\d{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
                throw new DistributionException(Kind.INVALID_SPEC, Text.of("distribution.target.port", trimmed, digits));
            }
            port = Integer.parseInt(digits);
        }
        return new Target(user, host, port);
    }

    /**
     * Targets one per line or separated by commas or blanks; blank lines and {@code #} comments are ignored.
     * Duplicates are refused.
     */
    public static List<Target> parseList(String text) throws DistributionException {
        List<Target> targets = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String line : (text == null ? "" : text).split("\\R")) {
            int hash = line.indexOf('#');
            String content = hash < 0 ? line : line.substring(0, hash);
            for (String word : content.split("[,\\s]+")) {
                if (word.isEmpty()) {
                    continue;
                }
                Target target = parse(word);
                if (!seen.add(target.toString())) {
                    throw new DistributionException(Kind.INVALID_SPEC, Text.of("distribution.target.duplicate", target.toString()));
                }
                targets.add(target);
            }
        }
        return targets;
    }

    /** The same target with {@code user} if it names none. */
    public Target withDefaultUser(String defaultUser) {
        return user != null || defaultUser == null ? this : new Target(defaultUser, host, port);
    }

    /** Whether the host is an IPv6 address. */
    public boolean isIpv6() {
        return host.contains(":");
    }

    /** {@code host}, or {@code [host]:port} when the port is not 22: the name known_hosts files use. */
    public String knownHostsName() {
        return port == DEFAULT_PORT ? host : "[" + host + "]:" + port;
    }

    /** {@code user@host:port} as it parses back; the port only when not 22. */
    @Override
    public String toString() {
        String address = isIpv6() ? "[" + host + "]" : host;
        return (user == null ? "" : user + "@") + address + (port == DEFAULT_PORT ? "" : ":" + port);
    }

    private static DistributionException invalid(String text) {
        return new DistributionException(Kind.INVALID_SPEC, Text.of("distribution.target.invalid", text));
    }
}
