package io.jenkins.plugins.releaseplaybook.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.Messages;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONArray;
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
        step.setContacts(contacts(formData.opt("contacts")));
        step.setTriggers(FormLines.split(formData.optString("triggersText")));
        step.setRollbackPlan(formData.optString("rollbackPlan"));
        step.setNotify(FormLines.split(formData.optString("notifyText")));
        step.setAcknowledgeRollbacks(formData.optBoolean("acknowledgeRollbacks"));
        return step;
    }

    /** One entry is submitted as an object, several as an array. */
    private static List<Contact> contacts(@CheckForNull Object entries) {
        List<Contact> contacts = new ArrayList<>();
        if (entries instanceof JSONObject single) {
            contacts.add(Contact.DescriptorImpl.fromForm(single));
        } else if (entries instanceof JSONArray array) {
            for (Object entry : array) {
                if (entry instanceof JSONObject object) {
                    contacts.add(Contact.DescriptorImpl.fromForm(object));
                }
            }
        }
        return contacts;
    }
}
