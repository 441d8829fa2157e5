package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.util.Objects;

/**
 * Who creates a release's silences, as Alertmanager shows it to whoever finds them:
 * {@code SilenceOrigin.of("Jenkins: shop/checkout #42").linking(buildUrl).afterCreating(2)}.
 *
 * @param createdBy who, e.g. {@code Jenkins: shop/checkout #42}
 * @param link where to read more (the build's URL), added to each comment as {@code (link)}; {@code null} for none.
 *     Kept apart from the comment so that the policy judges the comment people wrote.
 * @param createdBefore how many silences this origin (a build) created before, which the policy's cap counts
 */
public record SilenceOrigin(String createdBy, String link, int createdBefore) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SilenceOrigin {
        Objects.requireNonNull(createdBy, "createdBy");
        if (link != null && link.isBlank()) {
            link = null;
        }
        if (createdBefore < 0) {
            throw new IllegalArgumentException("createdBefore is negative: " + createdBefore);
        }
    }

    /** Created by {@code createdBy}, with no link, none created before. */
    public static SilenceOrigin of(String createdBy) {
        return new SilenceOrigin(createdBy, null, 0);
    }

    /** The same origin, with this link added to each comment; {@code null} for none. */
    public SilenceOrigin linking(String url) {
        return new SilenceOrigin(createdBy, url, createdBefore);
    }

    /** The same origin, having created {@code count} silences before (the policy caps the total). */
    public SilenceOrigin afterCreating(int count) {
        return new SilenceOrigin(createdBy, link, count);
    }

    /** The comment as Alertmanager gets it: the draft's, then the link. */
    public String comment(String comment) {
        String why = comment == null ? "" : comment;
        return link == null ? why : why + " (" + link + ")";
    }
}
