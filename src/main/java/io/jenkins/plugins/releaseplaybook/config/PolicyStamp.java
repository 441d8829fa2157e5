package io.jenkins.plugins.releaseplaybook.config;

import io.jenkins.plugins.releaseplaybook.engine.report.ReleaseReport;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stamps the release policy in force into a report, so that a reviewer sees what was required when the release was
 * planned, whatever the administrator changes later. {@code releasePlan} calls it with
 * {@code report.update(PolicyStamp::stamp)}.
 */
public final class PolicyStamp {
    private static final Logger LOGGER = Logger.getLogger(PolicyStamp.class.getName());

    private PolicyStamp() {}

    /**
     * The report with the current policy stamped. A stored policy that does not parse (a hand-edited file) is not
     * stamped, with a line in the Jenkins log: the plan still goes ahead, and {@code releaseGate} fails with the reason.
     */
    public static ReleaseReport stamp(ReleaseReport report) {
        try {
            return report.withPolicy(ReleasePlaybookConfiguration.get().getPolicy().policy().toRecord(Instant.now()));
        } catch (IllegalArgumentException e) {
            LOGGER.log(Level.WARNING, "The release policy is not valid, so it was not stamped into the Release Report", e);
            return report;
        }
    }
}
