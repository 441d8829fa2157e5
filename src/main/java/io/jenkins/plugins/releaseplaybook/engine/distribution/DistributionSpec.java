package io.jenkins.plugins.releaseplaybook.engine.distribution;

import io.jenkins.plugins.releaseplaybook.engine.distribution.DistributionException.Kind;
import io.jenkins.plugins.releaseplaybook.engine.support.InvalidInputException;
import io.jenkins.plugins.releaseplaybook.engine.support.Percentages;
import io.jenkins.plugins.releaseplaybook.engine.support.Text;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code preDistribute} asked for. Built with {@link #builder()}, which checks everything that can be checked
 * before connecting (targets, directory, limits) and refuses it as {@link Kind#INVALID_SPEC}.
 *
 * @param artifacts the files, hashed
 * @param targets the hosts, at least one, no duplicates
 * @param remoteDirectory where the artifacts go on every target (absolute, or relative to the login directory)
 * @param createDirectory create the directory (and its parents) if it is missing
 * @param credentials how to log in; {@code null} for transports without login (local directories)
 * @param knownHosts the admin's known-hosts text (OpenSSH format)
 * @param hostKeyPolicy known hosts only, or trust on first use
 * @param parallelism how many targets at once
 * @param retries how many times a target is tried again after a transient failure
 * @param retryDelay the first pause before a retry; it doubles each time (with jitter), up to {@code maxRetryDelay}
 * @param targetTimeout the most one target may take, retries included
 * @param connectTimeout the most one connection and login may take
 * @param minSuccessPercent the share of targets that must succeed for the distribution to be ok (100: all)
 * @param verification how the SHA-256 on the target is computed
 */
public record DistributionSpec(
        ArtifactSet artifacts,
        List<Target> targets,
        String remoteDirectory,
        boolean createDirectory,
        SshCredentials credentials,
        String knownHosts,
        HostKeyPolicy hostKeyPolicy,
        int parallelism,
        int retries,
        Duration retryDelay,
        Duration maxRetryDelay,
        Duration targetTimeout,
        Duration connectTimeout,
        double minSuccessPercent,
        Verification verification)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_PARALLELISM = 8;
    public static final int MAX_PARALLELISM = 64;
    public static final int DEFAULT_RETRIES = 3;
    public static final int MAX_RETRIES = 10;
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TARGET_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    public DistributionSpec {
        Objects.requireNonNull(artifacts, "artifacts");
        targets = List.copyOf(targets);
        Objects.requireNonNull(remoteDirectory, "remoteDirectory");
        knownHosts = knownHosts == null ? "" : knownHosts;
        Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
        Objects.requireNonNull(targetTimeout, "targetTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(verification, "verification");
    }

    /** The documented way to make a spec. */
    public static Builder builder() {
        return new Builder();
    }

    /** How many targets must succeed: {@code ceil(minSuccessPercent % of targets)}, at least 1. */
    public int requiredSuccesses() {
        return Math.max(1, (int) Math.ceil(targets.size() * minSuccessPercent / 100.0 - 1e-9));
    }

    /** Defaults: parallelism 8, 3 retries from 2 s doubling to 60 s, 30 min per target, all targets must succeed. */
    public static final class Builder {
        private ArtifactSet artifacts;
        private final List<Target> targets = new ArrayList<>();
        private String remoteDirectory;
        private boolean createDirectory;
        private SshCredentials credentials;
        private String knownHosts = "";
        private HostKeyPolicy hostKeyPolicy = HostKeyPolicy.KNOWN_HOSTS;
        private int parallelism = DEFAULT_PARALLELISM;
        private int retries = DEFAULT_RETRIES;
        private Duration retryDelay = DEFAULT_RETRY_DELAY;
        private Duration maxRetryDelay = DEFAULT_MAX_RETRY_DELAY;
        private Duration targetTimeout = DEFAULT_TARGET_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private double minSuccessPercent = 100;
        private Verification verification = Verification.AUTO;

        private Builder() {}

        public Builder artifacts(ArtifactSet value) {
            this.artifacts = value;
            return this;
        }

        public Builder target(Target value) {
            targets.add(value);
            return this;
        }

        public Builder targets(List<Target> values) {
            targets.addAll(values);
            return this;
        }

        /** Targets as people write them, see {@link Target#parseList(String)}. */
        public Builder targets(String text) throws DistributionException {
            targets.addAll(Target.parseList(text));
            return this;
        }

        public Builder remoteDirectory(String value) {
            this.remoteDirectory = value;
            return this;
        }

        public Builder createDirectory(boolean value) {
            this.createDirectory = value;
            return this;
        }

        public Builder credentials(SshCredentials value) {
            this.credentials = value;
            return this;
        }

        public Builder knownHosts(String text) {
            this.knownHosts = text;
            return this;
        }

        public Builder hostKeyPolicy(HostKeyPolicy value) {
            this.hostKeyPolicy = value;
            return this;
        }

        public Builder parallelism(int value) {
            this.parallelism = value;
            return this;
        }

        public Builder retries(int value) {
            this.retries = value;
            return this;
        }

        public Builder retryDelay(Duration first, Duration max) {
            this.retryDelay = first;
            this.maxRetryDelay = max;
            return this;
        }

        public Builder targetTimeout(Duration value) {
            this.targetTimeout = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder minSuccessPercent(double value) {
            this.minSuccessPercent = value;
            return this;
        }

        /** {@code '90%'}, {@code '90'}; empty or {@code null} keeps the default (all targets). */
        public Builder minSuccess(String text) throws DistributionException {
            if (text == null || text.isBlank()) {
                return this;
            }
            try {
                this.minSuccessPercent = Percentages.parse(text);
            } catch (InvalidInputException e) {
                throw new DistributionException(Kind.INVALID_SPEC, Text.of("distribution.spec.minSuccess", text, e.text()), e);
            }
            return this;
        }

        public Builder verification(Verification value) {
            this.verification = value;
            return this;
        }

        /** @throws DistributionException {@link Kind#INVALID_SPEC} or {@link Kind#PATH_REFUSED} saying what to fix */
        public DistributionSpec build() throws DistributionException {
            if (artifacts == null || artifacts.size() == 0) {
                throw invalid(Text.of("distribution.artifact.none"));
            }
            if (targets.isEmpty()) {
                throw invalid(Text.of("distribution.spec.noTargets"));
            }
            Set<String> seen = new HashSet<>();
            for (Target target : targets) {
                if (!seen.add(target.toString())) {
                    throw invalid(Text.of("distribution.target.duplicate", target.toString()));
                }
            }
            String directory = RemotePaths.directory(remoteDirectory);
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                throw invalid(Text.of("distribution.spec.parallelism", String.valueOf(parallelism),
                        String.valueOf(MAX_PARALLELISM)));
            }
            if (retries < 0 || retries > MAX_RETRIES) {
                throw invalid(Text.of("distribution.spec.retries", String.valueOf(retries), String.valueOf(MAX_RETRIES)));
            }
            if (!(minSuccessPercent > 0 && minSuccessPercent <= 100)) {
                throw invalid(Text.of("distribution.spec.minSuccess", String.valueOf(minSuccessPercent),
                        Text.of("distribution.spec.minSuccessRange")));
            }
            for (Duration d : List.of(targetTimeout, connectTimeout)) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw invalid(Text.of("distribution.spec.timeout", String.valueOf(d)));
                }
            }
            if (retryDelay == null || maxRetryDelay == null || retryDelay.isNegative() || maxRetryDelay.compareTo(retryDelay) < 0) {
                throw invalid(Text.of("distribution.spec.retryDelay", String.valueOf(retryDelay), String.valueOf(maxRetryDelay)));
            }
            KnownHosts.parse(knownHosts); // refuse a broken text before connecting anywhere
            return new DistributionSpec(artifacts, targets, directory, createDirectory, credentials, knownHosts,
                    hostKeyPolicy, parallelism, retries, retryDelay, maxRetryDelay, targetTimeout, connectTimeout,
                    minSuccessPercent, verification);
        }

        private static DistributionException invalid(Text text) {
            return new DistributionException(Kind.INVALID_SPEC, text);
        }
    }
}
