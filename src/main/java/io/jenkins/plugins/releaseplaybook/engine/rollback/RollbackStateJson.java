package io.jenkins.plugins.releaseplaybook.engine.rollback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.UncheckedIOException;

/**
 * A {@link RollbackState} as JSON text: the form the step saves after every change (in the build's folder), so that a
 * restart at any point finds the state of the last change, not that of the last Pipeline checkpoint. A newer plugin
 * ignores fields it does not know.
 */
public final class RollbackStateJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RollbackStateJson() {}

    public static String write(RollbackState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            // Only our own records are written; failing here is a programming error.
            throw new UncheckedIOException("Cannot write the rollback state as JSON", e);
        }
    }

    /**
     * @param source where the text came from, for the message (a file)
     * @throws RollbackException {@link RollbackException.Kind#UNREADABLE_STATE} when it is not a rollback state
     */
    public static RollbackState read(String json, String source) throws RollbackException {
        try {
            RollbackState state = MAPPER.readValue(json, RollbackState.class);
            if (state != null) {
                return state;
            }
            throw unreadable(source, "JSON null", null);
        } catch (JsonProcessingException e) {
            throw unreadable(source, e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw unreadable(source, String.valueOf(e.getMessage()), e);
        }
    }

    private static RollbackException unreadable(String source, String why, Throwable cause) {
        return new RollbackException(RollbackException.Kind.UNREADABLE_STATE,
                Text.of("rollback.state.unreadable", source, why), cause);
    }
}
