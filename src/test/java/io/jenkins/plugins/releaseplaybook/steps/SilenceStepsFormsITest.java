package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.util.FormValidation;
import io.jenkins.plugins.releaseplaybook.Messages;
import java.util.List;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The Snippet Generator forms, the Pipeline Syntax reference and the form validation of the silence steps
 * ({@code silenceAlerts}, {@code createSilences}, {@code expireSilences}).
 */
public class SilenceStepsFormsITest {
    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void silenceAlertsSnippetsRoundTrip() throws Exception {
        SnippetizerTester snippetizer = new SnippetizerTester(r);
        SilenceAlertsStep step = new SilenceAlertsStep();
        step.setMatchers(List.of("service=\"checkout\"", "alertname=~\"HighLatency|HighErrorRate\""));
        step.setComment("checkout release");
        snippetizer.assertRoundTrip(step, "silenceAlerts(comment: 'checkout release',"
                + " matchers: ['service=\"checkout\"', 'alertname=~\"HighLatency|HighErrorRate\"']) {\n"
                + "    // some block\n}");

        step.setDuration("45m");
        snippetizer.assertRoundTrip(step, "silenceAlerts(comment: 'checkout release', duration: '45m',"
                + " matchers: ['service=\"checkout\"', 'alertname=~\"HighLatency|HighErrorRate\"']) {\n"
                + "    // some block\n}");

        SilenceAlertsStep several = new SilenceAlertsStep();
        several.setSilences(List.of("{service=\"checkout\", alertname=\"HighLatency\"}", "{service=\"worker\"}"));
        several.setComment("checkout release");
        snippetizer.assertRoundTrip(several, "silenceAlerts(comment: 'checkout release',"
                + " silences: ['{service=\"checkout\", alertname=\"HighLatency\"}', '{service=\"worker\"}']) {\n"
                + "    // some block\n}");
    }

    @Test
    public void createSilencesSnippetsRoundTripWithoutABody() throws Exception {
        SnippetizerTester snippetizer = new SnippetizerTester(r);
        CreateSilencesStep step = new CreateSilencesStep();
        step.setMatchers(List.of("service=\"checkout\"", "severity!=\"critical\""));
        step.setDuration("45m");
        step.setComment("checkout release");
        // No block and more than one argument: the Snippetizer writes a command call, without parentheses.
        snippetizer.assertRoundTrip(step, "createSilences comment: 'checkout release', duration: '45m',"
                + " matchers: ['service=\"checkout\"', 'severity!=\"critical\"']");

        CreateSilencesStep several = new CreateSilencesStep();
        several.setSilences(List.of("{service=\"checkout\"}", "{service=\"worker\"}"));
        several.setComment("checkout release");
        snippetizer.assertRoundTrip(several,
                "createSilences comment: 'checkout release', silences: ['{service=\"checkout\"}', '{service=\"worker\"}']");
    }

    @Test
    public void expireSilencesSnippetsRoundTrip() throws Exception {
        SnippetizerTester snippetizer = new SnippetizerTester(r);
        ExpireSilencesStep step = new ExpireSilencesStep();
        snippetizer.assertRoundTrip(step, "expireSilences()");

        step.setIds(List.of("silence-1", "silence-2"));
        snippetizer.assertRoundTrip(step, "expireSilences(ids: ['silence-1', 'silence-2'])");
    }

    /** The Snippet Generator form edits the lists as text areas, one entry a line. */
    @Test
    public void snippetGeneratorFormsSplitListsByLine() throws Exception {
        SnippetizerTester snippetizer = new SnippetizerTester(r);
        snippetizer.assertGenerateSnippet(
                "{'stapler-class': '" + SilenceAlertsStep.class.getName() + "',"
                        + " 'matchersText': 'service=\"checkout\"\\n\\n alertname=\"HighLatency\" ',"
                        + " 'comment': 'checkout release', 'duration': '', 'silencesText': ''}",
                "silenceAlerts(comment: 'checkout release', matchers: ['service=\"checkout\"', 'alertname=\"HighLatency\"'])"
                        + " {\n    // some block\n}",
                null);
        snippetizer.assertGenerateSnippet(
                "{'stapler-class': '" + CreateSilencesStep.class.getName() + "',"
                        + " 'matchersText': 'service=\"checkout\"\\nseverity!=\"critical\"',"
                        + " 'comment': 'checkout release', 'duration': '45m', 'silencesText': ''}",
                "createSilences comment: 'checkout release', duration: '45m',"
                        + " matchers: ['service=\"checkout\"', 'severity!=\"critical\"']",
                null);
        snippetizer.assertGenerateSnippet(
                "{'stapler-class': '" + ExpireSilencesStep.class.getName() + "', 'idsText': 'silence-1\\nsilence-2'}",
                "expireSilences(ids: ['silence-1', 'silence-2'])",
                null);
    }

    @Test
    public void configFormsRoundTrip() throws Exception {
        SilenceAlertsStep step = new SilenceAlertsStep();
        step.setMatchers(List.of("service=\"checkout\"", "alertname=~\"HighLatency|HighErrorRate\""));
        step.setDuration("45m");
        step.setComment("checkout release");
        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));

        SilenceAlertsStep several = new SilenceAlertsStep();
        several.setSilences(List.of("{service=\"checkout\"}", "{service=\"worker\"}"));
        several.setComment("checkout release");
        r.assertEqualDataBoundBeans(several, new StepConfigTester(r).configRoundTrip(several));

        CreateSilencesStep create = new CreateSilencesStep();
        create.setMatchers(List.of("service=\"checkout\"", "severity!=\"critical\""));
        create.setDuration("45m");
        create.setComment("checkout release");
        r.assertEqualDataBoundBeans(create, new StepConfigTester(r).configRoundTrip(create));

        ExpireSilencesStep expire = new ExpireSilencesStep();
        expire.setIds(List.of("silence-1"));
        r.assertEqualDataBoundBeans(expire, new StepConfigTester(r).configRoundTrip(expire));
    }

    @Test
    public void pipelineSyntaxReferenceCanBeGenerated() throws Exception {
        SnippetizerTester.assertDocGeneration(SilenceAlertsStep.class);
        SnippetizerTester.assertDocGeneration(CreateSilencesStep.class);
        SnippetizerTester.assertDocGeneration(ExpireSilencesStep.class);
    }

    @Test
    public void formFieldsAreValidatedAsTyped() {
        SilenceAlertsStep.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(SilenceAlertsStep.DescriptorImpl.class);

        assertThat(descriptor.doCheckMatchersText(null, "service=\"checkout\"\nalertname=~\"High.*\"", "").kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckMatchersText(null, "service=checkout,env=prod", "").renderHtml())
                .contains("looks like two matchers");
        assertThat(descriptor.doCheckMatchersText(null, "", "").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckMatchersText(null, "service=\"checkout\"", "{service=\"checkout\"}").kind)
                .isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckMatchersText(null, "", "{service=\"checkout\"}").kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckSilencesText(null, "{service=\"checkout\"}\nservice=\"worker\"").kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckSilencesText(null, "{service=\"checkout\"}\n{service=\"worker\"").renderHtml())
                .contains("silences entry 2").contains("unbalanced braces");
        assertThat(descriptor.doCheckDuration(null, "45m").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckDuration(null, "").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckDuration(null, "soon").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckComment(null, "").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckComment(null, "checkout release").kind).isEqualTo(FormValidation.Kind.OK);

        CreateSilencesStep.DescriptorImpl create = r.jenkins.getDescriptorByType(CreateSilencesStep.DescriptorImpl.class);
        assertThat(create.doCheckMatchersText(null, "service=checkout,env=prod", "").renderHtml())
                .contains("looks like two matchers");
        assertThat(create.doCheckSilencesText(null, "{service=\"checkout\"").renderHtml())
                .contains("createSilences silences entry 1");
    }

    /**
     * A typo in the Snippet Generator is a message in the snippet box: newInstance throws IllegalArgumentException,
     * the one kind of exception the Snippet Generator shows (a checked FormException would be an HTTP 500).
     */
    @Test
    public void whatTheStepWouldRefuseIsAnIllegalArgumentExceptionWithTheMessage() {
        CreateSilencesStep.DescriptorImpl create = r.jenkins.getDescriptorByType(CreateSilencesStep.DescriptorImpl.class);
        SilenceAlertsStep.DescriptorImpl block = r.jenkins.getDescriptorByType(SilenceAlertsStep.DescriptorImpl.class);

        assertThatThrownBy(() -> create.newInstance((StaplerRequest2) null, form("service=checkout,env=prod", "", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("createSilences parameter matchers").hasMessageContaining("looks like two matchers");
        assertThatThrownBy(() -> block.newInstance((StaplerRequest2) null,
                form("service=\"checkout\"", "{service=\"worker\"}", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Messages.SilenceAlertsStep_MatchersAndSilences());
        assertThatThrownBy(() -> block.newInstance((StaplerRequest2) null, form("", "", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Messages.SilenceAlertsStep_NoMatchers());
        assertThatThrownBy(() -> create.newInstance((StaplerRequest2) null, form("service=\"checkout\"", "", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("createSilences parameter duration");
        assertThat(create.newInstance((StaplerRequest2) null, form("service=\"checkout\"", "", "45m")).getDuration())
                .isEqualTo("45m");
    }

    private static JSONObject form(String matchersText, String silencesText, String duration) {
        JSONObject form = new JSONObject();
        form.put("matchersText", matchersText);
        form.put("silencesText", silencesText);
        form.put("duration", duration);
        form.put("comment", "checkout release");
        return form;
    }
}
