#!/usr/bin/env bash
# Runs one simulation benchmark: bench/run.sh NAME [args...]
#   NAME: the simple name of a class with a main method under bench/src/main/java (docs/benchmarks.md lists them;
#   image benches need root, runc, skopeo, umoci), or a fully qualified class name. JVM options go in BENCH_JAVA_OPTS (default -Xms2g -Xmx2g).
# Builds bench/ (offline, tests skipped) into the fat jar bench/target/strata-bench-0.1.0-SNAPSHOT-all.jar; run from anywhere.
# Skip the build with BENCH_NO_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/select-jdk.sh
if [ $# -lt 1 ]; then
  sed -n 2,5p "$0"; exit 2
fi
name=$1; shift
case "$name" in
  *.*) class=$name ;;
  *)
    # any class under bench/src/main/java with that simple name
    file=$(find bench/src/main/java -name "$name.java" | head -1)
    [ -n "$file" ] || { echo "unknown benchmark $name" >&2; exit 2; }
    class=$(echo "${file#bench/src/main/java/}" | sed 's/\.java$//; s#/#.#g') ;;
esac
[ -n "${BENCH_NO_BUILD:-}" ] || mvn -B -q -o -f bench/pom.xml package -DskipTests
cp=bench/target/strata-bench-0.1.0-SNAPSHOT-all.jar
exec java ${BENCH_JAVA_OPTS:--Xms2g -Xmx2g} -cp "$cp" "$class" "$@"
