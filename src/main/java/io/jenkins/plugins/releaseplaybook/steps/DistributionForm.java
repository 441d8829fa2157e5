package io.jenkins.plugins.releaseplaybook.steps;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Label;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.releaseplaybook.EngineMessages;
import io.jenkins.plugins.releaseplaybook.Messages;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException;
import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionSpec;
import io.jenkins.plugins.releaseplaybook.engine.distribution.HostKeyPolicy;
import io.jenkins.plugins.releaseplaybook.engine.distribution.RemotePaths;
import io.jenkins.plugins.releaseplaybook.engine.distribution.Target;
import io.jenkins.plugins.releaseplaybook.engine.support.Durations;
import io.jenkins.plugins.releaseplaybook.engine.support.Percentages;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks and choices of the {@code preDistribute} form, as the step applies them when it runs (the engine's
 * parsers). Callers check permissions.
 */
final class DistributionForm {
    private DistributionForm() {}

    /** Globs separated by commas or new lines, trimmed, blanks dropped. */
    static List<String> globs(@CheckForNull String text) {
        List<String> globs = new ArrayList<>();
        for (String part : Util.fixNull(text).split("[,\\r\\n]+")) {
            if (!part.isBlank()) {
                globs.add(part.strip());
            }
        }
        return globs;
    }

    /**
     * Blank ({@code null}) or a whole number.
     *
     * @throws IllegalArgumentException naming the field
     */
    @CheckForNull
    static Integer number(@CheckForNull String text, String field) {
        String value = Util.fixEmptyAndTrim(text);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Messages.PreDistributeStep_NotANumber(field, value));
        }
    }

    static FormValidation artifacts(@CheckForNull String value) {
        return globs(value).isEmpty() ? FormValidation.error(Messages.PreDistributeStep_ArtifactsRequired())
                : FormValidation.ok();
    }

    static FormValidation remoteDirectory(@CheckForNull String value) {
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.error(Messages.PreDistributeStep_RemoteDirectoryRequired());
        }
        return engine(() -> RemotePaths.directory(value));
    }

    static FormValidation hosts(@CheckForNull String value) {
        return engine(() -> Target.parseList(value));
    }

    /** A parse error, or a warning when no node has the label now (the build may still add one). */
    static FormValidation agents(@CheckForNull String value) {
        String expression = Util.fixEmptyAndTrim(value);
        if (expression == null) {
            return FormValidation.ok();
        }
        try {
            Label label = Label.parseExpression(expression);
            return label.getNodes().isEmpty() ? FormValidation.warning(Messages.PreDistributeStep_NoAgent(expression))
                    : FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(Messages.PreDistributeStep_BadLabel(expression, e.getMessage()));
        }
    }

    static FormValidation range(@CheckForNull String value, String field, int min, int max) {
        try {
            Integer number = number(value, field);
            return number == null || number >= min && number <= max ? FormValidation.ok()
                    : FormValidation.error(Messages.PreDistributeStep_OutOfRange(field, number, min, max));
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation parallelism(@CheckForNull String value) {
        return range(value, "parallelism", 1, DistributionSpec.MAX_PARALLELISM);
    }

    static FormValidation retries(@CheckForNull String value) {
        return range(value, "retries", 0, DistributionSpec.MAX_RETRIES);
    }

    static FormValidation timeout(@CheckForNull String value) {
        return Util.fixEmptyAndTrim(value) == null ? FormValidation.ok()
                : StepValidation.validate(() -> Durations.parse(value));
    }

    static FormValidation minSuccess(@CheckForNull String value) {
        return Util.fixEmptyAndTrim(value) == null ? FormValidation.ok()
                : StepValidation.validate(() -> Percentages.parse(value));
    }

    static FormValidation hostKeyPolicy(@CheckForNull String value) {
        return Util.fixEmptyAndTrim(value) == null ? FormValidation.ok() : engine(() -> HostKeyPolicy.of(value));
    }

    /** "SSH Username with private key" and "Username with password" credentials the item may use. */
    static ListBoxModel credentials(@CheckForNull Item item, @CheckForNull String current) {
        return new StandardListBoxModel().includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, item, StandardUsernameCredentials.class, List.of(),
                        CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(SSHUserPrivateKey.class),
                                CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class)))
                .includeCurrentValue(Util.fixNull(current));
    }

    /** Empty (the administrator's policy) or known hosts only: a job can only be stricter. */
    static ListBoxModel hostKeyPolicies() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.PreDistributeStep_AdminPolicy(), "");
        items.add(Messages.PreDistributeStep_KnownHostsOnly(), HostKeyPolicy.KNOWN_HOSTS.name());
        return items;
    }

    @FunctionalInterface
    private interface EngineRule {
        Object check() throws DistributionException;
    }

    private static FormValidation engine(EngineRule rule) {
        try {
            rule.check();
            return FormValidation.ok();
        } catch (DistributionException e) {
            return FormValidation.error(EngineMessages.of(e));
        }
    }
}
