package io.jenkins.plugins.releaseplaybook.engine.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.AlertmanagerAlerts;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.AlertmanagerServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * {@link MatcherParser} and {@link Matcher#matches} against the real Alertmanager (the Debian package's 0.25.0):
 * for each regular expression, the parser accepts the matcher exactly when Alertmanager does, and then both match
 * the same alerts. Alertmanager reads the matcher's text with the classic parser (the {@code filter} of
 * {@code GET /api/v2/alerts}, as amtool does, which compiles it anchored) and checks the value alone when a silence
 * is created ({@code POST /api/v2/silences}); it accepts when both do.
 */
public class MatcherParserDifferentialIT {

    @ClassRule
    public static final AlertmanagerServer ALERTMANAGER = new AlertmanagerServer();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /**
     * Only a guard against a hung server: Alertmanager compiles a boundary regex such as {@code (a…){1000}} for every
     * filter request, which took more than 5 s on a loaded 2-core machine.
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** The label values of the alerts: the cases the regexes are matched against. */
    private static final List<String> VALUES = List.of("", "a", "aa", "aaa", "ab", "abc", "b", "A", "AB", "k", "K",
            "\u212A", "x y", " ", "\n", "a\nb", "\t", "é", "É", "中", "😀", "αβγ", "Ω", "0", "12", "123", "x{01}",
            "x{", "[", "]", "\\", "\"", "a.b", "a-b", "a_b", "::", "=", "a|b", "(a)", "Q", "E", "\u000B", "\u0000",
            "ss", "ß", "İ", "ı", "Σσς", "ǅ", "aaaaaaaaaaaaaaaaaaaa", "ab".repeat(10));

    private static final List<String> INTERESTING = List.of("a", "a*", "(a|b)+", "(?i)k", "(?i)ß", "(?i)σ", "[[:alpha:]]+",
            "[[:^alpha:]]", "[a[b]]", "[a&&b]", "(?U)a+", "(?U)a+?", "\\v", "\\12", "\\0", "\\012", "x{01}", "x{",
            "x{1,}", "x{,2}", "\\p{Greek}+", "\\p{IsGreek}", "\\pL", "\\p{L}", "\\PL", "\\p{^L}", "\\P{^L}", "\\p{Any}",
            "(?P<n>a)", "(?<n>a)", "(?P<n>a)(?P<n>b)", "(?P<n>a)(?P<m>b)", "a)|(b", "x\\Qy", "\\Qa.b\\E", "\\Qa.b",
            "\\é", "\\😀", "\\Z", "\\z", "\\A", "\\b", "\\B", "\\h", "\\k<n>", "\\1", "\\8", "(?=a)", "(?!a)", "(?<=a)",
            "(?<!a)", "(?>a)", "(?#c)", "(?x)a", "(?s).", "(?m)^a$", "(?i)a(?-i)b", "(?i:A)b", "a**", "a*?", "a+?",
            "a??", "a{2}{3}", "a{2}*", "a{1001}", "a{1000}", "(a{10}){100}", "(a{10}){101}", "((a{2}){2}){250}",
            "((a{2}){2}){251}", "[z-a]", "[a-]", "[]a]", "[^]a]", "[\\d-z]", "[\\Q]\\E]", "\\x41", "\\x{1F600}",
            "\\x{110000}", "\\C", "\\pN", "\\p{Cs}", "[^\\x00-\\x{10FFFF}]", ".", "\\.", "\\\\", "\"", "\\\"", "$a", "^",
            "|", "()", "(|)", "(?:)", "(?i)", "(?i)(?-i)", "(?-)", "(?i-)", "(?", "(?P<>a)", "(?P<1>a)", "(?P<a-b>a)",
            "[:alpha:]", "[[:foo:]]", "[[=a=]]", "[[.a.]]", "\\pZ", "\\p{Zs}", "\\p{Han}", "\\p{Latin}", "\\p{latin}",
            "\\p{Kawi}", "\\p{Vithkuqi}", "\\p{Toto}", "\\p{Nag_Mundari}", "ǅ", "(?i)ǆ", "(?i)ǅ", "[[:word:]]+", "\\W");

    private static final String ALPHABET_TEXT = "()[]{}|*+?.^$\\\\\\-,:<>=!PQEpLdwsbBAzxv0123456789aAkKéα😀 \n\"";

    @BeforeClass
    public static void fireAlerts() throws Exception {
        List<Map<String, String>> alerts = new ArrayList<>();
        for (int i = 0; i < VALUES.size(); i++) {
            alerts.add(Map.of("alertname", "Differential", "case", "c" + i, "v", VALUES.get(i)));
        }
        Instant now = Instant.now();
        AlertmanagerAlerts.fire(ALERTMANAGER.baseUrl(), now.minusSeconds(60), now.plus(Duration.ofHours(1)), alerts);
        Instant deadline = Instant.now().plus(DEADLINE);
        while (filter("alertname=\"Differential\"").size() < VALUES.size()) {
            assertThat(Instant.now()).as("Alertmanager lists the fired alerts in time").isBefore(deadline);
            Thread.onSpinWait();
        }
    }

    /** The cases that Alertmanager's filter selects, or {@code null} when it refuses the matcher. */
    private static Set<String> filter(String matcher) throws IOException, InterruptedException {
        String query = "active=true&silenced=true&inhibited=true&unprocessed=true&filter="
                + URLEncoder.encode("alertname=\"Differential\"", StandardCharsets.UTF_8) + "&filter="
                + URLEncoder.encode(matcher, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(ALERTMANAGER.baseUrl() + "/api/v2/alerts?" + query)).timeout(REQUEST_TIMEOUT).GET()
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() == 400) {
            return null;
        }
        assertThat(response.statusCode()).as("filter %s: %s", matcher, response.body()).isEqualTo(200);
        Set<String> cases = new TreeSet<>();
        for (JsonNode alert : JSON.readTree(response.body())) {
            cases.add(alert.path("labels").path("case").asText());
        }
        return cases;
    }

    /** Whether the silence API accepts the regex (it compiles it alone). */
    private static boolean silenceAccepts(String regex) throws IOException, InterruptedException {
        ObjectNode silence = JSON.createObjectNode();
        ObjectNode own = silence.putArray("matchers").addObject();
        own.put("name", "v").put("value", regex).put("isRegex", true).put("isEqual", true);
        // a matcher that does not match the empty string, which Alertmanager requires of one of them
        silence.withArray("matchers").addObject().put("name", "alertname").put("value", "NoSuchAlert")
                .put("isRegex", false).put("isEqual", true);
        Instant now = Instant.now();
        silence.put("startsAt", now.toString()).put("endsAt", now.plus(Duration.ofMinutes(5)).toString())
                .put("createdBy", "differential IT").put("comment", "parser check");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(ALERTMANAGER.baseUrl() + "/api/v2/silences")).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(silence), StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("silence for %s: %s", regex, response.body()).isIn(200, 400);
        return response.statusCode() == 200;
    }

    /** Compares one regex; returns a description of the difference, or {@code null}. */
    private static String compare(String regex) throws IOException, InterruptedException {
        String text = new Matcher("v", MatchType.REGEX, regex).toString();
        Matcher parsed;
        try {
            parsed = MatcherParser.parse(text);
        } catch (AlertingException e) {
            parsed = null;
        }
        Set<String> selected = filter(text);
        boolean alertmanagerAccepts = selected != null && silenceAccepts(regex);
        if ((parsed != null) != alertmanagerAccepts) {
            return MatcherParser.display(regex) + ": parser " + (parsed != null ? "accepts" : "refuses")
                    + ", Alertmanager " + (alertmanagerAccepts ? "accepts" : "refuses");
        }
        if (parsed == null) {
            return null;
        }
        Set<String> matched = new TreeSet<>();
        for (int i = 0; i < VALUES.size(); i++) {
            if (parsed.matches(VALUES.get(i))) {
                matched.add("c" + i);
            }
        }
        return matched.equals(selected) ? null
                : MatcherParser.display(regex) + ": matches " + matched + ", Alertmanager " + selected;
    }

    @Test
    public void interestingRegexesAreAcceptedAndMatchedAsAlertmanagerDoes() throws Exception {
        List<String> differences = new ArrayList<>();
        for (String regex : INTERESTING) {
            String difference = compare(regex);
            if (difference != null) {
                differences.add(difference);
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    public void randomRegexesAreAcceptedAndMatchedAsAlertmanagerDoes() throws Exception {
        int[] alphabet = ALPHABET_TEXT.codePoints().toArray();
        Random random = new Random(20261201L);
        List<String> differences = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < 600; i++) {
            StringBuilder regex = new StringBuilder();
            int length = 1 + random.nextInt(10);
            for (int k = 0; k < length; k++) {
                regex.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
            }
            String difference = compare(regex.toString());
            if (difference != null) {
                differences.add(difference);
            }
            if (difference == null && filter(new Matcher("v", MatchType.REGEX, regex.toString()).toString()) != null) {
                accepted++;
            }
        }
        assertThat(differences).isEmpty();
        assertThat(accepted).as("some random regexes are valid").isGreaterThan(50);
    }

    @Test
    public void limitsAreAlertmanagersAtTheirBoundaries() throws Exception {
        List<String> differences = new ArrayList<>();
        for (String regex : List.of("(".repeat(998) + "a" + ")".repeat(998), "(".repeat(999) + "a" + ")".repeat(999),
                "(?:".repeat(999) + "a" + ")".repeat(999), "(" + "a".repeat(3353) + "){1000}",
                "(" + "a".repeat(3354) + "){1000}", "(a?)".repeat(1018), "((a{10}){10}){10}", "((a{10}){10}){11}",
                "(a*){1000}", "(a+){1000}")) {
            String difference = compare(regex);
            if (difference != null) {
                differences.add(difference.length() > 300 ? difference.substring(0, 300) : difference);
            }
        }
        assertThat(differences).isEmpty();
    }
}
