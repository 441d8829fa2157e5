package io.jenkins.plugins.releaseplaybook.engine.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.junit.Test;

public class HttpAuthTest {

    @Test
    public void noneSendsNoHeader() {
        assertThat(HttpAuth.none().authorizationHeader()).isEmpty();
        assertThat(HttpAuth.none()).hasToString("HttpAuth[none]");
    }

    @Test
    public void bearerSendsTheToken() {
        assertThat(HttpAuth.bearer("eyJhbGciOi.J9-_x~+/=").authorizationHeader()).contains("Bearer eyJhbGciOi.J9-_x~+/=");
        assertThat(HttpAuth.bearer("  tok3n\n").authorizationHeader()).contains("Bearer tok3n");
    }

    @Test
    public void basicSendsUtf8Base64() {
        String header = HttpAuth.basic("jenkins", "pässword:with-colon").authorizationHeader().orElseThrow();
        assertThat(header).startsWith("Basic ");
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo("jenkins:pässword:with-colon");
        assertThat(HttpAuth.basic("Aladdin", "open sesame").authorizationHeader()).contains("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertThat(HttpAuth.basic("nopass", "").authorizationHeader()).contains("Basic bm9wYXNzOg==");
    }

    @Test
    public void toStringHidesSecrets() {
        assertThat(HttpAuth.bearer("s3cr3t-token")).hasToString("HttpAuth[bearer ****]");
        HttpAuth basic = HttpAuth.basic("jenkins", "s3cr3t-password");
        assertThat(basic.toString()).isEqualTo("HttpAuth[basic user=jenkins password=****]").doesNotContain("s3cr3t");
    }

    @Test
    public void blankTokenIsRejected() {
        for (String blank : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> HttpAuth.bearer(blank))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bearer token is empty");
        }
    }

    @Test
    public void tokenWithWhitespaceIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> HttpAuth.bearer("Bearer s3cr3t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whitespace")
                .hasMessageContaining("without a 'Bearer ' prefix")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> HttpAuth.bearer("s3cr3t\u0000x"))
                .hasMessageContaining("control or non-ASCII character at position 7")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    public void credentialProblemsReadInTheReadersLanguage() {
        assertThatThrownBy(() -> HttpAuth.basic("ops:team", "pw"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.message(Locale.SIMPLIFIED_CHINESE))
                        .isEqualTo("用户名“ops:team”含有“:”，HTTP Basic 认证无法传递它：请使用不含“:”的用户名"))
                .hasMessage("The user name 'ops:team' contains ':', which HTTP Basic authentication cannot carry:"
                        + " use a user name without ':'");
    }

    @Test
    public void blankUserIsRejected() {
        for (String blank : new String[] {null, "", " "}) {
            assertThatThrownBy(() -> HttpAuth.basic(blank, "pw"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("user name for HTTP Basic authentication is empty");
        }
    }

    @Test
    public void userWithColonOrNullPasswordIsRejected() {
        assertThatThrownBy(() -> HttpAuth.basic("a:b", "pw"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains ':'");
        assertThatThrownBy(() -> HttpAuth.basic("jenkins", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password")
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> HttpAuth.basic("jenkins", "s3cr3t\n"))
                .hasMessageContaining("control character")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    public void equalityFollowsTheSecretWithoutShowingIt() {
        assertThat(HttpAuth.bearer("a")).isEqualTo(HttpAuth.bearer("a")).isNotEqualTo(HttpAuth.bearer("b"));
        assertThat(HttpAuth.basic("u", "p")).isEqualTo(HttpAuth.basic("u", "p")).isNotEqualTo(HttpAuth.basic("u", "q"));
    }

    @Test
    public void survivesSerialization() throws Exception {
        for (HttpAuth auth : new HttpAuth[] {HttpAuth.none(), HttpAuth.bearer("t"), HttpAuth.basic("u", "p")}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(auth);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                HttpAuth copy = (HttpAuth) in.readObject();
                assertThat(copy).isEqualTo(auth);
                assertThat(copy.authorizationHeader()).isEqualTo(auth.authorizationHeader());
            }
        }
        assertThat(HttpAuth.none()).isSameAs(HttpAuth.none());
    }
}
