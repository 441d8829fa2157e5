package io.jenkins.plugins.releaseplaybook.report;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.releaseplaybook.engine.report.BuildRef;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseHeader;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.engine.report.Risk;
import io.jenkins.plugins.releaseplaybook.engine.report.RollbackRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageKind;
import io.jenkins.plugins.releaseplaybook.engine.report.StageRecord;
import io.jenkins.plugins.releaseplaybook.engine.report.StageStatus;
import io.jenkins.plugins.releaseplaybook.engine.rollback.LoopGuard;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONNull;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/** The job's Release History: the action, its page, its REST API and the loop guard's acknowledgement form. */
public class ReleaseHistoryActionITest {
    private static final String PAGE = "job/p/" + ReleaseHistoryAction.URL_NAME + "/";
    /** Before now, so that an acknowledgement made now comes after every rollback of the test's builds. */
    private static final Instant T0 = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

    @Rule
    public JenkinsRule r = new JenkinsRule();

    /** A finished build whose report says what {@code rolledBack} asks (a release planned at its own hour). */
    private FreeStyleBuild release(FreeStyleProject project, boolean rolledBack) throws Exception {
        FreeStyleBuild build = r.buildAndAssertSuccess(project);
        Instant s = T0.plus(Duration.ofHours(build.getNumber()));
        ReleaseReport report = ReleaseReport.empty()
                .withHeader(new ReleaseHeader("checkout", "1." + build.getNumber(), Risk.MEDIUM, List.of("oncall"),
                        List.of(), false, new BuildRef(project.getFullName(), build.getNumber(), null), s))
                .withStage(new StageRecord("rel", StageKind.RELEASE, "deploy", s.plusSeconds(10), s.plusSeconds(100),
                        rolledBack ? StageStatus.FAILURE : StageStatus.SUCCESS, null));
        if (rolledBack) {
            report = report.withStage(new StageRecord("rb", StageKind.ROLLBACK, "undo", s.plusSeconds(100),
                    s.plusSeconds(130), StageStatus.SUCCESS, null)).withRollback(new RollbackRecord("verification failed",
                    s.plusSeconds(100), s.plusSeconds(130), List.of(), StageStatus.SUCCESS));
        }
        ReleaseReport written = report;
        ReleaseReportAction.getOrCreate(build).update(old -> written);
        return build;
    }

    private JSONObject api(JenkinsRule.WebClient wc) throws Exception {
        Page page = wc.goTo(PAGE + "api/json?depth=1", "application/json");
        return JSONObject.fromObject(page.getWebResponse().getContentAsString());
    }

    @Test
    public void aJobWithoutBuildsHasNoLinkAndAnEmptyHistory() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject("p");
        JenkinsRule.WebClient wc = r.createWebClient();

        ReleaseHistoryAction action = project.getAction(ReleaseHistoryAction.class);
        assertThat(action).isNotNull();
        assertThat(action.getIconFileName()).isNull();
        assertThat(wc.getPage(project).getAnchors()).extracting(HtmlAnchor::getHrefAttribute)
                .noneMatch(href -> href.contains(ReleaseHistoryAction.URL_NAME));
        assertThat(wc.goTo(PAGE).asNormalizedText()).contains("No release among the last 0 builds.");
        JSONObject api = api(wc);
        assertThat(api.getInt("buildsLooked")).isZero();
        assertThat(api.getInt("releases")).isZero();
        assertThat(api.get("successRate")).as("null: nothing to count").isIn(null, JSONNull.getInstance());
    }

    @Test
    public void oneReleaseShowsItsFiguresAndLinksItsReport() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject("p");
        FreeStyleBuild build = release(project, false);
        JenkinsRule.WebClient wc = r.createWebClient();

        assertThat(project.getAction(ReleaseHistoryAction.class).getIconFileName()).isEqualTo(ReleaseHistoryAction.ICON);
        assertThat(wc.getPage(project).getAnchors()).extracting(HtmlAnchor::getHrefAttribute)
                .anyMatch(href -> href.contains(ReleaseHistoryAction.URL_NAME));
        HtmlPage page = wc.goTo(PAGE);
        assertThat(page.asNormalizedText()).contains("Release History", "Success rate", "100%", "checkout", "1.1");
        assertThat(page.getAnchors()).extracting(HtmlAnchor::getHrefAttribute)
                .anyMatch(href -> href.endsWith(build.getUrl() + ReleaseReportAction.URL_NAME + "/"));
        assertThat(hasAcknowledgeForm(page)).as("no guard to acknowledge").isFalse();
        JSONObject api = api(wc);
        assertThat(api.getInt("releases")).isEqualTo(1);
        assertThat(api.getDouble("successRate")).isEqualTo(1.0);
        assertThat(api.getLong("medianDurationMillis")).isEqualTo(100_000L);
        JSONArray builds = api.getJSONArray("builds");
        assertThat(builds.size()).isEqualTo(1);
        assertThat(builds.getJSONObject(0).getInt("number")).isEqualTo(1);
        assertThat(builds.getJSONObject(0).getString("verdict")).isEqualTo("SUCCEEDED");
        // The stylesheet the page links.
        Page css = wc.goTo(PAGE + "style", "text/css");
        assertThat(css.getWebResponse().getContentAsString()).contains(".rp-trend-bar");
    }

    @Test
    public void sixtyBuildsCountOnlyTheNewestFiftyAndSkipBuildsWithoutReportOrWithADamagedOne() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject("p");
        for (int n = 1; n <= 60; n++) {
            if (n == 55) {
                r.buildAndAssertSuccess(project); // no report
            } else {
                release(project, n <= 10);
            }
        }
        FreeStyleBuild damaged = project.getBuildByNumber(58);
        Files.writeString(damaged.getRootDir().toPath().resolve(ReleaseReportAction.FILE_NAME), "{\"header\": {",
                StandardCharsets.UTF_8);
        JenkinsRule.WebClient wc = r.createWebClient();

        JSONObject api = api(wc);

        assertThat(api.getInt("limit")).isEqualTo(50);
        assertThat(api.getInt("buildsLooked")).isEqualTo(50);
        assertThat(api.getInt("withoutReport")).isEqualTo(1);
        assertThat(api.getInt("unreadableReports")).isEqualTo(1);
        assertThat(api.getInt("releases")).isEqualTo(48);
        assertThat(api.getInt("rolledBack")).as("builds 1-10 rolled back, outside the window").isZero();
        assertThat(api.getJSONArray("builds").getJSONObject(0).getInt("number")).isEqualTo(60);
        assertThat(wc.goTo(PAGE).asNormalizedText()).contains("1 without a report", "1 with an unreadable report");
    }

    @Test
    public void theCachedHistorySeesAReportWrittenLater() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject("p");
        FreeStyleBuild build = release(project, false);
        JenkinsRule.WebClient wc = r.createWebClient();
        assertThat(api(wc).getInt("rolledBack")).isZero();

        ReleaseReportAction.getOrCreate(build).update(report -> report.withRollback(new RollbackRecord("late",
                T0.plusSeconds(1), T0.plusSeconds(2), List.of(), StageStatus.SUCCESS)));

        assertThat(api(wc).getInt("rolledBack")).isEqualTo(1);
    }

    @Test
    public void theAcknowledgementFormIsRefusedWithoutConfigureAndOnGetAndRecordedOnPost() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject("p");
        release(project, false);
        for (int i = 0; i < LoopGuard.DEFAULT_MAX_CONSECUTIVE_ROLLBACKS; i++) {
            release(project, true);
        }
        int newest = project.getLastBuild().getNumber();
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("admin"));

        JenkinsRule.WebClient reader = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("reader");
        HtmlPage readerPage = reader.goTo(PAGE);
        assertThat(readerPage.asNormalizedText()).contains("3 consecutive releases", "Configure permission");
        assertThat(hasAcknowledgeForm(readerPage)).as("no form without Configure").isFalse();
        assertThat(reader.getPage(post(reader)).getWebResponse().getStatusCode()).isEqualTo(403);

        JenkinsRule.WebClient admin = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");
        // @POST routes only POST here: a GET finds no web method (Stapler answers 404; 405 would do as well).
        assertThat(admin.goTo(PAGE + "acknowledge", null).getWebResponse().getStatusCode()).as("GET").isIn(404, 405);
        assertThat(api(admin).getBoolean("acknowledgementNeeded")).isTrue();
        assertThat(api(admin).getInt("consecutiveRollbacks")).isEqualTo(3);
        assertThat(project.getBuildByNumber(newest).getAction(ReleaseReportAction.class).load().rollbacks().get(0)
                .acknowledgement()).as("nothing recorded by the refused requests").isNull();

        HtmlPage adminPage = admin.goTo(PAGE);
        assertThat(hasAcknowledgeForm(adminPage)).isTrue();
        HtmlForm form = adminPage.getFormByName("acknowledge");
        HtmlPage after = r.submit(form);

        assertThat(after.getUrl().toString()).endsWith(PAGE);
        assertThat(hasAcknowledgeForm(after)).as("acknowledged: no more form").isFalse();
        RollbackRecord.Acknowledgement ack = project.getBuildByNumber(newest).getAction(ReleaseReportAction.class).load()
                .rollbacks().get(0).acknowledgement();
        assertThat(ack).isNotNull();
        assertThat(ack.by()).isEqualTo("admin");
        assertThat(ack.via()).isEqualTo(ReleaseHistoryAction.VIA_PAGE);
        assertThat(api(admin).getInt("consecutiveRollbacks")).isZero();
        assertThat(api(admin).getBoolean("acknowledgementNeeded")).isFalse();
    }

    /** HtmlPage.getFormByName throws when there is none. */
    private static boolean hasAcknowledgeForm(HtmlPage page) {
        return page.getForms().stream().anyMatch(f -> "acknowledge".equals(f.getNameAttribute()));
    }

    private WebRequest post(JenkinsRule.WebClient wc) throws Exception {
        return wc.addCrumb(new WebRequest(new URL(r.getURL(), PAGE + "acknowledge"), HttpMethod.POST));
    }
}
