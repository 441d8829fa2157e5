package io.jenkins.plugins.releaseplaybook.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.releaseplaybook.engine.verification.ErrorPolicy;
import java.util.List;

/**
 * Reads the flat layout of the configuration saved by versions before the sections: {@link ReleasePlaybookConfiguration}
 * keeps the old fields (XStream reads them by name, so they stay there, with their names and types) and hands them
 * here on load. A section is built from the old fields when the file has any of them, else the saved section (or its
 * defaults, when the file has none) is kept.
 */
final class FlatLayout {
    private FlatLayout() {}

    @NonNull
    static ConnectionsSection connections(@CheckForNull ConnectionsSection saved, @CheckForNull String prometheusUrl,
            @CheckForNull String prometheusCredentialsId, @CheckForNull String alertmanagerUrls,
            @CheckForNull String alertmanagerCredentialsId, @CheckForNull Integer requestTimeoutSeconds) {
        if (prometheusUrl != null || prometheusCredentialsId != null || alertmanagerUrls != null
                || alertmanagerCredentialsId != null || requestTimeoutSeconds != null) {
            return ConnectionsSection.fromLegacy(prometheusUrl, prometheusCredentialsId, alertmanagerUrls,
                    alertmanagerCredentialsId, requestTimeoutSeconds);
        }
        return saved == null ? new ConnectionsSection() : saved;
    }

    @NonNull
    static VerificationSection verification(@CheckForNull VerificationSection saved,
            @CheckForNull String defaultDuration, @CheckForNull String defaultInterval,
            @CheckForNull List<String> defaultChecks, @CheckForNull Boolean allowLoosening,
            @CheckForNull ErrorPolicy errorPolicy, @CheckForNull Integer maxErrors,
            @CheckForNull List<CatalogueCheck> checkCatalogue) {
        if (defaultDuration != null || defaultInterval != null || defaultChecks != null || allowLoosening != null
                || errorPolicy != null || maxErrors != null || checkCatalogue != null) {
            return VerificationSection.fromLegacy(defaultDuration, defaultInterval, defaultChecks,
                    allowLoosening, errorPolicy, maxErrors, checkCatalogue);
        }
        return saved == null ? new VerificationSection() : saved;
    }

    @NonNull
    static SilencesSection silences(@CheckForNull SilencesSection saved, @CheckForNull String silenceMaxDuration,
            @CheckForNull String silenceDefaultDuration, @CheckForNull List<String> silenceRequiredLabels,
            @CheckForNull String silenceProtectedSets, @CheckForNull Integer maxSilencesPerBuild) {
        if (silenceMaxDuration != null || silenceDefaultDuration != null || silenceRequiredLabels != null
                || silenceProtectedSets != null || maxSilencesPerBuild != null) {
            return SilencesSection.fromLegacy(silenceMaxDuration, silenceDefaultDuration, silenceRequiredLabels,
                    silenceProtectedSets, maxSilencesPerBuild);
        }
        return saved == null ? new SilencesSection() : saved;
    }
}
