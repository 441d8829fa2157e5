package io.jenkins.plugins.releaseplaybook.engine.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.Test;

public class EndpointUrlTest {

    @Test
    public void parsesHttpAndHttpsAndDropsTrailingSlashes() {
        assertThat(EndpointUrl.parse("http://prometheus.example.com:9090")).hasToString("http://prometheus.example.com:9090");
        assertThat(EndpointUrl.parse("  https://prom.example.com/  ")).hasToString("https://prom.example.com");
        assertThat(EndpointUrl.parse("http://proxy.example.com/prometheus//")).hasToString("http://proxy.example.com/prometheus");
        assertThat(EndpointUrl.parse("HTTP://Prom:9090/")).hasToString("http://Prom:9090");
        assertThat(EndpointUrl.parse("http://[::1]:9093/")).hasToString("http://[::1]:9093");
        assertThat(EndpointUrl.parse("http://h/a%20b/")).hasToString("http://h/a%20b");
    }

    @Test
    public void resultIsAbsoluteWithHost() {
        URI uri = EndpointUrl.parse("http://127.0.0.1:9090");
        assertThat(uri.isAbsolute()).isTrue();
        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        assertThat(uri.getPort()).isEqualTo(9090);
    }

    @Test
    public void blankIsRejected() {
        for (String blank : new String[] {null, "", "   ", "\n"}) {
            assertThatThrownBy(() -> EndpointUrl.parse(blank))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty")
                    .hasMessageContaining("enter the base URL");
        }
    }

    @Test
    public void syntaxErrorSaysWhere() {
        assertThatThrownBy(() -> EndpointUrl.parse("http://prom|etheus:9090/a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"http://prom|etheus:9090/a\"")
                .hasMessageContaining("is not a valid URL")
                .hasMessageContaining("at character");
        assertThatThrownBy(() -> EndpointUrl.parse("http://prom/a|b"))
                .hasMessageContaining("illegal character in path at character 14 ('|')");
    }

    @Test
    public void spaceIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> EndpointUrl.parse("http://prom etheus:9090"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"http://prom etheus:9090\"")
                .hasMessageContaining("space")
                .hasMessageContaining("character 12");
    }

    @Test
    public void missingSchemeSuggestsOne() {
        assertThatThrownBy(() -> EndpointUrl.parse("prometheus.example.com:9090"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"prometheus.example.com:9090\" has no scheme")
                .hasMessageContaining("\"http://prometheus.example.com:9090\"");
        assertThatThrownBy(() -> EndpointUrl.parse("http:/prom:9090"))
                .hasMessageContaining("missing a '/'")
                .hasMessageContaining("\"http://prom:9090\"");
    }

    @Test
    public void otherSchemesAreRejected() {
        assertThatThrownBy(() -> EndpointUrl.parse("ftp://prom.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"ftp://prom.example.com\" uses the scheme \"ftp\"")
                .hasMessageContaining("only http:// and https://");
    }

    @Test
    public void missingHostIsRejected() {
        assertThatThrownBy(() -> EndpointUrl.parse("http:///api"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"http:///api\" has no host");
        assertThatThrownBy(() -> EndpointUrl.parse("http://prom_server:9090"))
                .hasMessageContaining("\"prom_server\" is not a host name");
        assertThatThrownBy(() -> EndpointUrl.parse("http://prom:90a"))
                .hasMessageContaining("port \"90a\", which is not a number");
    }

    @Test
    public void portOutOfRangeIsRejected() {
        assertThatThrownBy(() -> EndpointUrl.parse("http://prom:99999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port 99999")
                .hasMessageContaining("1 to 65535");
    }

    @Test
    public void credentialsInTheUrlAreRejectedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> EndpointUrl.parse("https://admin:s3cr3t@prom.example.com:9090/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("put credentials in a Jenkins credential, not in the URL")
                .hasMessageContaining("\"https://****@prom.example.com:9090/\"")
                .hasMessageContaining("\"https://prom.example.com:9090/\"")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    public void passwordIsNotEchoedEvenWhenTheUrlIsOtherwiseBroken() {
        for (String text : new String[] {
            "http://admin:s3cr3t@prom etheus", // also has a space
            "admin:s3cr3t@prom:9090", // also has no scheme
            "http://admin:pa/s3cr3t@prom:9090", // password with '/'
            "ftp://admin:s3cr3t@prom", // also the wrong scheme
        }) {
            assertThatThrownBy(() -> EndpointUrl.parse(text))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("put credentials in a Jenkins credential, not in the URL")
                    .hasMessageNotContaining("s3cr3t");
        }
    }

    @Test
    public void atSignInAPathIsNotMistakenForCredentials() {
        assertThat(EndpointUrl.parse("http://prom:9090/team@x")).hasToString("http://prom:9090/team@x");
    }

    @Test
    public void queryAndFragmentAreRejected() {
        assertThatThrownBy(() -> EndpointUrl.parse("http://prom:9090/?orgId=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains a query (\"?orgId=1\")")
                .hasMessageContaining("\"http://prom:9090\"");
        assertThatThrownBy(() -> EndpointUrl.parse("http://prom:9090/graph#tab"))
                .hasMessageContaining("contains a fragment (\"#tab\")")
                .hasMessageContaining("\"http://prom:9090/graph\"");
        assertThatThrownBy(() -> EndpointUrl.parse("http://prom:9090/?"))
                .hasMessageContaining("contains a query");
    }

    @Test
    public void listAcceptsLinesAndCommasAndIgnoresBlanks() {
        assertThat(EndpointUrl.parseList("http://am1:9093\n\n  http://am2:9093/ , https://am3:9093\r\n"))
                .containsExactly(
                        URI.create("http://am1:9093"), URI.create("http://am2:9093"), URI.create("https://am3:9093"));
        assertThat(EndpointUrl.parseList("")).isEmpty();
        assertThat(EndpointUrl.parseList(null)).isEmpty();
        assertThat(EndpointUrl.parseList(" \n , \n")).isEmpty();
    }

    @Test
    public void listErrorNamesTheLine() {
        assertThatThrownBy(() -> EndpointUrl.parseList("http://am1:9093\n\nam2:9093"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Line 3: ")
                .hasMessageContaining("\"am2:9093\" has no scheme");
        assertThatThrownBy(() -> EndpointUrl.parseList("http://am1:9093\nhttp://u:s3cr3t@am2:9093"))
                .hasMessageStartingWith("Line 2: ")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    public void listRejectsDuplicates() {
        assertThatThrownBy(() -> EndpointUrl.parseList("http://am1:9093\nhttp://am2:9093\nhttp://AM1:9093/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Line 3: ")
                .hasMessageContaining("listed twice (also on line 1)");
        assertThatThrownBy(() -> EndpointUrl.parseList("http://am1:9093, http://am1:9093"))
                .hasMessageContaining("Line 1: ")
                .hasMessageContaining("also on line 1");
    }

    @Test
    public void appendKeepsTheBasePath() {
        assertThat(EndpointUrl.append(URI.create("http://h/prom"), "/-/healthy")).hasToString("http://h/prom/-/healthy");
        assertThat(EndpointUrl.append(URI.create("http://h:9090/"), "api/v1/query")).hasToString("http://h:9090/api/v1/query");
    }
}
