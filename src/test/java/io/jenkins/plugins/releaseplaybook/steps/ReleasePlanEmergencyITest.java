package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.releaseplaybook.engine.report.EmergencyPlan;
import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import io.jenkins.plugins.releaseplaybook.report.ReleaseReportAction;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/** The emergency plan of {@code releasePlan}: in the report, on its page, in the REST API, and in the forms. */
public class ReleasePlanEmergencyITest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule r = new JenkinsRule();

    private static final String PLAN = "releasePlan(service: 'checkout', version: '1.4.2', risk: 'high',\n"
            + "    contacts: [[name: 'Li Lei', role: 'DBA on call', phone: 8613800138000, mail: 'lilei@example.com'],\n"
            + "               [name: 'Han <b>Meimei</b>', im: '@han', mail: 'Han <han@example.com>']],\n"
            + "    triggers: ['error ratio above 2% for 5 minutes', 'p99 latency above 800 ms'],\n"
            + "    rollbackPlan: '''1. stop the rollout\n2. ./deploy.sh --previous''',\n"
            + "    notify: ['#checkout-release', 'oncall@example.com'])";

    @Test
    public void theEmergencyPlanIsRecordedInTheReportHeader() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(PLAN));

        EmergencyPlan emergency = report(build).header().emergency();
        assertThat(emergency.contacts()).containsExactly(
                new EmergencyPlan.Contact("Li Lei", "DBA on call", "8613800138000", "lilei@example.com", null),
                new EmergencyPlan.Contact("Han <b>Meimei</b>", null, null, "Han <han@example.com>", "@han"));
        assertThat(emergency.triggers()).containsExactly("error ratio above 2% for 5 minutes", "p99 latency above 800 ms");
        assertThat(emergency.rollbackPlan()).isEqualTo("1. stop the rollout\n2. ./deploy.sh --previous");
        assertThat(emergency.notifyTo()).containsExactly("#checkout-release", "oncall@example.com");
        r.assertLogContains("Emergency plan: 2 contacts, 2 triggers, rollback plan in words: yes,"
                + " notify: #checkout-release, oncall@example.com", build);
    }

    @Test
    public void thePageShowsTheContactsEscapedWithSafeLinksOnly() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(PLAN));

        HtmlPage page = r.createWebClient().getPage(build, "release-report/");

        DomNode emergency = page.querySelector(".rp-header .rp-emergency");
        assertThat(emergency).as("the emergency plan block").isNotNull();
        assertThat(emergency.asNormalizedText()).contains("Li Lei", "DBA on call", "Han <b>Meimei</b>",
                "error ratio above 2% for 5 minutes", "./deploy.sh --previous", "#checkout-release");
        assertThat(emergency.querySelectorAll("b")).isEmpty();
        assertThat(emergency.querySelectorAll("table.rp-contacts tbody tr")).hasSize(2);
        DomNode mail = emergency.querySelector("a[href='mailto:lilei@example.com']");
        DomNode phone = emergency.querySelector("a[href='tel:8613800138000']");
        assertThat(mail).as("mail link").isNotNull();
        assertThat(phone).as("phone link").isNotNull();
        assertThat(emergency.querySelectorAll("a")).as("no link for 'Han <han@example.com>'").hasSize(2);
    }

    @Test
    public void theRestApiHasTheEmergencyPlan() throws Exception {
        WorkflowRun build = r.buildAndAssertSuccess(pipeline(PLAN));

        JSONObject json = JSONObject.fromObject(r.createWebClient()
                .goTo(build.getUrl() + "release-report/api/json", "application/json")
                .getWebResponse().getContentAsString());

        JSONObject emergency = json.getJSONObject("emergency");
        JSONArray contacts = emergency.getJSONArray("contacts");
        assertThat(contacts.size()).isEqualTo(2);
        assertThat(contacts.getJSONObject(0).getString("name")).isEqualTo("Li Lei");
        assertThat(contacts.getJSONObject(0).getString("phone")).isEqualTo("8613800138000");
        assertThat(emergency.getJSONArray("triggers").size()).isEqualTo(2);
        assertThat(emergency.getString("rollbackPlan")).startsWith("1. stop the rollout");
        assertThat(emergency.getJSONArray("notify").getString(0)).isEqualTo("#checkout-release");
    }

    @Test
    public void everyProblemOfThePlanIsNamedAtOnce() throws Exception {
        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, pipeline(
                "releasePlan(service: 'checkout', contacts: [[name: 'Li Lei'], [role: 'SRE', phone: '110']],\n"
                        + "    triggers: [''], notify: ['ok', ''])"));

        r.assertLogContains("'contacts' entry 1 says no way to reach the contact", build);
        r.assertLogContains("'contacts' entry 2 has no 'name'", build);
        r.assertLogContains("'triggers' entry 1 is empty", build);
        r.assertLogContains("'notify' entry 2 is empty", build);
        assertThat(report(build).hasHeader()).isFalse();
    }

    @Test
    public void snippetsRoundTripWithTheEmergencyPlan() throws Exception {
        ReleasePlanStep step = new ReleasePlanStep("checkout");
        Contact contact = new Contact("Li Lei");
        contact.setRole("DBA");
        contact.setPhone("+86 10 1234 5678");
        contact.setMail("lilei@example.com");
        step.setContacts(List.of(contact));
        step.setTriggers(List.of("error ratio above 2%"));
        step.setRollbackPlan("roll back");
        step.setNotify(List.of("#release"));
        step.setAcknowledgeRollbacks(true);

        new SnippetizerTester(r).assertRoundTrip(step, "releasePlan acknowledgeRollbacks: true,"
                + " contacts: [[mail: 'lilei@example.com', name: 'Li Lei', phone: '+86 10 1234 5678', role: 'DBA']],"
                + " notify: ['#release'], rollbackPlan: 'roll back', service: 'checkout',"
                + " triggers: ['error ratio above 2%']");
    }

    @Test
    public void theSnippetGeneratorFormReadsContactsAndLines() throws Exception {
        new SnippetizerTester(r).assertGenerateSnippet(
                "{'stapler-class': '" + ReleasePlanStep.class.getName() + "', 'service': 'checkout',"
                        + " 'version': '', 'risk': 'medium', 'ownersText': '', 'scopeText': '', 'drill': false,"
                        + " 'contacts': [{'name': 'Li Lei', 'role': '', 'phone': '110', 'mail': '', 'im': ''},"
                        + " {'name': 'Han', 'role': 'SRE', 'phone': '', 'mail': '', 'im': '@han'}],"
                        + " 'triggersText': 'a\\n\\n b ', 'rollbackPlan': '', 'notifyText': '#release',"
                        + " 'acknowledgeRollbacks': false}",
                "releasePlan contacts: [[name: 'Li Lei', phone: '110'], [im: '@han', name: 'Han', role: 'SRE']],"
                        + " notify: ['#release'], service: 'checkout', triggers: ['a', 'b']",
                null);
    }

    @Test
    public void configFormRoundTripKeepsTheEmergencyPlan() throws Exception {
        ReleasePlanStep step = new ReleasePlanStep("checkout");
        Contact li = new Contact("Li Lei");
        li.setPhone("110");
        Contact han = new Contact("Han");
        han.setIm("@han");
        han.setRole("SRE");
        step.setContacts(List.of(li, han));
        step.setTriggers(List.of("a", "b"));
        step.setRollbackPlan("roll back");
        step.setNotify(List.of("#release"));
        step.setAcknowledgeRollbacks(true);

        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static ReleaseReport report(WorkflowRun build) throws Exception {
        ReleaseReportAction action = build.getAction(ReleaseReportAction.class);
        assertThat(action).isNotNull();
        return action.load();
    }
}
