package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Descriptor.FormException;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.FormEntries;
import io.jenkins.plugins.releaseplaybook.FormLines;
import io.jenkins.plugins.releaseplaybook.engine.verification.CheckCatalogue;
import io.jenkins.plugins.releaseplaybook.engine.verification.ErrorPolicy;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONObject;

/**
 * Reads the stability verification section from the submitted form ({@code verification} in the JSON of
 * Manage Jenkins &gt; System). Each field is checked before the section is built, the rules that span fields
 * included, and reported as a form error naming the field.
 */
final class VerificationForm {
    private VerificationForm() {}

    /**
     * Reads the section from the submitted form. Everything is checked before the new section is built, the
     * rules that span fields included (default checks the submitted catalogue lacks, an interval longer than the
     * duration). A catalogue with no entries is absent from the JSON, which means "back to the built-in one".
     */
    static VerificationSection read(@CheckForNull JSONObject form, VerificationSection current) throws FormException {
        if (form == null) {
            return current;
        }
        String duration = form.optString("defaultDuration");
        String interval = form.optString("defaultInterval");
        ConfigurationValidation.reject(ConfigurationValidation.durationProblem(duration), "defaultDuration");
        ConfigurationValidation.reject(ConfigurationValidation.durationProblem(interval), "defaultInterval");
        ConfigurationValidation.reject(ConfigurationValidation.intervalProblem(interval, duration), "defaultInterval");
        String maxErrors = form.optString("maxErrors", Integer.toString(current.getMaxErrors()));
        ConfigurationValidation.reject(ConfigurationValidation.maxErrorsProblem(maxErrors), "maxErrors");
        ErrorPolicy errorPolicy = errorPolicy(form.optString("errorPolicy"));
        List<CatalogueCheck> entries = catalogueFromForm(form.opt(VerificationSection.CATALOGUE_FIELD));
        CheckCatalogue checked = checkedCatalogue(entries);
        List<String> checks = FormLines.split(form.optString(VerificationSection.DEFAULT_CHECKS_FIELD));
        for (String name : checks) {
            if (checked.find(name).isEmpty()) {
                throw new FormException(Messages.ReleasePlaybookConfiguration_UnknownDefaultCheck(name,
                        String.join(", ", VerificationSection.names(checked))), VerificationSection.DEFAULT_CHECKS_FIELD);
            }
        }

        VerificationSection section = new VerificationSection();
        section.setDefaultDuration(duration);
        section.setDefaultInterval(interval);
        section.setDefaultChecks(checks);
        section.setAllowLoosening(form.optBoolean("allowLoosening"));
        section.setErrorPolicy(errorPolicy);
        section.setMaxErrors(Integer.parseInt(maxErrors.strip()));
        section.setCheckCatalogue(entries);
        return section;
    }

    private static ErrorPolicy errorPolicy(@CheckForNull String text) throws FormException {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return ErrorPolicy.FAIL_CLOSED;
        }
        try {
            return ErrorPolicy.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new FormException(Messages.VerificationSection_UnknownErrorPolicy(value), "errorPolicy");
        }
    }

    /** The catalogue entries of the form: one JSON object, an array of them, or nothing when all were removed. */
    private static List<CatalogueCheck> catalogueFromForm(@CheckForNull Object entries) throws FormException {
        List<JSONObject> objects = FormEntries.of(entries);
        List<CatalogueCheck> catalogue = new ArrayList<>(objects.size());
        try {
            for (JSONObject object : objects) {
                catalogue.add(CatalogueCheck.DescriptorImpl.fromForm(object));
            }
        } catch (IllegalArgumentException e) {
            throw new FormException(EngineMessages.of(e), VerificationSection.CATALOGUE_FIELD);
        }
        return catalogue;
    }

    /** The engine's catalogue for the entries (the built-in one for none), or a form error naming the entry. */
    private static CheckCatalogue checkedCatalogue(List<CatalogueCheck> entries) throws FormException {
        try {
            return entries.isEmpty() ? CheckCatalogue.builtIn() : new CheckCatalogue(VerificationSection.definitions(entries));
        } catch (IllegalArgumentException e) {
            throw new FormException(EngineMessages.of(e), VerificationSection.CATALOGUE_FIELD);
        }
    }
}
