#!/usr/bin/env bash
# Benchmark: pre-distribution over loopback SSH against real OpenSSH daemons, next to OpenSSH's scp and ssh in the
# same run (same daemons, same cipher aes128-gcm@openssh.com): 8 targets x 256 MiB upload only and with on-target
# SHA-256, an identical re-run, and 1 target x 1 GiB. See docs/benchmarks.md ("Pre-distribution").
#
#   bench/distribution-bench.sh [--repeats N] [--targets N] [--mib N] [--big-mib N] [--markdown FILE]
#
# Needs Java 17+, sshd, ssh, scp and ssh-keygen (Debian packages openssh-server and openssh-client), run as the user
# that logs in (the daemons accept only that user, by key). Uses about (targets x mib + 2 x big-mib) MiB in /tmp.
# Builds only the engine (Maven Central only). Writes engine-only/target/benchmarks/distribution.md unless told otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in java ssh scp ssh-keygen /usr/sbin/sshd; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is not installed (apt-get install -y openssh-server)" >&2; exit 1; }
done

mvn=(./mvnw -q -B -ntp -f engine-only)
"${mvn[@]}" test-compile
classpath_file=engine-only/target/benchmark-classpath.txt
"${mvn[@]}" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"

markdown=(--markdown engine-only/target/benchmarks/distribution.md)
for arg in "$@"; do
  [ "$arg" = "--markdown" ] && markdown=()
done

exec java -Xms256m -Xmx512m ${JAVA_OPTS:-} \
  -cp "engine-only/target/test-classes:engine-only/target/classes:$(cat "$classpath_file")" \
  io.jenkins.plugins.releaseplaybook.engine.benchmark.DistributionBenchmark "${markdown[@]}" "$@"
