package io.jenkins.plugins.releaseplaybook.silences;

import io.jenkins.plugins.releaseplaybook.engine.alerting.ActiveSilence;
import io.jenkins.plugins.releaseplaybook.engine.alerting.AlertingException;
import io.jenkins.plugins.releaseplaybook.engine.alerting.Matcher;
import io.jenkins.plugins.releaseplaybook.engine.alerting.MatcherParser;
import io.jenkins.plugins.releaseplaybook.engine.report.SilenceRecord;
import java.io.Serializable;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Pipeline step keeps of a silence it created, so that it can still expire it after a controller restart:
 * the engine's {@link ActiveSilence} in plain fields.
 *
 * <p>Why not the {@link ActiveSilence} itself: a block step's state (its execution and its body callback) is
 * persisted in the build's {@code program.dat} by JBoss Marshalling, not by Java serialization, and Java records
 * (which the engine's values are) cannot be restored by setting their final fields reflectively. This class has
 * only strings, longs and an {@link ArrayList}, which every serializer restores.
 */
public final class SilenceHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    /** Canonical matcher texts ({@code name="value"}), which the engine's parser reads back to equal matchers. */
    private final ArrayList<String> matchers;
    private final long startsAtSecond;
    private final int startsAtNano;
    private final long endsAtSecond;
    private final int endsAtNano;
    private final String createdBy;
    private final String comment;
    private final String endpoint;

    private SilenceHandle(String id, List<String> matchers, Instant startsAt, Instant endsAt, String createdBy,
            String comment, String endpoint) {
        this.id = id;
        this.matchers = new ArrayList<>(matchers);
        this.startsAtSecond = startsAt.getEpochSecond();
        this.startsAtNano = startsAt.getNano();
        this.endsAtSecond = endsAt.getEpochSecond();
        this.endsAtNano = endsAt.getNano();
        this.createdBy = createdBy;
        this.comment = comment;
        this.endpoint = endpoint;
    }

    public static SilenceHandle of(ActiveSilence silence) {
        return new SilenceHandle(silence.id(), silence.matcherTexts(), silence.startsAt(), silence.endsAt(),
                silence.createdBy(), silence.comment(), silence.endpoint().toString());
    }

    /** The silence as the Release Report recorded it. */
    public static SilenceHandle of(SilenceRecord record) {
        return new SilenceHandle(record.id(), record.matchers(), record.startsAt(), record.endsAt(),
                record.createdBy(), record.comment(), record.endpoint());
    }

    public static ArrayList<SilenceHandle> of(List<ActiveSilence> silences) {
        ArrayList<SilenceHandle> handles = new ArrayList<>(silences.size());
        for (ActiveSilence silence : silences) {
            handles.add(of(silence));
        }
        return handles;
    }

    public String getId() {
        return id;
    }

    public Instant getEndsAt() {
        return Instant.ofEpochSecond(endsAtSecond, endsAtNano);
    }

    /**
     * The engine's silence again. Its matchers only narrow the list of alerts it suppressed; should they no longer
     * parse (a parser that became stricter), the silence is still expired by its ID, and the alerts are found by
     * the silence ID alone.
     */
    public ActiveSilence toActive() {
        List<Matcher> parsed;
        try {
            parsed = MatcherParser.parseAll(matchers);
        } catch (AlertingException e) {
            parsed = List.of();
        }
        return new ActiveSilence(id, parsed, Instant.ofEpochSecond(startsAtSecond, startsAtNano), getEndsAt(),
                createdBy, comment, URI.create(endpoint));
    }

    public static List<ActiveSilence> toActive(List<SilenceHandle> handles) {
        List<ActiveSilence> silences = new ArrayList<>(handles.size());
        for (SilenceHandle handle : handles) {
            silences.add(handle.toActive());
        }
        return silences;
    }

    public static List<String> ids(List<SilenceHandle> handles) {
        List<String> ids = new ArrayList<>(handles.size());
        for (SilenceHandle handle : handles) {
            ids.add(handle.id);
        }
        return ids;
    }

    @Override
    public String toString() {
        return "silence " + id + " " + matchers;
    }
}
