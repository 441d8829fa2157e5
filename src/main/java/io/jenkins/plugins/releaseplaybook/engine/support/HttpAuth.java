package io.jenkins.plugins.releaseplaybook.engine.support;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How a request to Prometheus or Alertmanager authenticates itself.
 *
 * <p>The plugin reads the secret from a Jenkins credential and hands it over through one of the
 * factories. The secret only ever leaves an instance as the value of the {@code Authorization}
 * header: {@link #toString()} never shows it, so an instance can be logged or put into a message.
 */
public interface HttpAuth extends Serializable {

    /** The value of the {@code Authorization} header, or empty to send none. */
    Optional<String> authorizationHeader();

    /** No authentication. */
    static HttpAuth none() {
        return None.INSTANCE;
    }

    /**
     * {@code Authorization: Bearer <token>} (for example a Grafana Cloud or OAuth2 proxy token).
     *
     * @throws IllegalArgumentException if the token is blank or contains whitespace or control characters
     */
    static HttpAuth bearer(String token) {
        return new Bearer(token);
    }

    /**
     * HTTP Basic authentication (RFC 7617, UTF-8).
     *
     * @throws IllegalArgumentException if the user is blank or contains ':' or control characters,
     *     or the password is null (use an empty string for a user without a password)
     */
    static HttpAuth basic(String user, String password) {
        return new Basic(user, password);
    }

    /** No {@code Authorization} header. */
    enum None implements HttpAuth {
        INSTANCE;

        @Override
        public Optional<String> authorizationHeader() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "HttpAuth[none]";
        }
    }

    /** A bearer token. */
    final class Bearer implements HttpAuth {
        private static final long serialVersionUID = 1L;

        private final String token;

        private Bearer(String token) {
            if (token == null || token.isBlank()) {
                throw new InvalidInputException(Text.of("support.auth.bearerEmpty"));
            }
            String trimmed = token.strip();
            for (int i = 0; i < trimmed.length(); i++) {
                char c = trimmed.charAt(i);
                if (Character.isWhitespace(c)) {
                    throw new InvalidInputException(Text.of("support.auth.bearerWhitespace"));
                }
                if (c < 0x21 || c > 0x7e) {
                    throw new InvalidInputException(Text.of("support.auth.bearerControl", String.valueOf(i + 1)));
                }
            }
            this.token = trimmed;
        }

        @Override
        public Optional<String> authorizationHeader() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bearer other && token.equals(other.token);
        }

        @Override
        public int hashCode() {
            return token.hashCode();
        }

        @Override
        public String toString() {
            return "HttpAuth[bearer ****]";
        }
    }

    /** A user name and password. */
    final class Basic implements HttpAuth {
        private static final long serialVersionUID = 1L;

        private final String user;
        private final String password;

        private Basic(String user, String password) {
            if (user == null || user.isBlank()) {
                throw new InvalidInputException(Text.of("support.auth.userEmpty"));
            }
            if (user.indexOf(':') >= 0) {
                throw new InvalidInputException(Text.of("support.auth.userColon", printable(user)));
            }
            if (hasControlCharacter(user)) {
                throw new InvalidInputException(Text.of("support.auth.userControl"));
            }
            if (password == null) {
                throw new InvalidInputException(Text.of("support.auth.passwordMissing", printable(user)));
            }
            if (hasControlCharacter(password)) {
                throw new InvalidInputException(Text.of("support.auth.passwordControl", printable(user)));
            }
            this.user = user;
            this.password = password;
        }

        /** The user name (not a secret). */
        public String user() {
            return user;
        }

        @Override
        public Optional<String> authorizationHeader() {
            String pair = user + ':' + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Basic other && user.equals(other.user) && password.equals(other.password);
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, password);
        }

        @Override
        public String toString() {
            return "HttpAuth[basic user=" + printable(user) + " password=****]";
        }

        private static boolean hasControlCharacter(String s) {
            return s.chars().anyMatch(Character::isISOControl);
        }

        private static String printable(String s) {
            StringBuilder b = new StringBuilder(s.length());
            s.codePoints().forEach(cp -> {
                if (Character.isISOControl(cp)) {
                    b.append('?');
                } else {
                    b.appendCodePoint(cp);
                }
            });
            return b.toString();
        }
    }
}
