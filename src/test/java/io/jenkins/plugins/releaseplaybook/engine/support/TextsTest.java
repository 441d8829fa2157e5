package io.jenkins.plugins.releaseplaybook.engine.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/** Every engine text in both languages, as MessageFormat reads it. */
public class TextsTest {
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)}");
    /** Words that stay as they are in Chinese: names of products, settings, values people type, units. */
    private static final Pattern TECHNICAL = Pattern.compile("Prometheus|Alertmanager|Jenkins|Release Playbook|Mann-Whitney"
            + "|Java|Go|RE2|UTF-8|URL|IP|HTTP|https?://\\S*|HOST|PORT|ID|SHA-256|JSON|REST API|PromQL|releasePlan"
            + "|failAfter|noData|maxErrors|HIGHER_IS_WORSE|LOWER_IS_WORSE|inconclusive|fail|ignore|query|direction"
            + "|checks|customChecks|service|risk|name|value|regex|ms|zh-CN|p|null");

    @Test
    public void everyKeyHasEnglishAndChineseAndBothParse() throws IOException {
        for (String bundle : Text.BUNDLES) {
            Properties en = load(bundle, "");
            Properties zh = load(bundle, "_zh_CN");
            assertThat(zh.stringPropertyNames()).as(bundle + ": the same keys in both languages")
                    .isEqualTo(en.stringPropertyNames());
            for (String key : en.stringPropertyNames()) {
                assertThat(key).as("a key names its bundle").startsWith(bundle + ".");
                String english = en.getProperty(key);
                String chinese = zh.getProperty(key);
                assertThat(arguments(chinese)).as(key + ": the same arguments").isEqualTo(arguments(english));
                for (String pattern : List.of(english, chinese)) {
                    new MessageFormat(pattern, Locale.ROOT); // throws on a bad pattern
                    assertThat(pattern.replace("''", "").replace("'{'", "").replace("'}'", ""))
                            .as(key + ": a single quote is lost by MessageFormat, write '' instead: " + pattern)
                            .doesNotContain("'");
                }
            }
        }
    }

    @Test
    public void chineseTextsAreChinese() throws IOException {
        for (String bundle : Text.BUNDLES) {
            Properties en = load(bundle, "");
            Properties zh = load(bundle, "_zh_CN");
            for (String key : zh.stringPropertyNames()) {
                String chinese = zh.getProperty(key);
                String words = TECHNICAL.matcher(quotedParts(ARGUMENT.matcher(chinese).replaceAll(" "))).replaceAll(" ");
                Matcher english = Pattern.compile("[A-Za-z]{2,}(?:[ ,.'-]+[A-Za-z]{2,}){1,}").matcher(words);
                assertThat(english.find()).as(key + ": English words left in the Chinese text: " + chinese).isFalse();
                String englishWords = TECHNICAL.matcher(quotedParts(ARGUMENT.matcher(en.getProperty(key)).replaceAll(" ")))
                        .replaceAll(" ");
                if (englishWords.matches("(?s).*[A-Za-z]{3,}.*")) {
                    assertThat(chinese).as(key + ": translated").containsPattern("\\p{IsHan}");
                }
            }
        }
    }

    @Test
    public void rendersInTheReadersLanguageAndEnglishOtherwise() {
        Text text = Text.of("support.url.line", "3", Text.of("support.duration.empty"));

        assertThat(text.english()).isEqualTo("Line 3: it is empty");
        assertThat(text.message(ZH)).isEqualTo("第 3 行：值为空");
        assertThat(text.message(Locale.forLanguageTag("zh"))).as("plain zh").isEqualTo("第 3 行：值为空");
        assertThat(text.message(Locale.forLanguageTag("zh-Hans-CN"))).isEqualTo("第 3 行：值为空");
        assertThat(text.message(Locale.GERMAN)).as("no German texts: English").isEqualTo("Line 3: it is empty");
    }

    @Test
    public void neverFallsBackToTheServersLanguage() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(ZH);
            assertThat(Text.of("support.duration.empty").message(Locale.ENGLISH)).isEqualTo("it is empty");
            assertThat(Text.of("support.duration.empty").message(Locale.FRENCH)).isEqualTo("it is empty");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    public void quotesAndNumbersComeOutAsWritten() {
        assertThat(Text.of("support.duration.unitOrder", "m").english()).isEqualTo("unit 'm' comes after a smaller or equal unit");
        assertThat(Text.of("support.url.line", 1000, "x").english()).as("no grouping of numbers").isEqualTo("Line 1000: x");
        assertThat(Text.of("support.url.line", "1", "{0} and '").english()).as("arguments are not patterns")
                .isEqualTo("Line 1: {0} and '");
    }

    @Test
    public void anUnknownKeyIsAProgrammingErrorButARestoredOneFallsBackToItsEnglishText() {
        assertThatThrownBy(() -> Text.of("support.no.such.key")).isInstanceOf(IllegalArgumentException.class);
        Text restored = Text.restore("verification.trail.fromTheFuture", List.of("a"), "written by a newer plugin");
        assertThat(restored.message(ZH)).isEqualTo("written by a newer plugin");
        assertThat(Text.restore("java.lang.System", List.of(), "x").message(ZH)).as("no bundle outside the engine's").isEqualTo("x");
    }

    @Test
    public void listsUseTheLanguagesSeparator() {
        Text list = Text.list(List.of(Text.of("support.duration.empty"), Text.of("support.duration.zero"),
                Text.literal("typed")));
        assertThat(list.english()).isEqualTo("it is empty; it is zero; typed");
        assertThat(list.message(ZH)).isEqualTo("值为空；值为零；typed");
        assertThat(Text.list(List.of()).english()).isEmpty();
    }

    @Test
    public void invalidInputSaysItInBothLanguages() {
        InvalidInputException e = (InvalidInputException) catchIllegal(() -> Durations.parse("10 minutes"));
        assertThat(e.getMessage()).startsWith("Invalid duration '10 minutes': '10 minutes' is not a number followed by a unit");
        assertThat(e.message(ZH)).startsWith("无效的时长“10 minutes”").doesNotContain("Invalid", "Use a number");

        InvalidInputException url = (InvalidInputException) catchIllegal(() -> EndpointUrl.parseList("http://ok:9090\nprometheus:9090"));
        assertThat(url.getMessage()).startsWith("Line 2: Endpoint URL \"prometheus:9090\"");
        assertThat(url.message(ZH)).startsWith("第 2 行：端点 URL \"prometheus:9090\"").doesNotContain("Endpoint");
    }

    private static IllegalArgumentException catchIllegal(Runnable action) {
        try {
            action.run();
        } catch (IllegalArgumentException e) {
            return e;
        }
        throw new AssertionError("nothing thrown");
    }

    /** Loads a bundle as Jenkins' injected PropertiesTest does: ASCII only here, and a key given twice is an error. */
    private static Properties load(String bundle, String suffix) throws IOException {
        String path = "/io/jenkins/plugins/releaseplaybook/engine/" + bundle + "/Texts" + suffix + ".properties";
        Properties properties = new Properties() {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Object put(Object key, Object value) {
                Object old = super.put(key, value);
                assertThat(old).as("%s: %s given twice", path, key).isNull();
                return null;
            }
        };
        try (InputStream in = TextsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as(path + ": non-ASCII characters are written as \\uXXXX escapes").matches("\\p{ASCII}*");
        }
        try (InputStream in = TextsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(in);
        }
        return properties;
    }

    private static Set<String> arguments(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = ARGUMENT.matcher(pattern);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** The text without what it quotes ('...', "...", “...”): quoted parts are examples people type. */
    private static String quotedParts(String text) {
        List<String> kept = new ArrayList<>();
        kept.add(text.replaceAll("''[^']*''", " ").replaceAll("\"[^\"]*\"", " ").replaceAll("“[^”]*”", " "));
        return String.join("", kept);
    }
}
