#!/usr/bin/env bash
# Loads every *.yml/*.yaml of the real-world GitHub Actions corpus in one cold JVM, once with
# snakeyaml-engine's compose API alone (the parse floor) and once with YamlLoader, five runs each, and
# prints for each the median elapsed time inside the process, the median CPU time of the process (steadier
# when other work shares the machine) and the median wall time of the process, with the ratios.
# Usage: bench/yaml-parse-floor.sh [CORPUS_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus/real-world/github-actions}"
runs="${2:-5}"

./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

declare -A inner cpu wall
for mode in compose loader; do
  inner_times=(); cpu_times=(); wall_times=()
  for ((i = 1; i <= runs; i++)); do
    start=$(date +%s%N)
    line=$(java -cp "$classpath" dev.cimatrix.discover.yaml.YamlParseFloor "$mode" "$corpus")
    end=$(date +%s%N)
    echo "  $line wall_ms=$(( (end - start) / 1000000 ))" >&2
    inner_times+=("${line##* ms=}")
    cpu_part="${line##*cpu_ms=}"
    cpu_times+=("${cpu_part%% *}")
    wall_times+=($(( (end - start) / 1000000 )))
  done
  inner[$mode]=$(printf '%s\n' "${inner_times[@]}" | median)
  cpu[$mode]=$(printf '%s\n' "${cpu_times[@]}" | median)
  wall[$mode]=$(printf '%s\n' "${wall_times[@]}" | median)
done

echo "files: $(echo "$line" | sed 's/.*files=\([0-9]*\).*/\1/'), runs: $runs (median)"
printf 'compose alone: %6d ms in process, %6d ms CPU, %6d ms wall\n' "${inner[compose]}" "${cpu[compose]}" "${wall[compose]}"
printf 'YamlLoader:    %6d ms in process, %6d ms CPU, %6d ms wall\n' "${inner[loader]}" "${cpu[loader]}" "${wall[loader]}"
awk -v a="${inner[loader]}" -v b="${inner[compose]}" -v c="${cpu[loader]}" -v d="${cpu[compose]}" -v e="${wall[loader]}" -v f="${wall[compose]}" \
  'BEGIN {printf "ratio loader/compose: %.2fx in process, %.2fx CPU, %.2fx wall\n", a / b, c / d, e / f}'
