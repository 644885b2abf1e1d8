#!/usr/bin/env bash
# Runs a Waymark end-to-end benchmark (see BENCHMARKS.md).
#
#   benchmarks/run.sh http   [events=1000000] [clients=8] [raw|jdk]
#   benchmarks/run.sh import [events=10000000]                                           (heap -Xmx4g, as `waymark import`, unless JAVA_OPTS says otherwise)
#   benchmarks/run.sh analysis [events=10000000] [repeats=5] [kinds, e.g. funnel,clv]   (heap -Xmx2g unless JAVA_OPTS says otherwise)
#   benchmarks/run.sh experiment [persons=1000000] [repeats=5]
#   benchmarks/run.sh personas [events=27400000] [repeats=3]                            (heap -Xmx4g unless JAVA_OPTS says otherwise)
#
# Environment:
#   JAVA_OPTS   JVM options (default: -Xmx8g; G1 as in the waymark launcher)
#   SKIP_BUILD  1 to reuse the last build (benchmarks/target/classpath.txt)
#   MVN_ARGS    extra Maven arguments, e.g. -o
#   BENCH_WORK  directory for temporary data directories (default: java.io.tmpdir)
#
# The import benchmark caches its generated JSONL under bench-data/ (gitignored).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

usage() {
    sed -n '4,8p' "$0" | sed 's/^#   /usage: /' >&2
    exit 2
}

[ $# -ge 1 ] || usage
kind="$1"
shift
case "$kind" in
    http) main=io.waymark.benchmarks.HttpIngestBenchmark ;;
    import) main=io.waymark.benchmarks.ImportBenchmark; JAVA_OPTS="${JAVA_OPTS:--Xmx4g}" ;;
    analysis) main=io.waymark.benchmarks.analysis.AnalysisBenchmark; JAVA_OPTS="${JAVA_OPTS:--Xmx2g}" ;;
    experiment) main=io.waymark.benchmarks.analysis.ExperimentBenchmark; JAVA_OPTS="${JAVA_OPTS:--Xmx4g}" ;;
    personas) main=io.waymark.benchmarks.analysis.PersonasBenchmark; JAVA_OPTS="${JAVA_OPTS:--Xmx4g}" ;;
    *) usage ;;
esac

if [ "${SKIP_BUILD:-0}" != "1" ]; then
    (cd "$root" && mvn -B -q ${MVN_ARGS:-} -DskipTests -pl benchmarks -am install)
fi
cp_file="$here/target/classpath.txt"
jar="$(ls "$here"/target/waymark-benchmarks-*.jar 2>/dev/null | head -n1 || true)"
if [ ! -f "$cp_file" ] || [ -z "$jar" ]; then
    echo "run.sh: $cp_file or the benchmarks jar is missing; run without SKIP_BUILD=1" >&2
    exit 1
fi

props=(-Dcache="$root/bench-data" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
if [ -n "${BENCH_WORK:-}" ]; then
    mkdir -p "$BENCH_WORK"
    props+=(-Djava.io.tmpdir="$BENCH_WORK")
fi

# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx8g} "${props[@]}" \
    -cp "$jar:$(cat "$cp_file")" "$main" "$@"
