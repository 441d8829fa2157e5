package io.jenkins.plugins.releaseplaybook.rollback;

import hudson.model.Job;
import hudson.model.ParameterDefinition;
import hudson.model.ParameterValue;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.SimpleParameterDefinition;
import io.jenkins.plugins.releaseplaybook.engine.rollback.ActionResult;
import io.jenkins.plugins.releaseplaybook.engine.rollback.JobAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The text values of a {@code job} action as the job's own parameter values: each through its definition's
 * {@link SimpleParameterDefinition#createValue(String)} (so a boolean is a boolean and a choice must be one of the
 * choices), the job's defaults for the parameters not given, unknown names refused ({@link JobAction#refusal}).
 */
final class JobParameters {
    private JobParameters() {}

    /**
     * The values, or why they are refused.
     *
     * @param shown the given parameters as the log may show them: a sensitive value (a password parameter) masked
     */
    record Converted(List<ParameterValue> values, Map<String, String> shown, Optional<ActionResult> refusal) {}

    /** What the log shows instead of a sensitive value. */
    static final String MASKED = "****";

    static Converted convert(Job<?, ?> job, Map<String, String> given) {
        ParametersDefinitionProperty property = job.getProperty(ParametersDefinitionProperty.class);
        List<ParameterDefinition> definitions = property == null ? List.of() : property.getParameterDefinitions();
        List<JobAction.Definition> defined = new ArrayList<>();
        for (ParameterDefinition definition : definitions) {
            defined.add(new JobAction.Definition(definition.getName(),
                    definition instanceof SimpleParameterDefinition));
        }
        Optional<ActionResult> refusal = JobAction.refusal(job.getFullName(), given, defined);
        if (refusal.isPresent()) {
            return new Converted(List.of(), Map.of(), refusal);
        }
        List<ParameterValue> values = new ArrayList<>();
        Map<String, String> shown = new LinkedHashMap<>(given);
        for (ParameterDefinition definition : definitions) {
            String text = given.get(definition.getName());
            if (text == null) {
                ParameterValue fallback = definition.getDefaultParameterValue();
                if (fallback != null) {
                    values.add(fallback);
                }
                continue;
            }
            ParameterValue value;
            try {
                value = ((SimpleParameterDefinition) definition).createValue(text);
            } catch (IllegalArgumentException e) { // a choice that is not one of the choices, a malformed run id
                return new Converted(List.of(), Map.of(), Optional.of(JobAction.badValue(job.getFullName(),
                        definition.getName(), text, String.valueOf(e.getMessage()))));
            }
            values.add(value);
            if (value.isSensitive()) {
                shown.put(definition.getName(), MASKED);
            }
        }
        return new Converted(values, shown, Optional.empty());
    }
}
