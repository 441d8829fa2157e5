package io.jenkins.plugins.releaseplaybook.report;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReportJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/** The Release Report as people and tools see it: page, sidebar link, JSON download, REST API. */
public class ReleaseReportActionITest {
    private static final String PLAN = "releasePlan(service: 'checkout', version: '1.4.2', risk: 'high',"
            + " owners: ['a@example.com'], scope: ['api'])";

    @Rule
    public JenkinsRule r = new JenkinsRule();

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
    public void damagedReportFileIsReportedOnThePage() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline("echo 'nothing recorded yet'"));
        ReleaseReportAction action = ReleaseReportAction.getOrCreate(build); // attached, nothing read or cached
        Files.writeString(build.getRootDir().toPath().resolve(ReleaseReportAction.FILE_NAME), "{ not json");

        HtmlPage page = r.createWebClient().getPage(build, "release-report/");

        assertThat(action.getLoadProblem()).contains("release-report.json");
        assertThat(page.asNormalizedText()).contains("cannot be read", "release-report.json");
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
