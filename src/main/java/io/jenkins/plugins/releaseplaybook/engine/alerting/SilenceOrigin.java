package io.jenkins.plugins.releaseplaybook.engine.alerting;

import java.io.Serializable;
import java.util.Objects;

/**
 * Who creates a release's silences, as Alertmanager shows it to whoever finds them.
 *
 * @param createdBy who, e.g. {@code Jenkins: shop/checkout #42}
 * @param link where to read more (the build's URL), added to each comment as {@code (link)}; {@code null} for none.
 *     Kept apart from the comment so that the policy judges the comment people wrote.
 */
public record SilenceOrigin(String createdBy, String link) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SilenceOrigin {
        Objects.requireNonNull(createdBy, "createdBy");
        if (link != null && link.isBlank()) {
            link = null;
        }
    }

    /** Created by {@code createdBy}, with no link. */
    public static SilenceOrigin of(String createdBy) {
        return new SilenceOrigin(createdBy, null);
    }

    /** The comment as Alertmanager gets it: the draft's, then the link. */
    public String comment(String comment) {
        String why = comment == null ? "" : comment;
        return link == null ? why : why + " (" + link + ")";
    }
}
