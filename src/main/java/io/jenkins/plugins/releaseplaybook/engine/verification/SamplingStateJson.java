package io.jenkins.plugins.releaseplaybook.engine.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * A {@link SamplingState} as JSON text, the form in which a Pipeline step keeps it between rounds and across a
 * controller restart. Text rather than a Java object graph: it does not depend on how the Pipeline's program
 * serializer treats records, and a newer plugin ignores fields it does not know.
 */
public final class SamplingStateJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SamplingStateJson() {}

    public static String write(SamplingState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            // Only our own records are written; failing here is a programming error.
            throw new UncheckedIOException("Cannot write the verification state as JSON", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a verification state */
    public static SamplingState read(String json) {
        try {
            SamplingState state = MAPPER.readValue(json, SamplingState.class);
            if (state == null) {
                throw new IllegalArgumentException("The verification state is empty (JSON null)");
            }
            return state;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The saved verification state cannot be read: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The saved verification state cannot be read: " + e.getMessage(), e);
        }
    }
}
