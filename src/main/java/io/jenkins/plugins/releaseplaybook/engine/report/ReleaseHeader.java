package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What {@code releasePlan} declared: the release's identity, risk and people.
 *
 * @param plannedAt when the plan was declared; the fallback start of the release for baselines and KPIs
 * @param emergency the declared emergency plan; {@link EmergencyPlan#NONE} when none (also for older reports)
 */
public record ReleaseHeader(
        String service,
        String version,
        Risk risk,
        List<String> owners,
        List<String> scope,
        boolean drill,
        BuildRef build,
        Instant plannedAt,
        EmergencyPlan emergency)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ReleaseHeader {
        service = Bounds.requiredName(service, "service");
        version = Bounds.name(version);
        owners = Bounds.texts(owners, "owners", Bounds.NAME);
        scope = Bounds.texts(scope, "scope", Bounds.NAME);
        emergency = emergency == null ? EmergencyPlan.NONE : emergency;
    }

    /** A header without an emergency plan. */
    public ReleaseHeader(String service, String version, Risk risk, List<String> owners, List<String> scope,
            boolean drill, BuildRef build, Instant plannedAt) {
        this(service, version, risk, owners, scope, drill, build, plannedAt, EmergencyPlan.NONE);
    }

    /** This header with {@code plan} as its emergency plan. */
    public ReleaseHeader withEmergency(EmergencyPlan plan) {
        return new ReleaseHeader(service, version, risk, owners, scope, drill, build, plannedAt, plan);
    }
}
