package io.jenkins.plugins.releaseplaybook.engine.report;

import java.io.Serializable;

/**
 * Which build a report belongs to.
 *
 * @param jobFullName the job's full name, e.g. {@code team/checkout/main}
 * @param number the build number
 * @param url the absolute URL of the build; when Jenkins has no root URL configured, its URL relative to the
 *     Jenkins root ({@code job/checkout/42/}); {@code null} in reports written before that fallback existed
 */
public record BuildRef(String jobFullName, int number, String url) implements Serializable {
    private static final long serialVersionUID = 1L;

    public BuildRef {
        jobFullName = Bounds.requiredName(jobFullName, "jobFullName");
        url = Bounds.name(url);
    }

    /** {@code team/checkout/main #42}, for people. */
    public String displayName() {
        return jobFullName + " #" + number;
    }
}
