#!/usr/bin/env bash
# End-to-end speed goal (issue 3): `levex-cli simulate` on a 1M-row book — parse, prepare, run 600
# steps, write the JSON — in at most half the time pandas.read_csv takes merely to read the file.
# Both are measured here in one run, best of 3 each. Needs Debian's python3-pandas (/usr/bin/python3).
#   usage: tests/bench/cli_vs_pandas.sh [build/release/app/levex-cli] [POSITIONS]
set -euo pipefail
cli="${1:-build/release/app/levex-cli}"
positions="${2:-1000000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
book="$dir/book.csv"
"$cli" generate --positions "$positions" --seed 1 --out "$book"
echo "book: $positions positions, $(du -h "$book" | cut -f1)"

best_levex=999
for _ in 1 2 3; do
    start=$(date +%s.%N)
    "$cli" simulate "$book" --shock -0.05 --json "$dir/summary.json"
    end=$(date +%s.%N)
    best_levex=$(python3 -c "print(min($best_levex, $end - $start))")
done
best_pandas=$(/usr/bin/python3 - "$book" <<'PY'
import sys, time
import pandas
best = 999.0
for _ in range(3):
    start = time.perf_counter()
    pandas.read_csv(sys.argv[1])
    best = min(best, time.perf_counter() - start)
print(best)
PY
)
python3 -c "
levex, pandas = $best_levex, $best_pandas
print(f'levex-cli simulate (parse + simulate + JSON): {levex:.3f} s')
print(f'pandas.read_csv alone:                        {pandas:.3f} s')
print(f'ratio: {levex / pandas:.2f} (goal <= 0.50)')
"
