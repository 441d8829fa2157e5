package io.jenkins.plugins.releaseplaybook.report;

import java.io.IOException;
import java.io.OutputStream;
import org.kohsuke.stapler.StaplerResponse2;

/** Writes the pages' plain answers (JSON download, stylesheets, errors) the same way. */
final class Responses {
    private Responses() {}

    /** {@code body} as {@code contentType}; {@code nosniff}, so a browser never reads it as something else. */
    static void send(StaplerResponse2 rsp, String contentType, byte[] body) throws IOException {
        rsp.setContentType(contentType);
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        rsp.setContentLength(body.length);
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(body);
        }
    }
}
