package io.jenkins.plugins.releaseplaybook.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** The "Release Report" link on a job's page: to the newest build that has a report. */
public class LatestReleaseReportActionITest {
    private static final String JOB_LINK = "job/p/" + ReleaseReportAction.URL_NAME;

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void jobPageLinksToTheNewestBuildWithAReport() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition("releasePlan(service: 'checkout', version: '1.0')", true));
        r.buildAndAssertSuccess(job);
        job.setDefinition(new CpsFlowDefinition("releasePlan(service: 'checkout', version: '2.0')", true));
        WorkflowRun newestWithReport = r.buildAndAssertSuccess(job);
        job.setDefinition(new CpsFlowDefinition("echo 'no release in this build'", true));
        r.buildAndAssertSuccess(job);
        JenkinsRule.WebClient wc = r.createWebClient();

        HtmlPage jobPage = wc.getPage(job);
        assertThat(jobPage.getAnchors()).extracting(HtmlAnchor::getHrefAttribute)
                .anyMatch(href -> href.endsWith(JOB_LINK) || href.endsWith(JOB_LINK + "/"));
        assertThat(jobPage.asNormalizedText()).contains("Release Report");

        HtmlPage report = wc.goTo(JOB_LINK + "/");
        assertThat(report.getUrl().toString()).endsWith(newestWithReport.getUrl() + ReleaseReportAction.URL_NAME + "/");
        assertThat(report.asNormalizedText()).contains("checkout", "2.0");
    }

    @Test
    public void aReportWrittenLaterMovesTheLink() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition("releasePlan(service: 'checkout', version: '1.0')", true));
        r.buildAndAssertSuccess(job);
        assertThat(job.getAction(LatestReleaseReportAction.class).getBuild()).isEqualTo(job.getBuildByNumber(1));

        job.setDefinition(new CpsFlowDefinition("releasePlan(service: 'checkout', version: '1.1')", true));
        WorkflowRun second = r.buildAndAssertSuccess(job);

        assertThat(job.getAction(LatestReleaseReportAction.class).getBuild()).isEqualTo(second);
        second.delete();
        assertThat(job.getAction(LatestReleaseReportAction.class).getBuild()).as("a deleted build is not linked")
                .isEqualTo(job.getBuildByNumber(1));
    }

    @Test
    public void noLinkOnJobsWithoutReports() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition("echo 'no release here'", true));
        r.buildAndAssertSuccess(job);
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);

        LatestReleaseReportAction action = job.getAction(LatestReleaseReportAction.class);
        assertThat(action).isNotNull();
        assertThat(action.getIconFileName()).isNull();
        assertThat(wc.getPage(job).getAnchors()).extracting(HtmlAnchor::getHrefAttribute)
                .noneMatch(href -> href.contains(ReleaseReportAction.URL_NAME));
        assertThat(wc.goTo(JOB_LINK + "/", null).getWebResponse().getStatusCode()).isEqualTo(404);
    }
}
