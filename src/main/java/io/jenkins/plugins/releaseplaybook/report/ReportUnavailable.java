package io.jenkins.plugins.releaseplaybook.report;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * HTTP 500 with a short plain-text message, for the JSON download and the REST API of a report that cannot be
 * read. Thrown (from a getter or a web method) it is rendered by Stapler as this response, instead of Jenkins'
 * error page with a stack trace and the file's absolute path. It carries no stack trace of its own: it is an
 * answer, not a bug; the cause was logged by {@link ReleaseReportAction}.
 */
final class ReportUnavailable extends RuntimeException implements HttpResponse {
    private static final long serialVersionUID = 1L;

    ReportUnavailable(String message) {
        super(message, null, false, false);
    }

    @Override
    public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node)
            throws IOException, ServletException {
        byte[] body = (getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        rsp.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        Responses.send(rsp, "text/plain;charset=UTF-8", body);
    }
}
