package io.jenkins.plugins.releaseplaybook.engine.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Reads and writes the report's versioned JSON. Times are ISO-8601 instants, durations ISO-8601
 * durations. Readers ignore fields they do not know, so an older plugin can show a newer report; a file
 * that is not a report is refused as a whole, never half-read.
 */
public final class ReleaseReportJson {
    /** Package-private for {@link ReleaseSummaryJson}, which reads the same JSON with the same settings. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final int PROBLEM_LENGTH = 1_000;

    private ReleaseReportJson() {}

    public static byte[] toBytes(ReleaseReport report) {
        try {
            return MAPPER.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            // Only our own records are written; failing here is a programming error.
            throw new UncheckedIOException("Cannot write the release report as JSON", e);
        }
    }

    public static void write(ReleaseReport report, OutputStream out) throws IOException {
        out.write(toBytes(report));
    }

    /**
     * Reads a whole report.
     *
     * @param sourceName where the JSON came from, for the error message (a file path, a URL)
     * @throws ReportException of kind {@code UNREADABLE} naming the source, the position and what was wrong
     */
    public static ReleaseReport read(InputStream in, String sourceName) throws ReportException {
        ReleaseReport report;
        try {
            report = MAPPER.readValue(in, ReleaseReport.class);
        } catch (ValueInstantiationException e) {
            // A record refused what it was given (a required field missing, a stage that ends before it starts):
            // its own message says which field, the path says where.
            Throwable problem = e.getCause() == null ? e : e.getCause();
            throw ReportException.unreadable("The release report in " + sourceName + " is not a valid report"
                    + where(e.getLocation()) + path(e) + ": " + problem(problem.getMessage()), e);
        } catch (JsonMappingException e) {
            throw ReportException.unreadable("The release report in " + sourceName + " is not a valid report"
                    + where(e.getLocation()) + path(e) + ": " + problem(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            throw ReportException.unreadable("The release report in " + sourceName + " is not a valid report"
                    + where(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            // Record constructors validate (e.g. a stage that ends before it starts) and surface here.
            throw ReportException.unreadable("The release report in " + sourceName + " cannot be read: " + e.getMessage(), e);
        }
        if (report == null) {
            throw ReportException.unreadable("The release report in " + sourceName + " is empty (JSON null)", null);
        }
        return report;
    }

    /** Jackson's words without its advice to programmers, and short enough for a page. */
    private static String problem(String message) {
        String text = String.valueOf(message).replace(
                " (set DeserializationConfig.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES to 'false' to allow)",
                ": a value is required");
        return Bounds.bounded(text, PROBLEM_LENGTH);
    }

    /** Where in the report: {@code at distributions[0].target}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : " at " + path;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
