package io.jenkins.plugins.releaseplaybook.engine.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads from a stored report only what the job's Release History and the rollback-loop guard need: the header, the
 * timeline and the rollbacks. The other sections (verifications with their samples, the distribution matrix,
 * silences, backups) are the bulk of a report; they are skipped token by token, not bound to records, which makes
 * reading a thousand reports several times faster. The JSON must still be well-formed as a whole, so a truncated
 * or garbled file is refused as by {@link ReleaseReportJson#read}; a value that is well-formed JSON but not a valid
 * record inside a skipped section is not noticed here (the report page says so when it is opened).
 */
public final class ReleaseSummaryJson {
    /*
     * Readers for one value inside the document: the trailing-token check of the report's mapper would look past the
     * value into the rest of the report; the whole document's end is checked here instead.
     */
    private static final ObjectReader HEADER = part(ReleaseReportJson.MAPPER.readerFor(ReleaseHeader.class));
    private static final ObjectReader STAGES = part(ReleaseReportJson.MAPPER.readerFor(
            new TypeReference<List<StageRecord>>() {}));
    private static final ObjectReader ROLLBACKS = part(ReleaseReportJson.MAPPER.readerFor(
            new TypeReference<List<RollbackRecord>>() {}));

    private ReleaseSummaryJson() {}

    private static ObjectReader part(ObjectReader reader) {
        return reader.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The summary of a stored report. */
    public static ReleaseSummary read(InputStream in, String sourceName) throws ReportException {
        return ReleaseSummary.of(readHistoryParts(in, sourceName));
    }

    /**
     * The stored report with its header, timeline and rollbacks, and every other section empty: enough for
     * {@link ReleaseSummary#of} and for the loop guard's entry of the build.
     *
     * @throws ReportException of kind {@code UNREADABLE} naming the source and what was wrong
     */
    public static ReleaseReport readHistoryParts(InputStream in, String sourceName) throws ReportException {
        try (JsonParser parser = ReleaseReportJson.MAPPER.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ReportException.unreadable("The release report in " + sourceName
                        + " is not a valid report: it is not a JSON object", null);
            }
            int schemaVersion = 0;
            ReleaseHeader header = null;
            List<StageRecord> timeline = null;
            List<RollbackRecord> rollbacks = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "schemaVersion" -> schemaVersion = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
                    case "header" -> header = value == JsonToken.VALUE_NULL ? null
                            : HEADER.readValue(parser);
                    case "timeline" -> timeline = value == JsonToken.VALUE_NULL ? null
                            : STAGES.readValue(parser);
                    case "rollbacks" -> rollbacks = value == JsonToken.VALUE_NULL ? null
                            : ROLLBACKS.readValue(parser);
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw ReportException.unreadable("The release report in " + sourceName
                        + " is not a valid report: it does not end where its JSON object ends", null);
            }
            return new ReleaseReport(schemaVersion, header, timeline, null, null, null, null, rollbacks, null, null, null);
        } catch (ReportException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw ReportException.unreadable("The release report in " + sourceName + " is not a valid report: "
                    + Bounds.bounded(String.valueOf(e.getOriginalMessage()), 1_000), e);
        } catch (IOException | RuntimeException e) {
            throw ReportException.unreadable("The release report in " + sourceName + " cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
