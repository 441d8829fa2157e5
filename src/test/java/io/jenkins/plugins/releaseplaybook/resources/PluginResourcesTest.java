package io.jenkins.plugins.releaseplaybook.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.ParseErrorList;
import org.jsoup.parser.Parser;
import org.junit.Test;
import org.xml.sax.SAXException;

/**
 * What a real Jenkins would show wrong in the plugin's forms, pages and texts, checked on the files alone (no Jenkins
 * types, so that it runs in the Jenkins-free build too): help beside every form field, every text a view uses in both
 * languages, bundles that Jenkins' localizer (MessageFormat) and its injected PropertiesTest accept, help fragments
 * that Jenkins can inline, and nothing the Content Security Policy blocks.
 *
 * <p>It reads {@code src/main/resources} (and, to find the describable behind a view, {@code src/main/java}) relative
 * to the project's base directory: the repository root in the plugin build, {@code engine-only/} in the Jenkins-free
 * build.
 */
public class PluginResourcesTest {
    private static final Path RESOURCES = sourceRoot("src/main/resources");
    private static final Path JAVA = sourceRoot("src/main/java");
    private static final Path PLUGIN = RESOURCES.resolve("io/jenkins/plugins/releaseplaybook");

    /**
     * Elements whose {@code field} needs no help file of its own: a nested describable rendered in place
     * ({@code f:property}; its own fields have help) or a list of them ({@code f:repeatableProperty}; the enclosing
     * {@code f:entry} carries the help).
     */
    private static final Set<String> FIELD_WITHOUT_HELP = Set.of("f:property", "f:repeatableProperty");

    /** zh_CN phrases that read the same in Chinese (names of things), so they need no Chinese character. */
    private static final Set<String> SAME_IN_CHINESE = Set.of("REST API");
    /** Two words in a row: a phrase, where a single token (ID, SHA-256, failAfter {0}) is a name. */
    private static final Pattern PHRASE = Pattern.compile("[A-Za-z]{2,}\\s+[A-Za-z]{2,}");

    /** Data-bound properties that are nested describables shown in place (their own fields have help). */
    private static final Map<String, Set<String>> NESTED_SECTIONS = Map.of(
            "ReleasePlaybookConfiguration.java", Set.of("connections", "verification", "silences", "access"));
    private static final Pattern SETTER = Pattern.compile("@DataBoundSetter\\s+public\\s+void\\s+set([A-Z]\\w*)\\s*\\(");
    private static final Pattern CONSTRUCTOR = Pattern.compile("@DataBoundConstructor\\s+public\\s+\\w+\\s*\\(([^)]*)\\)");

    private static final Pattern HELP_FILE_OF = Pattern.compile("\\$\\{descriptor\\.getHelpFile\\('([A-Za-z0-9_]+)'\\)}");
    private static final Pattern TEXT_KEY = Pattern.compile("\\$\\{%([^}]+)}");
    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    private static final Pattern EVENT_HANDLER = Pattern.compile("(?i)\\son[a-z]+\\s*=");
    private static final Pattern EXTENDS = Pattern.compile("\\bextends\\s+([A-Z][A-Za-z0-9_]*)");

    private static Path sourceRoot(String relative) {
        Path base = Path.of(System.getProperty("basedir", "."));
        for (Path candidate : List.of(base.resolve(relative), base.resolve("..").resolve(relative))) {
            if (Files.isDirectory(candidate.resolve("io/jenkins/plugins/releaseplaybook"))) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("no " + relative + " under " + base.toAbsolutePath() + " or its parent");
    }

    // ---- forms and views ----------------------------------------------------------------------------------

    @Test
    public void everyFormFieldHasHelpInBothLanguages() {
        List<String> missing = new ArrayList<>();
        int fields = 0;
        for (Path jelly : jellyFiles()) {
            for (Element element : parseJelly(jelly).getAllElements()) {
                String field = element.attr("field");
                if (field.isEmpty() || FIELD_WITHOUT_HELP.contains(element.tagName())) {
                    continue;
                }
                fields++;
                String help = helpName(element);
                if (help == null) {
                    missing.add(name(jelly) + ": " + element.tagName() + " field=" + field
                            + " has a help attribute this test cannot read");
                    continue;
                }
                for (String file : List.of("help-" + help + ".html", "help-" + help + "_zh_CN.html")) {
                    if (!Files.isRegularFile(jelly.resolveSibling(file))) {
                        missing.add(name(jelly) + ": field " + field + " has no " + file);
                    }
                }
            }
        }
        assertThat(fields).as("form fields found").isGreaterThan(50);
        assertThat(missing).isEmpty();
    }

    /**
     * The Pipeline Syntax reference and Configuration as Code document every data-bound parameter from its
     * {@code help-<name>.html}, form or not: every {@code @DataBoundConstructor} parameter and {@code @DataBoundSetter}
     * of a describable with a form (and of the plugin's classes it extends) has one in both languages.
     */
    @Test
    public void everyDataBoundParameterHasHelpInBothLanguages() {
        List<String> missing = new ArrayList<>();
        int parameters = 0;
        for (Path config : jellyFiles()) {
            if (!config.getFileName().toString().equals("config.jelly")) {
                continue;
            }
            Path source = JAVA.resolve(RESOURCES.relativize(config.getParent()) + ".java");
            if (!Files.isRegularFile(source)) {
                continue;
            }
            Set<String> names = dataBoundNames(sourceWithSuperclasses(source));
            names.removeAll(NESTED_SECTIONS.getOrDefault(source.getFileName().toString(), Set.of()));
            for (String name : names) {
                parameters++;
                for (String file : List.of("help-" + name + ".html", "help-" + name + "_zh_CN.html")) {
                    if (!Files.isRegularFile(config.resolveSibling(file))) {
                        missing.add(name(config.getParent()) + ": data-bound " + name + " has no " + file);
                    }
                }
            }
        }
        assertThat(parameters).as("data-bound parameters found").isGreaterThan(40);
        assertThat(missing).isEmpty();
    }

    private static Set<String> dataBoundNames(String code) {
        Set<String> names = new TreeSet<>();
        Matcher setter = SETTER.matcher(code);
        while (setter.find()) {
            names.add(Character.toLowerCase(setter.group(1).charAt(0)) + setter.group(1).substring(1));
        }
        Matcher constructor = CONSTRUCTOR.matcher(code);
        while (constructor.find()) {
            for (String parameter : constructor.group(1).split(",")) {
                String[] words = parameter.strip().split("\\s+");
                if (!parameter.isBlank()) {
                    names.add(words[words.length - 1]);
                }
            }
        }
        return names;
    }

    /** The help name of an element with a field: its own field, or the one named by descriptor.getHelpFile('x'). */
    private static String helpName(Element element) {
        String help = element.attr("help");
        if (help.isEmpty()) {
            return element.attr("field");
        }
        Matcher matcher = HELP_FILE_OF.matcher(help);
        return matcher.matches() ? matcher.group(1) : null;
    }

    @Test
    public void everyStepAndCheckFormHasAnOverallHelpInBothLanguages() {
        List<String> missing = new ArrayList<>();
        for (Path config : jellyFiles()) {
            if (!config.getFileName().toString().equals("config.jelly") || !config.startsWith(PLUGIN.resolve("steps"))) {
                continue;
            }
            for (String file : List.of("help.html", "help_zh_CN.html")) {
                if (!Files.isRegularFile(config.resolveSibling(file))) {
                    missing.add(name(config.getParent()) + " has no " + file);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    public void everyTextAViewUsesExistsInBothLanguages() {
        List<String> missing = new ArrayList<>();
        int keys = 0;
        for (Path jelly : jellyFiles()) {
            Set<String> used = new TreeSet<>();
            Matcher matcher = TEXT_KEY.matcher(read(jelly));
            while (matcher.find()) {
                String key = matcher.group(1);
                int args = key.indexOf('(');
                used.add(args < 0 ? key : key.substring(0, args));
            }
            if (used.isEmpty()) {
                continue;
            }
            String base = jelly.getFileName().toString().replaceFirst("\\.jelly$", "");
            for (String bundle : List.of(base + ".properties", base + "_zh_CN.properties")) {
                Path file = jelly.resolveSibling(bundle);
                Properties texts = Files.isRegularFile(file) ? load(file) : new Properties();
                for (String key : used) {
                    keys++;
                    if (texts.getProperty(key, "").isBlank()) {
                        missing.add(name(jelly) + ": ${%" + key + "} is not in " + bundle);
                    }
                }
            }
        }
        assertThat(keys).as("texts used by views").isGreaterThan(50);
        assertThat(missing).isEmpty();
    }

    @Test
    public void everyViewEscapesByDefaultAndIsWellFormed() {
        List<String> problems = new ArrayList<>();
        for (Path jelly : jellyFiles()) {
            String text = read(jelly);
            if (!text.startsWith("<?jelly escape-by-default='true'?>")) {
                problems.add(name(jelly) + " does not start with <?jelly escape-by-default='true'?>");
            }
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                DocumentBuilder builder = factory.newDocumentBuilder();
                builder.setErrorHandler(null);
                builder.parse(jelly.toFile());
            } catch (ParserConfigurationException | SAXException | IOException e) {
                problems.add(name(jelly) + " is not well-formed XML: " + e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Jenkins enforces a Content Security Policy: inline scripts, event handler attributes and inline styles do not
     * run, in views and in help fragments (which are inlined into the page).
     */
    @Test
    public void nothingTheContentSecurityPolicyBlocks() {
        List<String> problems = new ArrayList<>();
        for (Path file : files(".jelly", ".html")) {
            String text = read(file);
            if (text.contains("<script")) {
                problems.add(name(file) + " has a <script> element");
            }
            if (text.contains("<style")) {
                problems.add(name(file) + " has a <style> element");
            }
            if (Pattern.compile("\\sstyle\\s*=").matcher(text).find()) {
                problems.add(name(file) + " has a style attribute");
            }
            if (EVENT_HANDLER.matcher(text).find()) {
                problems.add(name(file) + " has an on...= event handler attribute");
            }
            if (text.contains("javascript:")) {
                problems.add(name(file) + " has a javascript: URL");
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * A select needs its {@code doFill<Field>Items}, a validate button its {@code do<Method>}, and a field without an
     * explicit value a getter (or the form shows nothing): looked up in the describable's source and the sources of
     * the plugin's classes it extends.
     */
    @Test
    public void selectsButtonsAndFieldsHaveTheirMethods() {
        List<String> problems = new ArrayList<>();
        for (Path jelly : jellyFiles()) {
            Path dir = jelly.getParent();
            Path source = JAVA.resolve(RESOURCES.relativize(dir) + ".java");
            if (!Files.isRegularFile(source)) {
                continue; // the plugin's index.jelly
            }
            String code = sourceWithSuperclasses(source);
            Document view = parseJelly(jelly);
            for (Element select : view.getElementsByTag("f:select")) {
                String field = fieldOf(select);
                if (!code.contains("doFill" + capitalized(field) + "Items(")) {
                    problems.add(name(jelly) + ": f:select " + field + " has no doFill" + capitalized(field) + "Items");
                }
            }
            for (Element button : view.getElementsByTag("f:validateButton")) {
                String method = button.attr("method");
                if (!code.contains(" do" + capitalized(method) + "(")) {
                    problems.add(name(jelly) + ": f:validateButton method=" + method + " has no do" + capitalized(method));
                }
                for (String with : button.attr("with").split(",")) {
                    if (!code.contains("@QueryParameter String " + with.strip())) {
                        problems.add(name(jelly) + ": do" + capitalized(method) + " takes no @QueryParameter " + with);
                    }
                }
            }
            for (Element entry : view.getElementsByTag("f:entry")) {
                String field = entry.attr("field");
                boolean explicitValue = entry.getAllElements().stream().skip(1).anyMatch(e -> e.hasAttr("value"));
                if (field.isEmpty() || explicitValue) {
                    continue;
                }
                if (!code.contains(" get" + capitalized(field) + "(") && !code.contains(" is" + capitalized(field) + "(")) {
                    problems.add(name(jelly) + ": field " + field + " has no getter in " + source.getFileName());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static String fieldOf(Element control) {
        for (Element e = control; e != null; e = e.parent()) {
            if (e.hasAttr("field")) {
                return e.attr("field");
            }
        }
        return "";
    }

    private static String sourceWithSuperclasses(Path source) {
        StringBuilder code = new StringBuilder();
        Set<Path> seen = new TreeSet<>();
        List<Path> todo = new ArrayList<>(List.of(source));
        while (!todo.isEmpty()) {
            Path next = todo.remove(todo.size() - 1);
            if (!seen.add(next)) {
                continue;
            }
            String text = read(next);
            code.append(text).append('\n');
            Matcher matcher = EXTENDS.matcher(text);
            while (matcher.find()) {
                Path parent = next.resolveSibling(matcher.group(1) + ".java");
                if (Files.isRegularFile(parent)) {
                    todo.add(parent);
                }
            }
        }
        return code.toString();
    }

    // ---- bundles ------------------------------------------------------------------------------------------

    /**
     * Jenkins' injected PropertiesTest refuses anything but ASCII (write \\uXXXX escapes), and a key given twice
     * (the second silently wins).
     */
    @Test
    public void bundlesAreAsciiWithoutRepeatedKeys() {
        List<String> problems = new ArrayList<>();
        for (Path file : files(".properties")) {
            byte[] bytes = readBytes(file);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] < 0) {
                    problems.add(name(file) + " has a non-ASCII byte at offset " + i);
                    break;
                }
            }
            Set<Object> repeated = new TreeSet<>();
            Properties keys = new Properties() {
                private static final long serialVersionUID = 1L;

                @Override
                public synchronized Object put(Object key, Object value) {
                    if (containsKey(key)) {
                        repeated.add(key);
                    }
                    return super.put(key, value);
                }
            };
            try (InputStream in = Files.newInputStream(file)) {
                keys.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            repeated.forEach(key -> problems.add(name(file) + " gives " + key + " more than once"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    public void everyBundleHasBothLanguagesWithTheSameKeysAndArguments() {
        List<String> problems = new ArrayList<>();
        int pairs = 0;
        for (Path english : files(".properties")) {
            String fileName = english.getFileName().toString();
            if (fileName.contains("_")) {
                Path base = english.resolveSibling(fileName.replaceFirst("_[a-zA-Z_]+\\.properties$", ".properties"));
                if (!Files.isRegularFile(base)) {
                    problems.add(name(english) + " translates " + base.getFileName() + ", which does not exist");
                }
                continue;
            }
            Path chinese = english.resolveSibling(fileName.replace(".properties", "_zh_CN.properties"));
            if (!Files.isRegularFile(chinese)) {
                problems.add(name(english) + " has no " + chinese.getFileName());
                continue;
            }
            pairs++;
            Properties en = load(english);
            Properties zh = load(chinese);
            for (String key : new TreeSet<>(en.stringPropertyNames())) {
                if (!zh.containsKey(key)) {
                    problems.add(name(chinese) + " lacks " + key);
                } else if (!arguments(en.getProperty(key)).equals(arguments(zh.getProperty(key)))) {
                    problems.add(name(chinese) + " " + key + " uses arguments " + arguments(zh.getProperty(key))
                            + ", the English text " + arguments(en.getProperty(key)));
                }
            }
            for (String key : new TreeSet<>(zh.stringPropertyNames())) {
                if (!en.containsKey(key)) {
                    problems.add(name(chinese) + " has " + key + ", which " + fileName + " does not");
                }
            }
        }
        assertThat(pairs).as("bundles with a translation").isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    /**
     * Every text goes through MessageFormat (Jenkins' localizer, Stapler's {@code ${%key}}, the engine's texts): a
     * single quote starts a quoted section that swallows what follows, arguments included, so quotes are written
     * {@code ''}; braces that are not arguments break the pattern (literal ones are written <code>'{'</code>).
     */
    @Test
    public void everyTextIsAMessageFormatPatternWithoutLoneQuotes() {
        List<String> problems = new ArrayList<>();
        for (Path file : files(".properties")) {
            Properties texts = load(file);
            for (String key : new TreeSet<>(texts.stringPropertyNames())) {
                String pattern = texts.getProperty(key);
                // '' is a quote; '{' and '}' are literal braces, the only quoted sections a text needs
                if (pattern.replace("''", "").replace("'{'", "").replace("'}'", "").contains("'")) {
                    problems.add(name(file) + " " + key + " has a lone ' (write '' for a quote): " + pattern);
                }
                try {
                    new MessageFormat(pattern, Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    problems.add(name(file) + " " + key + " is not a MessageFormat pattern (" + e.getMessage() + ")");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** A translation left in English shows English to Chinese readers. */
    @Test
    public void chineseTextsAreChinese() {
        List<String> problems = new ArrayList<>();
        for (Path file : files("_zh_CN.properties")) {
            Properties texts = load(file);
            for (String key : new TreeSet<>(texts.stringPropertyNames())) {
                String value = texts.getProperty(key);
                if (!CJK.matcher(value).find() && !SAME_IN_CHINESE.contains(value)
                        && PHRASE.matcher(value.replaceAll("\\{\\d+}", " ")).find()) {
                    problems.add(name(file) + " " + key + " is not Chinese: " + value);
                }
            }
        }
        for (Path file : files("_zh_CN.html")) {
            if (!CJK.matcher(Jsoup.parseBodyFragment(read(file)).text()).find()) {
                problems.add(name(file) + " has no Chinese text");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The argument indexes a pattern uses, found by formatting it with recognisable arguments. */
    private static Set<Integer> arguments(String pattern) {
        Object[] markers = new Object[20];
        for (int i = 0; i < markers.length; i++) {
            markers[i] = "\u0001" + i + "\u0002";
        }
        Set<Integer> used = new TreeSet<>();
        String formatted;
        try {
            formatted = new MessageFormat(pattern, Locale.ROOT).format(markers);
        } catch (IllegalArgumentException e) {
            used.add(-1); // reported by everyTextIsAMessageFormatPatternWithoutLoneQuotes
            return used;
        }
        for (int i = 0; i < markers.length; i++) {
            if (formatted.contains((String) markers[i])) {
                used.add(i);
            }
        }
        return used;
    }

    // ---- help fragments -----------------------------------------------------------------------------------

    /** Jenkins inlines a help file into the page: it must be one {@code <div>} with everything inside. */
    @Test
    public void everyHelpIsOneDivThatParses() {
        List<String> problems = new ArrayList<>();
        List<Path> helps = files(".html").stream().filter(f -> f.getFileName().toString().startsWith("help")).toList();
        for (Path file : helps) {
            String html = read(file);
            ParseErrorList errors = ParseErrorList.tracking(10);
            Parser.parseFragment(html, new Element("body"), "", errors);
            errors.forEach(error -> problems.add(name(file) + ": " + error));
            Document document = Jsoup.parseBodyFragment(html, "");
            List<Node> roots = document.body().childNodes().stream()
                    .filter(node -> !(node instanceof TextNode text && text.isBlank()))
                    .toList();
            if (roots.size() != 1 || !(roots.get(0) instanceof Element root) || !root.tagName().equals("div")) {
                problems.add(name(file) + " is not a single <div> element");
            } else if (root.text().isBlank()) {
                problems.add(name(file) + " is empty");
            }
            String sibling = file.getFileName().toString().endsWith("_zh_CN.html")
                    ? file.getFileName().toString().replace("_zh_CN.html", ".html")
                    : file.getFileName().toString().replace(".html", "_zh_CN.html");
            if (!Files.isRegularFile(file.resolveSibling(sibling))) {
                problems.add(name(file) + " has no " + sibling);
            }
        }
        assertThat(helps).as("help files").hasSizeGreaterThan(100);
        assertThat(problems).isEmpty();
    }

    // ---- files --------------------------------------------------------------------------------------------

    private static List<Path> jellyFiles() {
        return files(".jelly");
    }

    private static List<Path> files(String... suffixes) {
        try (Stream<Path> walk = Files.walk(RESOURCES)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> Stream.of(suffixes).anyMatch(s -> f.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document parseJelly(Path jelly) {
        return Jsoup.parse(read(jelly), "", Parser.xmlParser());
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in); // ISO-8859-1, as Stapler and the localizer read them
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String read(Path file) {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String capitalized(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String name(Path file) {
        return RESOURCES.relativize(file).toString();
    }
}
