package io.jenkins.plugins.releaseplaybook.engine.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Parses the base URL of a server (Prometheus, Alertmanager) as an administrator types it.
 *
 * <p>The result is an absolute {@code http} or {@code https} URI with a host, without user info,
 * query, fragment or trailing slash, so that API paths can be appended with {@link #append}.
 * Every error message quotes the value and says what to do; a password typed into the URL is
 * never repeated.
 */
public final class EndpointUrl {

    private static final Pattern SCHEME_WITH_SLASHES = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);
    private static final Pattern SCHEME_ONE_SLASH = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:/(?!/).*", Pattern.DOTALL);
    private static final Pattern LIST_SEPARATOR = Pattern.compile(",");
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    private EndpointUrl() {}

    /**
     * Parses one base URL.
     *
     * @throws IllegalArgumentException with a message a person can act on
     */
    public static URI parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(Text.of("support.url.empty"));
        }
        String value = text.strip();

        // Credentials first: every later message quotes the value, and it must not quote a password.
        String userInfo = userInfoOf(value);
        if (userInfo != null) {
            String redacted = value.replace(userInfo + "@", "****@");
            String without = value.replace(userInfo + "@", "");
            throw invalid(Text.of("support.url.credentials", redacted, without));
        }

        int space = firstWhitespace(value);
        if (space >= 0) {
            throw invalid(Text.of("support.url.whitespace", value, space + 1));
        }

        if (!SCHEME_WITH_SLASHES.matcher(value).matches()) {
            if (SCHEME_ONE_SLASH.matcher(value).matches()) {
                throw invalid(Text.of("support.url.oneSlash", value, value.replaceFirst(":/", "://")));
            }
            throw invalid(Text.of("support.url.noScheme", value));
        }

        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            int index = e.getIndex();
            // The reason is Java's own English text; the position and the advice are ours.
            Text problem = index >= 0 && index < value.length()
                    ? Text.of("support.url.syntaxAt", value, lowerFirst(e.getReason()), index + 1, value.charAt(index))
                    : Text.of("support.url.syntax", value, lowerFirst(e.getReason()));
            throw new InvalidInputException(problem, e);
        }

        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(Text.of("support.url.scheme", value, uri.getScheme()));
        }
        if (uri.getHost() == null) {
            throw invalid(hostProblem(value, uri.getRawAuthority()));
        }
        int port = uri.getPort();
        if (port == 0 || port > 65535) {
            throw invalid(Text.of("support.url.portRange", value, port));
        }
        if (uri.getRawQuery() != null) {
            throw invalid(Text.of("support.url.query", value, uri.getRawQuery(), base(scheme, uri)));
        }
        if (uri.getRawFragment() != null) {
            throw invalid(Text.of("support.url.fragment", value, uri.getRawFragment(), base(scheme, uri)));
        }
        return URI.create(base(scheme, uri));
    }

    /**
     * Parses a list of base URLs, one a line; commas separate URLs too. Blank lines and entries are
     * ignored, so an empty text gives an empty list.
     *
     * @throws IllegalArgumentException naming the line of the first bad or repeated URL
     */
    public static List<URI> parseList(String lines) {
        if (lines == null || lines.isBlank()) {
            return List.of();
        }
        Map<URI, Integer> seen = new LinkedHashMap<>();
        String[] split = LINE_BREAK.split(lines, -1);
        for (int i = 0; i < split.length; i++) {
            int lineNumber = i + 1;
            for (String entry : LIST_SEPARATOR.split(split[i], -1)) {
                if (entry.isBlank()) {
                    continue;
                }
                URI uri;
                try {
                    uri = parse(entry);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(Text.of("support.url.line", lineNumber, Text.ofFailure(e)), e);
                }
                Integer first = seen.putIfAbsent(uri, lineNumber);
                if (first != null) {
                    throw invalid(Text.of("support.url.twice", lineNumber, uri, first));
                }
            }
        }
        return List.copyOf(new ArrayList<>(seen.keySet()));
    }

    /**
     * Appends an API path to a base URL, keeping the base's own path ({@code http://h/prom} +
     * {@code /-/healthy} = {@code http://h/prom/-/healthy}), unlike {@link URI#resolve(String)}.
     */
    public static URI append(URI base, String path) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(path, "path");
        String b = stripTrailingSlashes(base.toString());
        return URI.create(b + (path.startsWith("/") ? path : "/" + path));
    }

    private static String base(String scheme, URI uri) {
        StringBuilder b = new StringBuilder(scheme).append("://").append(uri.getHost());
        if (uri.getPort() != -1) {
            b.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        if (path != null) {
            b.append(stripTrailingSlashes(path));
        }
        return b.toString();
    }

    private static String stripTrailingSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * The user info of the text ("user:password" in "http://user:password@host/"), or null. A
     * password may contain '/', so an '@' after the first '/' still ends the user info when what
     * precedes that '/' cannot be a host and port ("http://user:pa/ss@host").
     */
    private static String userInfoOf(String value) {
        int schemeEnd = value.indexOf("://");
        int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int end = value.length();
        int firstSlash = -1;
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' && firstSlash < 0) {
                firstSlash = i;
            }
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        int at = value.lastIndexOf('@', end - 1);
        if (at < start) {
            return null;
        }
        if (firstSlash < 0 || at < firstSlash) {
            return value.substring(start, at);
        }
        String hostAndPort = value.substring(start, firstSlash);
        int colon = hostAndPort.lastIndexOf(':');
        boolean portIsNumber = colon < 0
                || hostAndPort.endsWith("]")
                || hostAndPort.substring(colon + 1).chars().allMatch(Character::isDigit);
        return portIsNumber ? null : value.substring(start, at);
    }

    private static InvalidInputException invalid(Text text) {
        return new InvalidInputException(text);
    }

    private static Text hostProblem(String value, String authority) {
        if (authority == null || authority.isEmpty()) {
            return Text.of("support.url.noHost", value);
        }
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]")) {
            String port = authority.substring(colon + 1);
            if (!port.chars().allMatch(Character::isDigit)) {
                return Text.of("support.url.portNotNumber", value, port);
            }
            authority = authority.substring(0, colon);
        }
        return Text.of("support.url.badHost", value, authority);
    }

    private static int firstWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i)) || Character.isSpaceChar(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
