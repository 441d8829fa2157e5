#!/usr/bin/env bash
# Benchmark of releaseBackup's engine: on a generated ~1 GiB mixed tree (10,000 small text files, two large
# compressible and two large random files) and a tree of 100,000 small files, in the same run and interleaved:
#   - zstd backup + verify   vs  tar -cf - DIR | zstd -3 | tee A | sha256sum ; zstd -dc A | tar -tf -
#   - uncompressed backup + verify  vs  tar -cf - DIR | sha256sum
#   - restore                vs  tar --zstd -xf A
#   - compressed size vs zstd -3, and the engine's peak heap with a 64 MiB limit.
# See docs/benchmarks.md for the figures and how to read them.
#
#   bench/backup-bench.sh [--repeats N] [--work DIR] [--large-mb N] [--trees mixed,many] [--markdown FILE]
#
# Needs Java 17+, tar, zstd (Debian package 'zstd') and sha256sum; about 3 GB free in --work (default: the
# JVM's temporary directory). Builds only the engine (Maven Central only). Writes the table to
# engine-only/target/benchmarks/backup.md unless told otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in java tar zstd sha256sum; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is not installed" >&2; exit 1; }
done

mvn=(./mvnw -q -B -ntp -f engine-only)
"${mvn[@]}" test-compile
classpath_file=engine-only/target/benchmark-classpath.txt
"${mvn[@]}" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"

markdown=(--markdown engine-only/target/benchmarks/backup.md)
for arg in "$@"; do
  [ "$arg" = "--markdown" ] && markdown=()
done

# -Xmx64m: the issue's limit for the engine's heap, whatever the tree; a run that needs more fails.
exec java -Xmx64m ${JAVA_OPTS:-} \
  -cp "engine-only/target/test-classes:engine-only/target/classes:$(cat "$classpath_file")" \
  io.jenkins.plugins.releaseplaybook.engine.benchmark.BackupBenchmark "${markdown[@]}" "$@"
