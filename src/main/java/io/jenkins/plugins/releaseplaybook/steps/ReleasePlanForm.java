package io.jenkins.plugins.releaseplaybook.steps;

import hudson.Util;
import io.jenkins.plugins.releaseplaybook.FormEntries;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.Messages;
import net.sf.json.JSONObject;

/**
 * Reads the Snippet Generator form of {@code releasePlan}. {@code owners}, {@code scope}, {@code triggers} and
 * {@code notify} are lists in the DSL ({@code owners: ['a@example.com']}), which a form field cannot bind; the form
 * edits them as text areas ({@code ownersText}, ..., one entry a line) that are split here. Contacts come from a
 * repeatable block ({@link Contact.DescriptorImpl#fromForm}). The step itself keeps only the list properties, so the
 * DSL, the snippet and the pipeline-syntax reference stay unchanged.
 */
final class ReleasePlanForm {
    private ReleasePlanForm() {}

    static ReleasePlanStep toStep(JSONObject formData) {
        String service = Util.fixEmptyAndTrim(formData.optString("service"));
        if (service == null) {
            // Not a FormException: the Snippet Generator shows the message of a RuntimeException (and would
            // otherwise generate "releasePlan()", which fails when it runs).
            throw new IllegalArgumentException(Messages.ReleasePlanStep_ServiceRequired());
        }
        ReleasePlanStep step = new ReleasePlanStep(service);
        step.setVersion(formData.optString("version"));
        step.setRisk(formData.optString("risk"));
        step.setOwners(FormLines.split(formData.optString("ownersText")));
        step.setScope(FormLines.split(formData.optString("scopeText")));
        step.setDrill(formData.optBoolean("drill"));
        step.setContacts(FormEntries.of(formData.opt("contacts")).stream().map(Contact.DescriptorImpl::fromForm)
                .toList());
        step.setTriggers(FormLines.split(formData.optString("triggersText")));
        step.setRollbackPlan(formData.optString("rollbackPlan"));
        step.setNotify(FormLines.split(formData.optString("notifyText")));
        step.setAcknowledgeRollbacks(formData.optBoolean("acknowledgeRollbacks"));
        return step;
    }

}
