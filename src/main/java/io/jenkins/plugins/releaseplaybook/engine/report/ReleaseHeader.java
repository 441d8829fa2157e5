package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What {@code releasePlan} declared: the release's identity, risk and people.
 *
 * @param plannedAt when the plan was declared; the fallback start of the release for baselines and KPIs
 * @param emergency the declared emergency plan; {@link EmergencyPlan#NONE} when none (also for older reports)
 * @param acknowledgement who passed {@code acknowledgeRollbacks: true} to this build's {@code releasePlan} while the
 *     rollback-loop guard would have refused it, and when; {@code null} when nobody did (also for older reports). The
 *     loop guard reads it like an acknowledgement on a rollback record: the count of consecutive rolled-back releases
 *     ends at this build.
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
        EmergencyPlan emergency,
        RollbackRecord.Acknowledgement acknowledgement)
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
        this(service, version, risk, owners, scope, drill, build, plannedAt, EmergencyPlan.NONE, null);
    }

    /** A header without a loop-guard acknowledgement. */
    public ReleaseHeader(String service, String version, Risk risk, List<String> owners, List<String> scope,
            boolean drill, BuildRef build, Instant plannedAt, EmergencyPlan emergency) {
        this(service, version, risk, owners, scope, drill, build, plannedAt, emergency, null);
    }

    /** This header with {@code plan} as its emergency plan. */
    public ReleaseHeader withEmergency(EmergencyPlan plan) {
        return new ReleaseHeader(service, version, risk, owners, scope, drill, build, plannedAt, plan, acknowledgement);
    }

    /** This header with the loop-guard acknowledgement of {@code releasePlan(acknowledgeRollbacks: true)}. */
    public ReleaseHeader withAcknowledgement(RollbackRecord.Acknowledgement ack) {
        return new ReleaseHeader(service, version, risk, owners, scope, drill, build, plannedAt, emergency, ack);
    }
}
