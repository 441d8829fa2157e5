package io.jenkins.plugins.releaseplaybook.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** The Snippet Generator forms, the Pipeline Syntax reference and the form validation of the two silence steps. */
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

        ExpireSilencesStep expire = new ExpireSilencesStep();
        expire.setIds(List.of("silence-1"));
        r.assertEqualDataBoundBeans(expire, new StepConfigTester(r).configRoundTrip(expire));
    }

    @Test
    public void pipelineSyntaxReferenceCanBeGenerated() throws Exception {
        SnippetizerTester.assertDocGeneration(SilenceAlertsStep.class);
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
    }
}
