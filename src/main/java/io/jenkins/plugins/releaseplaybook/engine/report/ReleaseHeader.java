package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What {@code releasePlan} declared: the release's identity, risk and people.
 *
 * @param plannedAt when the plan was declared; the fallback start of the release for baselines and KPIs
 */
public record ReleaseHeader(
        String service,
        String version,
        Risk risk,
        List<String> owners,
        List<String> scope,
        boolean drill,
        BuildRef build,
        Instant plannedAt)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ReleaseHeader {
        service = Bounds.requiredName(service, "service");
        version = Bounds.name(version);
        owners = Bounds.texts(owners, "owners", Bounds.NAME);
        scope = Bounds.texts(scope, "scope", Bounds.NAME);
    }
}
