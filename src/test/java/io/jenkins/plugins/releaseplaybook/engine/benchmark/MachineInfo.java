package io.jenkins.plugins.releaseplaybook.engine.benchmark;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What a benchmark ran on, for its report: CPUs, OS, Java, Prometheus and curl versions, load. */
final class MachineInfo {
    private MachineInfo() {}

    /** One line each: machine, Java, Prometheus, curl. */
    static List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("machine: " + firstLine(command("nproc")) + " CPUs (`nproc`; the JVM sees "
                + Runtime.getRuntime().availableProcessors() + "), " + cpuModel() + ", " + osName());
        lines.add("java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", GC " + ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining("/")) + ", max heap "
                + Runtime.getRuntime().maxMemory() / 1024 / 1024 + " MB, process launch "
                + System.getProperty("jdk.lang.Process.launchMechanism", "POSIX_SPAWN (default)"));
        lines.add("prometheus: " + firstLine(command(System.getProperty("releaseplaybook.prometheus.binary",
                "/usr/bin/prometheus"), "--version")));
        lines.add("curl: " + firstLine(command("curl", "--version")));
        return lines;
    }

    /** The 1, 5 and 15 minute load averages, from {@code /proc/loadavg}. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Paths.get("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String osName() {
        try {
            return Files.readAllLines(Paths.get("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring(l.indexOf('=') + 1).replace("\"", "")).findFirst()
                    .orElse(System.getProperty("os.name")) + ", kernel " + System.getProperty("os.version");
        } catch (IOException e) {
            return System.getProperty("os.name") + " " + System.getProperty("os.version");
        }
    }

    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + String.join(" ", command) + ": " + e.getMessage()
                    + " (the benchmark needs nproc, curl and Prometheus installed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("").trim();
    }
}
