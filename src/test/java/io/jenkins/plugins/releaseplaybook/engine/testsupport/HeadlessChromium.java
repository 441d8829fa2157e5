package io.jenkins.plugins.releaseplaybook.engine.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, as a real browser for page tests: loads a URL and returns the DOM it
 * built, a screenshot, and the console lines (where Content Security Policy violations are reported).
 */
public final class HeadlessChromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;

    private final Path workDir;

    public HeadlessChromium(Path workDir) {
        RequiredBinary.require("Chromium", BINARY, "chromium");
        this.workDir = workDir;
    }

    /** What the browser made of a page. */
    public record Visit(String dom, List<String> console) {
        public List<String> cspViolations() {
            return console.stream().filter(line -> line.contains("Content Security Policy")).toList();
        }
    }

    public Visit dumpDom(String url) throws IOException, InterruptedException {
        Run run = run(List.of("--dump-dom", url));
        return new Visit(run.stdout, run.console);
    }

    /** The DOM after the page's own scripts ran, laid out in a window of the given size (for layout measurements). */
    public Visit dumpDom(String url, int width, int height) throws IOException, InterruptedException {
        Run run = run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--dump-dom", url));
        return new Visit(run.stdout, run.console);
    }

    /** Takes a screenshot of the page at the given window size and returns the PNG file. */
    public Path screenshot(String url, int width, int height) throws IOException, InterruptedException {
        Path png = Files.createTempFile(workDir, "screenshot-", ".png");
        Files.delete(png);
        run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png, url));
        if (!Files.isRegularFile(png)) {
            throw new IOException("Chromium wrote no screenshot to " + png);
        }
        return png;
    }

    private record Run(String stdout, List<String> console) {}

    private Run run(List<String> arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        Path out = Files.createTempFile(workDir, "chromium-", ".out");
        Path err = Files.createTempFile(workDir, "chromium-", ".err");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(":CONSOLE")).toList();
        if (process.exitValue() != 0) {
            throw new IOException("Chromium exited with " + process.exitValue() + ": "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Run(Files.readString(out, StandardCharsets.UTF_8), console);
    }
}
