#!/usr/bin/env bash
# Benchmark: the job's Release History over 1,000 stored reports. Realistic Release Report files in build
# directories, then, after a warm-up, the time to read and parse them all and compute the KPIs, the KPIs from cached
# summaries, and the page render, and the page's size. Budget (issue 13): KPIs of 1,000 stored reports (JSON parse
# included) <= 200 ms, page <= 2 MB. See docs/benchmarks.md ("Release History").
#
#   bench/release-history-bench.sh [--builds N] [--warmup N] [--repeats N] [--markdown FILE]
#
# Needs Java 17+; writes about 20 MB of report files under /tmp and deletes them. Builds only the engine (Maven
# Central only). Writes engine-only/target/benchmarks/release-history.md unless told otherwise; exits 1 when the
# budget is missed.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn=(./mvnw -q -B -ntp -f engine-only)
"${mvn[@]}" test-compile
classpath_file=engine-only/target/benchmark-classpath.txt
"${mvn[@]}" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"

markdown=(--markdown engine-only/target/benchmarks/release-history.md)
for arg in "$@"; do
  [ "$arg" = "--markdown" ] && markdown=()
done

exec java -Xms512m -Xmx1g ${JAVA_OPTS:-} \
  -cp "engine-only/target/test-classes:engine-only/target/classes:$(cat "$classpath_file")" \
  io.jenkins.plugins.releaseplaybook.engine.benchmark.ReleaseHistoryBenchmark "${markdown[@]}" "$@"
