package io.jenkins.plugins.releaseplaybook.engine.rollback;

import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of a {@code job} rollback action, apart from Jenkins: which of the given parameters the job accepts, and
 * what each way the triggered build can end says. The plugin finds the job, converts each accepted value with the job's
 * own parameter definition, schedules the build and waits for it.
 */
public final class JobAction {
    private JobAction() {}

    /**
     * A parameter the job defines.
     *
     * @param name the parameter's name
     * @param fromText whether a value can be made from text (string, text, boolean, choice, password, run parameters);
     *     a file parameter, say, cannot
     */
    public record Definition(String name, boolean fromText) {
        public Definition {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Checks the given parameters against the job's definitions: every given name must be defined (names are
     * case-sensitive, as Jenkins compares them) and take its value from text. Parameters the job defines but the plan
     * does not give take the job's default, as {@code build job:} does.
     *
     * @param defined the job's parameter definitions, in the job's order; empty for a job without parameters
     * @return the refusal, naming every unknown parameter and what the job does define; empty when all are accepted
     */
    public static Optional<ActionResult> refusal(String job, Map<String, String> given, List<Definition> defined) {
        Map<String, Definition> byName = new LinkedHashMap<>();
        for (Definition definition : defined) {
            byName.putIfAbsent(definition.name(), definition);
        }
        List<String> unknown = new ArrayList<>();
        List<String> notText = new ArrayList<>();
        for (String name : given.keySet()) {
            Definition definition = byName.get(name);
            if (definition == null) {
                unknown.add(name);
            } else if (!definition.fromText()) {
                notText.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            Text text = byName.isEmpty()
                    ? Text.of("rollback.job.notParameterized", job, String.join(", ", unknown))
                    : Text.of("rollback.job.unknownParameters", job, String.join(", ", unknown),
                            String.join(", ", byName.keySet()));
            return Optional.of(ActionResult.failed(text.english()));
        }
        if (!notText.isEmpty()) {
            return Optional.of(ActionResult.failed(
                    Text.of("rollback.job.parameterNotText", job, String.join(", ", notText)).english()));
        }
        return Optional.empty();
    }

    /** A value the job's definition refused (a choice that is not one of the choices, say). */
    public static ActionResult badValue(String job, String parameter, String value, String reason) {
        return ActionResult.failed(Text.of("rollback.job.badValue", job, parameter, value, reason).english());
    }

    /**
     * The outcome of a triggered build that ended: success only for {@code SUCCESS}; an unstable, failed, aborted or
     * not built downstream build did not do the rollback's work.
     *
     * @param result the build's result name ({@code Result.toString()})
     * @param url the build's absolute URL, or its URL relative to Jenkins' root when no root URL is configured
     */
    public static ActionResult finished(String job, int number, String url, String result) {
        String key = "SUCCESS".equals(result) ? "rollback.job.succeeded" : "rollback.job.failed";
        Text text = Text.of(key, job, Integer.toString(number), url, String.valueOf(result));
        return "SUCCESS".equals(result) ? ActionResult.succeeded(text.english()) : ActionResult.failed(text.english());
    }

    /**
     * No job by that name that the build may see: the same answer whether it does not exist or the build's
     * authentication cannot read it, so that a job's existence does not leak.
     *
     * @param from the full name of the folder relative names were resolved against (empty for the root)
     */
    public static ActionResult notFound(String name, String from) {
        return ActionResult.failed(Text.of("rollback.job.notFound", name, from.isEmpty() ? "/" : from).english());
    }

    /** The build's authentication may see the job but not build it. */
    public static ActionResult noPermission(String job, String who) {
        return ActionResult.failed(Text.of("rollback.job.noPermission", job, who).english());
    }

    /** The item is not something that can be built and waited for (a folder, say). */
    public static ActionResult notBuildable(String name) {
        return ActionResult.failed(Text.of("rollback.job.notAJob", name).english());
    }

    /** The queue refused the build: the job is disabled, or a queue decision handler said no. */
    public static ActionResult refused(String job) {
        return ActionResult.failed(Text.of("rollback.job.refused", job).english());
    }

    /** The queue item was cancelled before the build started, by someone else than this rollback. */
    public static ActionResult cancelled(String job) {
        return ActionResult.failed(Text.of("rollback.job.cancelled", job).english());
    }

    /** The log line once the build is scheduled. */
    public static Text scheduled(String job, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return Text.of("rollback.job.scheduled", job);
        }
        StringBuilder list = new StringBuilder();
        parameters.forEach((k, v) -> list.append(list.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return Text.of("rollback.job.scheduledWith", job, list.toString());
    }

    /** The log line once the build started. */
    public static Text started(String job, int number, String url) {
        return Text.of("rollback.job.started", job, Integer.toString(number), url);
    }
}
