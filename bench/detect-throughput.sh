#!/usr/bin/env bash
# Throughput of `cimatrix detect` with the whole built-in rule pack over a large GitHub audit log, against Jackson's
# streaming parser alone reading the same file. Whole processes (JVM start included), pinned to one core with
# taskset when present, median of RUNS runs each. The generated log stays under $WORK (default /tmp).
#
# Usage: bench/detect-throughput.sh            (SIZE_MB=1024 RUNS=5 by default)
#        SIZE_MB=256 RUNS=3 bench/detect-throughput.sh
#        EXTRA_RULES=DIR bench/detect-throughput.sh   also load the rules under DIR (--rules DIR)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${CIMATRIX_SHARED:-$root/../shared}
size_mb=${SIZE_MB:-1024}
runs=${RUNS:-5}
work=${WORK:-/tmp/cimatrix-bench}
mkdir -p "$work"
samples="$shared/corpus/audit-logs/github-audit.jsonl"
log="$work/github-audit-${size_mb}m.jsonl"
jar="$root/target/cimatrix.jar"
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
rules=()
if [[ -n "${EXTRA_RULES:-}" ]]; then rules=(--rules "$EXTRA_RULES"); fi

if [[ ! -f "$jar" || -n "${REBUILD:-}" ]]; then
  (cd "$root" && ./mvnw -q -B package -DskipTests)
fi
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$jar" "$root/bench/ParseAlone.java"

# Which samples alert with the pack, so the generated log can be mostly routine events.
java -jar "$jar" detect "${rules[@]}" --format json --dedup-window 0 --state "$work/samples.db" "$samples" \
  | python3 -c 'import json,sys; print("\n".join(sorted({str(e["line"]) for a in json.load(sys.stdin)["alerts"] for e in a["events"]})))' \
  > "$work/alerting-lines.txt"
rm -f "$work/samples.db"
if [[ ! -f "$log" ]]; then
  python3 "$root/bench/generate-github-audit.py" "$samples" "$work/alerting-lines.txt" "$log" "$size_mb"
fi

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" > "$work/last.out"; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

parse_times=(); detect_times=()
for i in $(seq "$runs"); do
  parse_times+=("$(seconds "${pin[@]}" java -cp "$jar:$work/classes" ParseAlone "$log")")
  read -r events bytes < "$work/last.out"
  rm -f "$work/state.db"
  detect_times+=("$(seconds "${pin[@]}" java -jar "$jar" detect "${rules[@]}" --format json \
      --output "$work/alerts.json" --state "$work/state.db" "$log")")
done
parse=$(printf '%s\n' "${parse_times[@]}" | median)
detect=$(printf '%s\n' "${detect_times[@]}" | median)
alerts=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["alerts"]), d["stats"]["ruleMatches"], d["stats"]["events"])' "$work/alerts.json")
rule_count=$(java -jar "$jar" rules list "${rules[@]}" --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["rules"]))')

echo "file: $log ($bytes bytes, $events events); rules: $rule_count; runs: $runs; pinned: ${pin[*]:-no}"
echo "parse alone runs (s): ${parse_times[*]}"
echo "detect runs (s):      ${detect_times[*]}"
echo "alerts, rule matches, events read by detect: $alerts"
awk -v b="$bytes" -v e="$events" -v p="$parse" -v d="$detect" 'BEGIN {
  printf "parse alone: %.1f s  %.1f MB/s  %.0f events/s\n", p, b / 1e6 / p, e / p
  printf "detect:      %.1f s  %.1f MB/s  %.0f events/s\n", d, b / 1e6 / d, e / d
  printf "ratio detect / parse alone: %.1f%%\n", 100 * p / d
}'
