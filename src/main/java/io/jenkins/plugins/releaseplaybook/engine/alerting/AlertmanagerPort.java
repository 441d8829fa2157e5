package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.net.URI;
import java.util.List;

/** What silences need of Alertmanager; {@link AlertmanagerClient} is the real one. Must be thread-safe. */
public interface AlertmanagerPort {
    CreatedSilence create(SilenceRequest request) throws AlertingException;

    /**
     * Expires a silence, asking first the instance that created it, then the others, until one expires it
     * (see {@link AlertmanagerClient#expire(String, URI)}).
     *
     * @param createdAt the instance that accepted the silence, or {@code null} if unknown
     */
    Expiry expire(String id, URI createdAt) throws AlertingException;

    List<AlertInfo> alerts(List<Matcher> filter, boolean silenced, boolean inhibited, boolean active)
            throws AlertingException;
}
