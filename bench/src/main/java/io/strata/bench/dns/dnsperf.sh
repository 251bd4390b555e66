#!/usr/bin/env bash
# DNS under load from a second process: bench/src/main/java/io/strata/bench/dns/dnsperf.sh [tasks=10000] [seconds=30]
# Starts DnsLoadBench (the real DnsServer with the Mesos-DNS records of a synthetic cluster) in one JVM, then runs
# Debian's dnsperf against it for each row (server UDP threads x dnsperf clients/threads) and prints a table.
# Installs dnsperf with apt-get when missing and running as root. Env: BENCH_NO_BUILD=1 skips the build;
# ROWS="udpThreads:clients:dnsperfThreads:outstanding ..." overrides the rows.
set -euo pipefail
cd "$(dirname "$0")/../../../../../../../.."
tasks=${1:-10000}
seconds=${2:-30}
rows=${ROWS:-"1:8:1:200 2:8:1:200 2:16:2:400"}
if ! command -v dnsperf >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y dnsperf >/dev/null
  else
    echo "dnsperf is missing: apt-get install dnsperf" >&2; exit 2
  fi
fi
source bin/select-jdk.sh >/dev/null
[ -n "${BENCH_NO_BUILD:-}" ] || mvn -B -q -o -f bench/pom.xml package -DskipTests
out=$(mktemp -d)
trap 'if [ -n "${server:-}" ]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$out"' EXIT
# a private copy: other benchmarks may rebuild bench/target meanwhile
jar=$out/bench.jar
cp bench/target/strata-bench-0.1.0-SNAPSHOT-all.jar "$jar"

ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
printf '%-7s %-8s %-6s %-6s %10s %6s %7s %9s %9s %10s %10s\n' udpThr clients dpThr outst sent lost lost% qps \
    avgLatMs srvCpuUs/q dpCpuUs/q
for row in $rows; do
  IFS=: read -r threads clients dpthreads outstanding <<<"$row"
  java -Xms512m -Xmx512m -XX:+UseParallelGC -cp "$jar" io.strata.bench.dns.DnsLoadBench "$tasks" 0 "$threads" \
      "$out/queries.txt" >"$out/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 240); do grep -q READY "$out/server.log" && break; sleep 0.5; done
  port=$(sed -n 's/.*READY port=\([0-9]*\).*/\1/p' "$out/server.log")
  [ -n "$port" ] || { cat "$out/server.log" >&2; exit 1; }
  # warm-up (JIT), then the measured run
  dnsperf -s 127.0.0.1 -p "$port" -d "$out/queries.txt" -c "$clients" -T "$dpthreads" -q "$outstanding" -l 10 \
      >/dev/null 2>&1 || true
  before=$(ticks "$server")
  dnsperf -s 127.0.0.1 -p "$port" -d "$out/queries.txt" -c "$clients" -T "$dpthreads" -q "$outstanding" \
      -l "$seconds" >"$out/perf.txt" 2>&1 &
  perf=$!
  sleep 0.2
  dpid=$(pgrep -P "$perf" -x dnsperf || echo "$perf")
  dbefore=$(ticks "$dpid" 2>/dev/null || echo 0)
  dafter=$dbefore
  while kill -0 "$perf" 2>/dev/null; do dafter=$(ticks "$dpid" 2>/dev/null || echo "$dafter"); sleep 0.5; done
  wait "$perf"
  after=$(ticks "$server")
  sent=$(awk '/Queries sent:/ {print $3}' "$out/perf.txt")
  lost=$(awk '/Queries lost:/ {print $3}' "$out/perf.txt")
  lostp=$(awk '/Queries lost:/ {gsub(/[()%]/,"",$4); print $4}' "$out/perf.txt")
  qps=$(awk '/Queries per second:/ {printf "%.0f", $4}' "$out/perf.txt")
  lat=$(awk '/Average Latency/ {printf "%.3f", $4*1000}' "$out/perf.txt")
  srvus=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$sent" 'BEGIN {printf "%.2f", t / hz * 1e6 / n}')
  dpus=$(awk -v t=$((dafter - dbefore)) -v hz="$hz" -v n="$sent" 'BEGIN {printf "%.2f", t / hz * 1e6 / n}')
  printf '%-7s %-8s %-6s %-6s %10s %6s %7s %9s %9s %10s %10s\n' "$threads" "$clients" "$dpthreads" "$outstanding" \
      "$sent" "$lost" "$lostp" "$qps" "$lat" "$srvus" "$dpus"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
done
echo "tasks=$tasks seconds=$seconds cpus=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg) $(dnsperf -h 2>&1 | grep -m1 -i version || true)"
