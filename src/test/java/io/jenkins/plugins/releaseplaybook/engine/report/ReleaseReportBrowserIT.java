package io.jenkins.plugins.releaseplaybook.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.releaseplaybook.engine.testsupport.HeadlessChromium;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The report in a real browser, served the way Jenkins serves it: the fragment inside a page that links
 * the stylesheet, under a Content Security Policy that allows no script and no inline style at all.
 *
 * <p>Run with {@code -Dreport.screenshot=PATH} to keep the screenshot (the README's image is made so), and with
 * {@code -Dreport.screenshot.zh=PATH} for the page in Chinese, {@code -Dreport.screenshot.fleet=PATH} for a large
 * distribution.
 */
public class ReleaseReportBrowserIT {
    private static final String STRICT_CSP = "default-src 'none'; style-src 'self'; img-src 'self'";
    /** For the layout measurement only: the same policy plus scripts from the page's own origin (no inline script). */
    private static final String MEASURING_CSP = STRICT_CSP + "; script-src 'self'";
    /**
     * Measures, in the browser, how wide each query is laid out compared with its table, and writes it into the DOM
     * that {@code --dump-dom} returns: {@code data-measure="720/760 688/760"}.
     */
    private static final String MEASURE_JS = "var table = document.querySelector('table.rp-checks');"
            + "var out = [];"
            + "document.querySelectorAll('code.rp-query').forEach(function (q) {"
            + "  out.push(Math.round(q.getBoundingClientRect().width) + '/' + Math.round(table.getBoundingClientRect().width));"
            + "});"
            + "document.body.setAttribute('data-measure', out.join(' '));";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private HttpServer server;
    private volatile String page;

    @Before
    public void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/report", exchange -> respond(exchange, "text/html; charset=utf-8", page, STRICT_CSP));
        server.createContext("/style.css", exchange -> respond(exchange, "text/css; charset=utf-8",
                ReleaseReportHtml.stylesheet(), STRICT_CSP));
        server.createContext("/measure.js", exchange -> respond(exchange, "text/javascript; charset=utf-8", MEASURE_JS,
                STRICT_CSP));
        server.createContext("/measured", exchange -> respond(exchange, "text/html; charset=utf-8",
                page.replace("</body>", "<script src=\"/measure.js\"></script></body>"), MEASURING_CSP));
        server.start();
    }

    @After
    public void stop() {
        server.stop(0);
    }

    @Test
    public void rendersUnderAStrictContentSecurityPolicyWithoutViolations() throws Exception {
        page = pageFor(ReleaseReportHtml.renderFragment(SampleReports.rolledBackRelease()));
        HeadlessChromium chromium = new HeadlessChromium(temp.getRoot().toPath());

        HeadlessChromium.Visit visit = chromium.dumpDom(url());

        assertThat(visit.cspViolations()).isEmpty();
        Document dom = Jsoup.parse(visit.dom());
        assertThat(dom.select(".rp-report .rp-service").text()).isEqualTo("checkout");
        assertThat(dom.select("svg.rp-timeline rect")).hasSize(7);
        assertThat(dom.select(".rp-section-distribution table.rp-matrix tbody tr")).hasSize(2);
        assertThat(dom.select(".rp-section-distribution .rp-tofu .rp-badge").text()).isEqualTo("trust on first use");
        assertThat(dom.select(".rp-section-distribution .rp-tofu code").text()).startsWith("web1:22 SHA256:");

        Path png = chromium.screenshot(url(), 1280, 2200);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        assertThat(bytes.length).as("a real page, not a blank one").isGreaterThan(50_000);
        String keep = System.getProperty("report.screenshot");
        if (keep != null && !keep.isBlank()) {
            Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    public void theChinesePageRendersWithoutViolationsAndGivesQueriesTheTablesWidth() throws Exception {
        page = pageFor(ReleaseReportHtml.renderFragment(SampleReports.rolledBackRelease(), Locale.SIMPLIFIED_CHINESE));
        HeadlessChromium chromium = new HeadlessChromium(temp.getRoot().toPath());

        HeadlessChromium.Visit visit = chromium.dumpDom(url());

        assertThat(visit.cspViolations()).isEmpty();
        Document dom = Jsoup.parse(visit.dom());
        assertThat(dom.select(".rp-checks thead th").first().text()).isEqualTo("检查");
        assertThat(dom.select(".rp-check-row .rp-list li").first().text()).contains("连续 2 个样本");

        HeadlessChromium.Visit measured = chromium.dumpDom(url("/measured"), 1280, 2200);

        assertThat(measured.cspViolations()).as("the measuring script is an allowed same-origin file").isEmpty();
        String measure = Jsoup.parse(measured.dom()).body().attr("data-measure");
        assertThat(measure).as("one measurement a query").matches("\\d+/\\d+ \\d+/\\d+");
        for (String pair : measure.split(" ")) {
            int query = Integer.parseInt(pair.split("/")[0]);
            int table = Integer.parseInt(pair.split("/")[1]);
            assertThat(query).as("the query spans the table (%s), not a narrow column", pair)
                    .isGreaterThan(table * 9 / 10).isGreaterThan(600);
        }
        String keep = System.getProperty("report.screenshot.zh");
        if (keep != null && !keep.isBlank()) {
            Files.copy(chromium.screenshot(url(), 1280, 2200), Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    public void hostileReportRunsNothingInTheBrowser() throws Exception {
        String payload = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";
        page = pageFor(ReleaseReportHtml.renderFragment(SampleReports.withEveryField(s -> s + payload, "javascript:x")));

        HeadlessChromium.Visit visit = new HeadlessChromium(temp.getRoot().toPath()).dumpDom(url());

        assertThat(visit.cspViolations()).as("nothing even tried to run").isEmpty();
        Document dom = Jsoup.parse(visit.dom());
        assertThat(dom.title()).isEqualTo("Release report");
        assertThat(dom.select(".rp-report script, .rp-report img")).isEmpty();
        assertThat(dom.select(".rp-service").text()).contains("<script>");
    }

    @Test
    public void aLargeFleetRendersItsSummaryWithoutViolations() throws Exception {
        page = pageFor(ReleaseReportHtml.renderFragment(DistributionMatrixHtmlTest.fleet(10_000, 120,
                s -> s + "<img src=x onerror=\"document.title='pwned'\">", true)));

        HeadlessChromium.Visit visit = new HeadlessChromium(temp.getRoot().toPath()).dumpDom(url());

        assertThat(visit.cspViolations()).isEmpty();
        Document dom = Jsoup.parse(visit.dom());
        assertThat(dom.title()).isEqualTo("Release report");
        assertThat(dom.select(".rp-report img")).isEmpty();
        assertThat(dom.select(".rp-dist-summary tbody tr")).hasSize(3);
        assertThat(dom.select(".rp-section-distribution table.rp-matrix tbody tr"))
                .hasSize(DistributionMatrixHtml.FAILING_SHOWN);
        assertThat(dom.select(".rp-section-distribution .rp-note").last().text()).contains("JSON download");
        String keep = System.getProperty("report.screenshot.fleet");
        if (keep != null && !keep.isBlank()) {
            Files.copy(new HeadlessChromium(temp.getRoot().toPath()).screenshot(url(), 1280, 2200), Path.of(keep),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    public void violationsAreDetectedWhenThereAreAny() throws Exception {
        // The control: the same harness does see an inline style and an inline script being blocked.
        page = pageFor("<p style=\"color:red\">x</p><script>document.title='x'</script>");

        HeadlessChromium.Visit visit = new HeadlessChromium(temp.getRoot().toPath()).dumpDom(url());

        assertThat(visit.cspViolations()).hasSize(2);
    }

    private String url() {
        return url("/report");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static String pageFor(String fragment) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Release report</title>"
                + "<link rel=\"stylesheet\" href=\"/style.css\"></head><body class=\"rp-standalone\">" + fragment
                + "</body></html>";
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String type, String body, String csp)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Content-Security-Policy", csp);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
