package io.jenkins.plugins.releaseplaybook.remote;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException;
import io.jenkins.plugins.releaseplaybook.engine.support.Localizable;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.IOException;
import java.util.Locale;

/**
 * An engine {@link DistributionException} on its way back from a node: an {@link IOException}, as a file callable may
 * throw, keeping the kind and the keyed text (shown in the reader's language) but not the engine exception or its
 * cause (an exception of the agent's JVM). Engine texts never contain credentials, so neither does this.
 */
public final class RemoteDistributionException extends IOException implements Localizable {
    private static final long serialVersionUID = 1L;

    private final DistributionException.Kind kind;
    private final Text text;

    RemoteDistributionException(DistributionException failure) {
        this(failure.kind(), failure.text());
    }

    RemoteDistributionException(DistributionException.Kind kind, Text text) {
        super(text.english());
        this.kind = kind;
        this.text = text;
    }

    public DistributionException.Kind kind() {
        return kind;
    }

    public Text text() {
        return text;
    }

    /** The engine exception again, on the controller (for the distributor's retry decisions). */
    DistributionException toEngine() {
        return new DistributionException(kind, text);
    }

    @Override
    public String message(Locale locale) {
        return text.message(locale);
    }
}
