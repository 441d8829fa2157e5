package io.jenkins.plugins.releaseplaybook.engine.benchmark;

import io.jenkins.plugins.releaseplaybook.engine.testsupport.MetricsEndpoint;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * A healthy web service as Prometheus sees it, served by a {@link MetricsEndpoint}: two pods, each
 * with {@code http_requests_total} counters by method and status code, an
 * {@code http_request_duration_seconds} histogram by method (12 buckets, sum, count), and the
 * node_exporter series the built-in checks read (load, CPU by core and mode, memory, network by device).
 * Every series carries the {@code service} label the check selectors match. Counters grow with wall-clock
 * time at slowly wobbling rates, so {@code rate()} and {@code histogram_quantile()} have real work to do.
 * One service is 116 series.
 */
public final class SimulatedService {
    /** Pods of the service; not {@code instance}, which Prometheus sets to the scrape target itself. */
    private static final String[] PODS = {"checkout-7d9f8b6c4-x2x7k", "checkout-7d9f8b6c4-qm4ln"};
    /** Requests per second of one pod, by method and code: 0.2% 5xx, 1.8% 4xx. */
    private static final Object[][] TRAFFIC = {
            {"GET", "200", 40.0}, {"GET", "404", 1.0}, {"GET", "500", 0.05}, {"GET", "503", 0.02},
            {"POST", "200", 5.0}, {"POST", "201", 10.0}, {"POST", "500", 0.03}};
    private static final String[] LE = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"};
    /** Cumulative share of requests at or below each bucket bound: median about 45 ms, p99 at 0.5 s. */
    private static final double[] SHARE = {0.02, 0.06, 0.25, 0.55, 0.82, 0.96, 0.99, 0.997, 0.9995, 0.9999, 1, 1};
    private static final double MEAN_LATENCY = 0.05;
    private static final int CPUS = 4;
    private static final String[][] CPU_MODES = {{"idle", "0.7"}, {"user", "0.2"}, {"system", "0.08"}, {"iowait", "0.02"}};

    private final long startNanos = System.nanoTime();
    /** A wall-clock offset so counters do not start at zero (they rarely do in production). */
    private final double uptime;

    private SimulatedService(double uptime) {
        this.uptime = uptime;
    }

    /** Registers the series of {@code service} on the endpoint; returns how many series that is. */
    public static int register(MetricsEndpoint endpoint, String service) {
        SimulatedService clock = new SimulatedService(86_400 + Math.abs(service.hashCode() % 3_600));
        int series = 0;
        endpoint.type("http_requests_total", "counter");
        endpoint.type("node_cpu_seconds_total", "counter");
        endpoint.type("node_network_receive_bytes_total", "counter");
        endpoint.type("node_network_transmit_bytes_total", "counter");
        endpoint.type("node_load1", "gauge");
        endpoint.type("node_memory_MemAvailable_bytes", "gauge");
        endpoint.type("node_memory_MemTotal_bytes", "gauge");
        for (int i = 0; i < PODS.length; i++) {
            String pod = service + PODS[i].substring(PODS[i].indexOf('-'));
            double phase = i * 1.7;
            Map<String, Double> perMethod = new HashMap<>();
            for (Object[] traffic : TRAFFIC) {
                String method = (String) traffic[0];
                double rate = (Double) traffic[2];
                perMethod.merge(method, rate, Double::sum);
                endpoint.set("http_requests_total", labels(service, "pod", pod, "method", method, "code", (String) traffic[1]),
                        clock.counter(rate, phase));
                series++;
            }
            for (Map.Entry<String, Double> method : perMethod.entrySet()) {
                DoubleSupplier count = clock.counter(method.getValue(), phase);
                for (int b = 0; b < LE.length; b++) {
                    double share = SHARE[b];
                    endpoint.set("http_request_duration_seconds_bucket",
                            labels(service, "pod", pod, "method", method.getKey(), "le", LE[b]),
                            () -> Math.floor(count.getAsDouble() * share));
                    series++;
                }
                endpoint.set("http_request_duration_seconds_count", labels(service, "pod", pod, "method", method.getKey()),
                        () -> Math.floor(count.getAsDouble()));
                endpoint.set("http_request_duration_seconds_sum", labels(service, "pod", pod, "method", method.getKey()),
                        () -> count.getAsDouble() * MEAN_LATENCY);
                series += 2;
            }
            String node = "ip-10-0-1-" + (11 + i) + ".internal";
            endpoint.set("node_load1", labels(service, "host", node), clock.gauge(0.8, 0.2, phase));
            endpoint.set("node_memory_MemTotal_bytes", labels(service, "host", node), 16.0 * (1L << 30));
            endpoint.set("node_memory_MemAvailable_bytes", labels(service, "host", node), clock.gauge(7.0 * (1L << 30), 0.05, phase));
            series += 3;
            for (int cpu = 0; cpu < CPUS; cpu++) {
                for (String[] mode : CPU_MODES) {
                    endpoint.set("node_cpu_seconds_total", labels(service, "host", node, "cpu", Integer.toString(cpu), "mode", mode[0]),
                            clock.counter(Double.parseDouble(mode[1]), phase + cpu));
                    series++;
                }
            }
            for (String device : new String[] {"eth0", "lo"}) {
                double bytes = device.equals("lo") ? 20_000 : 2_500_000;
                endpoint.set("node_network_receive_bytes_total", labels(service, "host", node, "device", device),
                        clock.counter(bytes, phase));
                endpoint.set("node_network_transmit_bytes_total", labels(service, "host", node, "device", device),
                        clock.counter(bytes * 1.4, phase));
                series += 2;
            }
        }
        return series;
    }

    /** A counter growing at {@code rate} per second, the rate wobbling by 10% over about 45 s. */
    private DoubleSupplier counter(double rate, double phase) {
        return () -> {
            double t = uptime + seconds();
            return Math.max(0, rate * (t - 0.7 * Math.cos(t / 7 + phase)));
        };
    }

    /** A gauge around {@code center}, moving by {@code relative} over about 45 s. */
    private DoubleSupplier gauge(double center, double relative, double phase) {
        return () -> center * (1 + relative * Math.sin(seconds() / 7 + phase));
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static Map<String, String> labels(String service, String... more) {
        Map<String, String> labels = new HashMap<>();
        labels.put("service", service);
        for (int i = 0; i < more.length; i += 2) {
            labels.put(more[i], more[i + 1]);
        }
        return labels;
    }
}
