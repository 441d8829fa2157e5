package io.jenkins.plugins.releaseplaybook.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** The report page in the reader's language (Accept-Language), and its two links. */
public class ReleaseReportPageLocaleITest {
    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void aChineseReaderGetsTheReportInChinese() throws Exception {
        WorkflowRun build = planned();
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.addRequestHeader("Accept-Language", "zh-CN");

        HtmlPage page = wc.getPage(build, "release-report/");

        DomNode report = page.querySelector("div.rp-report");
        assertThat(report.asNormalizedText()).contains("时间线", "发布耗时", "checkout").doesNotContain("Timeline",
                "Release duration");
    }

    @Test
    public void anEnglishReaderGetsEnglishAndTwoSeparateLinks() throws Exception {
        WorkflowRun build = planned();
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.addRequestHeader("Accept-Language", "en");

        HtmlPage page = wc.getPage(build, "release-report/");

        assertThat(page.querySelector("div.rp-report").asNormalizedText()).contains("Timeline", "Release duration");
        assertThat(page.querySelectorAll("ul.rp-links > li > a")).hasSize(2);
    }

    private WorkflowRun planned() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition("releasePlan(service: 'checkout', version: '1.4.2')", true));
        return r.buildAndAssertSuccess(job);
    }
}
