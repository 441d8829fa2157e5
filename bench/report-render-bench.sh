#!/usr/bin/env bash
# Benchmark: the Release Report of a large pre-distribution. A real local-directory distribution to 10,000 targets
# x 3 artifacts, then, after a warm-up, the time to record it in a report, write and read the JSON, and render the
# page, and the page's size. Budget (issue 11): JSON + HTML render <= 200 ms, page <= 2 MB. See docs/benchmarks.md
# ("Report rendering").
#
#   bench/report-render-bench.sh [--targets N] [--warmup N] [--repeats N] [--markdown FILE]
#
# Needs Java 17+; uses about 200 MB in /tmp for the duration of the distribution (10,000 small target directories).
# Builds only the engine (Maven Central only). Writes engine-only/target/benchmarks/report-render.md unless told
# otherwise; exits 1 when the budget is missed.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn=(./mvnw -q -B -ntp -f engine-only)
"${mvn[@]}" test-compile
classpath_file=engine-only/target/benchmark-classpath.txt
"${mvn[@]}" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"

markdown=(--markdown engine-only/target/benchmarks/report-render.md)
for arg in "$@"; do
  [ "$arg" = "--markdown" ] && markdown=()
done

exec java -Xms512m -Xmx1g ${JAVA_OPTS:-} \
  -cp "engine-only/target/test-classes:engine-only/target/classes:$(cat "$classpath_file")" \
  io.jenkins.plugins.releaseplaybook.engine.benchmark.ReportRenderBenchmark "${markdown[@]}" "$@"
