#!/usr/bin/env bash
# Whole-process speed of `cimatrix scan` over the real-world GitHub Actions corpus, against the parse floor:
# the same files composed by snakeyaml-engine alone in one cold JVM. Five runs of each (after one warm-up
# run that also builds the launcher's class-data cache), interleaved, medians and their ratio. The floor is
# also timed with the memory settings the launcher gives cimatrix (a small young generation on transparent
# huge pages), which speed it up as well, so the ratio is shown against both.
#
# Usage: bench/scan-speed.sh [CORPUS_DIR] [RUNS]
#        BASELINE=DIR bench/scan-speed.sh   also times the cimatrix checkout in DIR (another version), interleaved,
#                                           the two taking turns to go first
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(cd "${1:-../shared/corpus/real-world/github-actions}" && pwd)
runs="${2:-5}"

./cimatrix --version >/dev/null
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
files=$(mktemp)
out=$(mktemp)
trap 'rm -f "$files" "$out" "$out.baseline"' EXIT
(cd "$corpus" && find . -type f \( -name '*.yml' -o -name '*.yaml' \) | sort) > "$files"
count=$(wc -l < "$files")

ms() { local start end; start=$(date +%s%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
floor_run() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$classpath" dev.cimatrix.discover.yaml.YamlParseFloor compose "$corpus"; }
floor_tuned_run() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn128m -XX:+UseTransparentHugePages -XX:MaxTenuringThreshold=0 -Xlog:disable \
  -cp "$classpath" dev.cimatrix.discover.yaml.YamlParseFloor compose "$corpus"; }
scan_run() { (cd "$corpus" && "$OLDPWD/cimatrix" scan --format sarif --output "$out" --fail-on none "@$files"); }
baseline_run() { (cd "$corpus" && "$BASELINE/cimatrix" scan --format sarif --output "$out.baseline" --fail-on none "@$files"); }

scan_run >/dev/null 2>&1 || true
if [[ -n "${BASELINE:-}" ]]; then baseline_run >/dev/null 2>&1 || true; fi
floor=(); tuned=(); scan=(); baseline=()
for ((i = 1; i <= runs; i++)); do
  floor+=("$(ms floor_run)")
  tuned+=("$(ms floor_tuned_run)")
  # The run straight after the floor's is measurably slower (about 7% here): with a baseline, the two take turns.
  if [[ -n "${BASELINE:-}" ]] && ((i % 2 == 0)); then
    baseline+=("$(ms baseline_run)")
    scan+=("$(ms scan_run)")
  else
    scan+=("$(ms scan_run)")
    if [[ -n "${BASELINE:-}" ]]; then baseline+=("$(ms baseline_run)"); fi
  fi
  echo "  run $i: parse floor ${floor[-1]} ms (same memory settings: ${tuned[-1]} ms), scan ${scan[-1]} ms${BASELINE:+, baseline ${baseline[-1]} ms}" >&2
done
f=$(printf '%s\n' "${floor[@]}" | median)
t=$(printf '%s\n' "${tuned[@]}" | median)
s=$(printf '%s\n' "${scan[@]}" | median)
artifacts=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['runs'][0]; print(len(r['artifacts']), len(r['results']), len(r['invocations'][0].get('toolExecutionNotifications', [])))" "$out")
echo "files: $count, runs: $runs (median), SARIF artifacts/results/notifications: $artifacts"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "parse floor (snakeyaml-engine compose, cold JVM): $f ms"
echo "  the same with the launcher's memory settings:   $t ms"
echo "cimatrix scan (cold process, SARIF output):       $s ms"
awk -v s="$s" -v f="$f" -v t="$t" 'BEGIN {printf "ratio scan/floor: %.2fx (target <= 1.5x, and under 2000 ms); against the floor with the same memory settings: %.2fx\n", s / f, s / t}'
if [[ -n "${BASELINE:-}" ]]; then
  b=$(printf '%s\n' "${baseline[@]}" | median)
  echo "baseline scan ($BASELINE):                   $b ms"
  awk -v s="$s" -v b="$b" -v f="$f" 'BEGIN {printf "scan / baseline: %.2f; baseline / floor: %.2fx\n", s / b, b / f}'
  paired=$(for ((i = 0; i < runs; i++)); do awk -v s="${scan[i]}" -v b="${baseline[i]}" 'BEGIN {printf "%.3f\n", s / b}'; done)
  echo "paired scan / baseline: $(echo $paired) (median $(printf '%s\n' $paired | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'))"
fi
