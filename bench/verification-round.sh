#!/usr/bin/env bash
# Benchmark: one verification round of 20 checks through the engine against a real Prometheus, next to the
# same 20 queries sent with curl (sequentially and concurrently) in the same run, and the heap of one hour
# of samples of 20 checks. See docs/benchmarks.md for what is measured and how to read it.
#
#   bench/verification-round.sh [--iterations N] [--max-seconds N] [--warmup N] [--engine-repeats N] [--copies N] [--markdown FILE]
#
# Needs Java 17+, curl, xargs and Prometheus (/usr/bin/prometheus from the Debian package 'prometheus';
# -Dreleaseplaybook.prometheus.binary=... in JAVA_OPTS points elsewhere). Builds only the engine (Maven
# Central only). Writes the report to engine-only/target/benchmarks/verification-round.md unless told otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in java curl xargs nproc; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is not installed" >&2; exit 1; }
done

mvn=(./mvnw -q -B -ntp -f engine-only)
"${mvn[@]}" test-compile
classpath_file=engine-only/target/benchmark-classpath.txt
"${mvn[@]}" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"

markdown=(--markdown engine-only/target/benchmarks/verification-round.md)
for arg in "$@"; do
  [ "$arg" = "--markdown" ] && markdown=()
done

# A fixed heap, so that the memory figure does not depend on the machine's RAM.
exec java -Xms512m -Xmx512m ${JAVA_OPTS:-} \
  -cp "engine-only/target/test-classes:engine-only/target/classes:$(cat "$classpath_file")" \
  io.jenkins.plugins.releaseplaybook.engine.benchmark.VerificationRoundBenchmark "${markdown[@]}" "$@"
