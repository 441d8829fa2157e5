package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.util.List;

/** What silences need of Alertmanager; {@link AlertmanagerClient} is the real one. Must be thread-safe. */
public interface AlertmanagerPort {
    CreatedSilence create(SilenceRequest request) throws AlertmanagerException;

    void expire(String id) throws AlertmanagerException;

    List<AlertInfo> alerts(List<Matcher> filter, boolean silenced, boolean inhibited, boolean active)
            throws AlertmanagerException;
}
