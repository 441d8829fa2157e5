package io.jenkins.plugins.releaseplaybook.report;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportJson;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LoggerRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/** The Release Report as people and tools see it: page, sidebar link, JSON download, REST API, and its failures. */
public class ReleaseReportActionITest {
    private static final String PLAN = "releasePlan(service: 'checkout', version: '1.4.2', risk: 'high',"
            + " owners: ['a@example.com'], scope: ['api'])";

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Rule
    public LoggerRule logging = new LoggerRule().record(ReleaseReportAction.class, Level.ALL).capture(100);

    @Test
    public void pageShowsTheReportWithoutScripts() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(PLAN));

        HtmlPage page = r.createWebClient().getPage(build, "release-report/");

        assertThat(page.asNormalizedText()).contains("checkout", "1.4.2");
        DomNode report = page.querySelector("div.rp-report");
        assertThat(report).as("the engine's report fragment").isNotNull();
        assertThat(report.asXml()).doesNotContainIgnoringCase("<script");
        DomNode stylesheet = page.querySelector("link[href$='release-report/style']");
        assertThat(stylesheet).as("link to the stylesheet").isNotNull();
    }

    @Test
    public void sidebarLinkOnlyOnBuildsWithAReport() throws Exception {
        WorkflowJob job = pipeline(PLAN);
        WorkflowRun withReport = r.buildAndAssertSuccess(job);
        job.setDefinition(new CpsFlowDefinition("echo 'no release here'", true));
        WorkflowRun withoutReport = r.buildAndAssertSuccess(job);
        JenkinsRule.WebClient wc = r.createWebClient();

        assertThat(linksToReport(wc.getPage(withReport))).isTrue();
        assertThat(withoutReport.getAction(ReleaseReportAction.class)).isNull();
        assertThat(linksToReport(wc.getPage(withoutReport))).isFalse();
    }

    @Test
    public void noIconWhileNoReportFileExists() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline("echo 'nothing recorded'"));

        ReleaseReportAction action = ReleaseReportAction.getOrCreate(build);

        assertThat(action.hasReport()).isFalse();
        assertThat(action.getIconFileName()).isNull();
        assertThat(ReleaseReportAction.getOrCreate(build)).isSameAs(action);
        assertThat(action.load()).isEqualTo(ReleaseReport.empty());
    }

    @Test
    public void jsonDownloadIsTheStoredReport() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(PLAN));

        WebResponse response = r.createWebClient()
                .goTo(build.getUrl() + "release-report/json", null).getWebResponse();

        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getResponseHeaderValue("Content-Disposition"))
                .isEqualTo("attachment; filename=\"release-report-p-1.json\"");
        ReleaseReport downloaded = ReleaseReportJson.read(
                new ByteArrayInputStream(response.getContentAsString().getBytes(StandardCharsets.UTF_8)), "download");
        assertThat(downloaded).isEqualTo(build.getAction(ReleaseReportAction.class).load());
    }

    @Test
    public void restApiExposesTheHeaderAndTimeline() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(PLAN));

        JSONObject json = JSONObject.fromObject(r.createWebClient()
                .goTo(build.getUrl() + "release-report/api/json", "application/json")
                .getWebResponse().getContentAsString());

        assertThat(json.getString("service")).isEqualTo("checkout");
        assertThat(json.getString("version")).isEqualTo("1.4.2");
        assertThat(json.getString("risk")).isEqualTo("high");
        assertThat(json.getBoolean("planned")).isTrue();
        assertThat(json.getJSONArray("timeline").size()).isEqualTo(1);
        assertThat(json.getJSONArray("timeline").getJSONObject(0).getString("kind")).isEqualTo("PLAN");
        assertThat(json.getJSONArray("timeline").getJSONObject(0).getString("status")).isEqualTo("SUCCESS");
    }

    @Test
    public void stylesheetIsServedAsCss() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(PLAN));

        WebResponse response = r.createWebClient()
                .goTo(build.getUrl() + "release-report/style", "text/css").getWebResponse();

        assertThat(response.getContentAsString()).contains(".rp-report");
    }

    @Test
    public void reportIsHiddenFromUsersWhoCannotReadTheJob() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(PLAN));
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("outsider")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader"));

        JenkinsRule.WebClient outsider = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        outsider.login("outsider");
        assertThat(outsider.goTo(build.getUrl() + "release-report/json", null).getWebResponse().getStatusCode())
                .isEqualTo(404);

        JenkinsRule.WebClient reader = r.createWebClient();
        reader.login("reader");
        assertThat(reader.goTo(build.getUrl() + "release-report/json", null).getWebResponse().getStatusCode())
                .isEqualTo(200);
    }

    @Test
    public void damagedReportFileIsReportedOnThePageWithoutPaths() throws Exception {
        WorkflowRun build = damagedReport();
        ReleaseReportAction action = build.getAction(ReleaseReportAction.class);

        HtmlPage page = r.createWebClient().getPage(build, "release-report/");

        assertThat(action.getLoadProblem()).contains("release-report.json").doesNotContain(jenkinsHome());
        assertThat(page.asNormalizedText()).contains("cannot be read", "release-report.json")
                .doesNotContain(jenkinsHome());
        assertThat(action.getIconFileName()).as("the link stays, so that people find the problem").isNotNull();
    }

    @Test
    public void damagedReportFileAnswersJsonAndRestApiWithAShortError() throws Exception {
        WorkflowRun build = damagedReport();
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);

        for (String endpoint : new String[] {"release-report/json", "release-report/api/json", "release-report/api/xml"}) {
            WebResponse response = wc.goTo(build.getUrl() + endpoint, null).getWebResponse();

            assertThat(response.getStatusCode()).as(endpoint).isEqualTo(500);
            assertThat(response.getContentType()).as(endpoint).isEqualTo("text/plain");
            assertThat(response.getContentAsString()).as(endpoint)
                    .startsWith("The release report of this build cannot be read")
                    .contains("release-report.json")
                    .doesNotContain(jenkinsHome())
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    public void aDamagedReportFileIsLoggedOnceNotOnEveryView() throws Exception {
        WorkflowRun build = damagedReport();
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);

        wc.getPage(build, "release-report/");
        wc.goTo(build.getUrl() + "release-report/json", null);
        wc.goTo(build.getUrl() + "release-report/api/json", null);
        wc.getPage(build, "release-report/");

        List<LogRecord> warnings = logging.getRecords().stream()
                .filter(record -> record.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(warnings).singleElement().satisfies(record -> {
            assertThat(record.getMessage()).contains(build.getFullDisplayName(), "cannot be read from")
                    .as("the administrator gets the full path").contains(jenkinsHome());
            assertThat(record.getThrown()).isNotNull();
        });

        // Repaired (here: deleted), the report reads again.
        Files.delete(reportFile(build));
        assertThat(wc.goTo(build.getUrl() + "release-report/json", null).getWebResponse().getStatusCode()).isEqualTo(200);
    }

    @Test
    public void aLateUpdateOfADeletedBuildWritesNothingAndDoesNotRecreateItsDirectory() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(PLAN));
        ReleaseReportAction action = build.getAction(ReleaseReportAction.class);
        File buildDirectory = build.getRootDir();
        build.delete(); // log rotation

        ReleaseReport returned = action.update(report -> report.withStage(
                StageRecord.started(StageKind.SILENCE, "late safety net", Instant.now())));

        assertThat(buildDirectory).doesNotExist();
        assertThat(returned.timeline()).as("the change was dropped").noneMatch(s -> s.kind() == StageKind.SILENCE);
        assertThat(logging.getMessages()).anyMatch(m -> m.contains("was deleted") && m.contains("was not written"));
    }

    private WorkflowRun damagedReport() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline("echo 'nothing recorded yet'"));
        ReleaseReportAction.getOrCreate(build); // attached, nothing read or cached
        Files.writeString(reportFile(build), "{ not json");
        return build;
    }

    private static Path reportFile(WorkflowRun build) {
        return build.getRootDir().toPath().resolve(ReleaseReportAction.FILE_NAME);
    }

    private String jenkinsHome() {
        return r.jenkins.getRootDir().getAbsolutePath();
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static boolean linksToReport(HtmlPage buildPage) {
        return buildPage.getAnchors().stream()
                .map(HtmlAnchor::getHrefAttribute)
                .anyMatch(href -> href.endsWith("/" + ReleaseReportAction.URL_NAME)
                        || href.endsWith("/" + ReleaseReportAction.URL_NAME + "/"));
    }
}
