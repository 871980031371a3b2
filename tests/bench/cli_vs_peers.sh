#!/usr/bin/env bash
# levex-cli against the tools a user may already have, on one generated book, best of 3 each:
#   polars readCSV (a warm process, 2 threads), polars read + writeCSV, DuckDB read_csv into a table,
#   pandas.read_csv (when Debian's python3-pandas is installed), and the whole levex-cli process for
#   `simulate` (parse, prepare, 600 steps, JSON) and `inspect` (parse, liquidation prices, the CSV),
#   with their peak resident memory. Then the ratios against the speed and memory goals.
#
#   usage: tests/bench/cli_vs_peers.sh [build/release/app/levex-cli] [POSITIONS]
#   LEVEX_BASELINE_CLI=/path/to/older/levex-cli adds its figures beside (before/after in one run).
#   LEVEX_PEERS_DIR (default ~/.cache/levex-peers) is where polars and DuckDB are installed with npm
#   when missing. They are benchmark peers only, never project dependencies.
set -euo pipefail
cli="${1:-build/release/app/levex-cli}"
positions="${2:-1000000}"
baseline="${LEVEX_BASELINE_CLI:-}"
peers="${LEVEX_PEERS_DIR:-$HOME/.cache/levex-peers}"
runs=3

if [[ ! -d "$peers/node_modules/nodejs-polars" || ! -d "$peers/node_modules/@duckdb/node-api" ]]; then
    echo "installing polars and DuckDB for node into $peers" >&2
    mkdir -p "$peers"
    [[ -f "$peers/package.json" ]] || echo '{"private": true}' >"$peers/package.json"
    (cd "$peers" && npm i -E --no-audit --no-fund nodejs-polars@0.25.2 nodejs-polars-linux-x64-gnu@0.25.2 \
        @duckdb/node-api >&2)
fi

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
book="$dir/book.csv"
"$cli" generate --positions "$positions" --seed 7 --out "$book"
cat "$book" >/dev/null # in the page cache for everyone
echo "book: $positions positions, $(du -h "$book" | cut -f1); load average $(cut -d' ' -f1-3 /proc/loadavg)"

cat >"$dir/polars.js" <<'JS'
const [peers, book, out, runs] = process.argv.slice(2);
const pl = require(peers + '/node_modules/nodejs-polars');
const now = () => Number(process.hrtime.bigint()) / 1e9;
let read = Infinity, readWrite = Infinity;
pl.readCSV(book); // warm: the module and the page cache
for (let i = 0; i < Number(runs); i++) {
  let t = now();
  pl.readCSV(book);
  read = Math.min(read, now() - t);
  t = now();
  pl.readCSV(book).writeCSV(out);
  readWrite = Math.min(readWrite, now() - t);
}
console.log(read.toFixed(4), readWrite.toFixed(4));
JS
cat >"$dir/duckdb.js" <<'JS'
const [peers, book, runs] = process.argv.slice(2);
const { DuckDBInstance } = require(peers + '/node_modules/@duckdb/node-api');
(async () => {
  const db = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await db.connect();
  const now = () => Number(process.hrtime.bigint()) / 1e9;
  let best = Infinity;
  for (let i = 0; i <= Number(runs); i++) { // the first run warms up
    await con.run('DROP TABLE IF EXISTS t');
    const t = now();
    await con.run(`CREATE TABLE t AS SELECT * FROM read_csv('${book}')`);
    if (i > 0) best = Math.min(best, now() - t);
  }
  console.log(best.toFixed(4));
})();
JS

read -r polars_read polars_rw < <(POLARS_MAX_THREADS=2 node "$dir/polars.js" "$peers" "$book" "$dir/polars.csv" "$runs")
duckdb_read=$(node "$dir/duckdb.js" "$peers" "$book" "$runs")
pandas_read=""
if /usr/bin/python3 -c "import pandas" 2>/dev/null; then
    pandas_read=$(/usr/bin/python3 - "$book" "$runs" <<'PY'
import sys, time
import pandas
best = float("inf")
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    pandas.read_csv(sys.argv[1])
    best = min(best, time.perf_counter() - start)
print(f"{best:.4f}")
PY
)
fi

# Best wall time of `runs` whole processes, and the peak RSS (MB) of the fastest.
measure() {
    local best=999 best_rss=0
    for _ in $(seq "$runs"); do
        local start end elapsed
        start=$(date +%s.%N)
        /usr/bin/time -f "%M" -o "$dir/rss" "$@" >/dev/null
        end=$(date +%s.%N)
        elapsed=$(echo "$end - $start" | bc -l)
        if (($(echo "$elapsed < $best" | bc -l))); then
            best=$elapsed
            best_rss=$(($(tail -1 "$dir/rss") / 1024))
        fi
    done
    printf '%.4f %s\n' "$best" "$best_rss"
}
levex_figures() { # CLI -> "simulate_s simulate_MB inspect_s inspect_MB"
    local simulate inspect
    simulate=$(measure "$1" simulate "$book" --shock -0.05 --json "$dir/summary.json")
    inspect=$(measure "$1" inspect "$book" --out "$dir/inspect.csv")
    echo "$simulate $inspect"
}
read -r sim sim_rss insp insp_rss < <(levex_figures "$cli")
if [[ -n "$baseline" ]]; then
    read -r base_sim base_sim_rss base_insp base_insp_rss < <(levex_figures "$baseline")
fi

row() { printf '%-54s %9s %9s\n' "$1" "$2" "$3"; }
echo
row "" "time (s)" "peak MB"
row "polars readCSV (warm process, 2 threads)" "$polars_read" ""
row "polars readCSV + writeCSV" "$polars_rw" ""
row "DuckDB read_csv into a table" "$duckdb_read" ""
[[ -n "$pandas_read" ]] && row "pandas.read_csv" "$pandas_read" ""
if [[ -n "$baseline" ]]; then
    row "levex-cli simulate, baseline" "$base_sim" "$base_sim_rss"
    row "levex-cli inspect, baseline" "$base_insp" "$base_insp_rss"
fi
row "levex-cli simulate (parse, prepare, 600 steps, JSON)" "$sim" "$sim_rss"
row "levex-cli inspect (parse, prices, CSV of every row)" "$insp" "$insp_rss"
echo
ratio() { echo "scale=2; $1 / $2" | bc -l | sed 's/^\./0./'; }
echo "simulate / polars read:        $(ratio "$sim" "$polars_read") (goal <= 2, aim <= 1)"
echo "inspect / polars read+write:   $(ratio "$insp" "$polars_rw") (goal <= 1.5)"
echo "simulate peak RSS:             $sim_rss MB, $((sim_rss * 1048576 / positions)) B/position (goal <= 250 MB, aim <= 150 B/position)"
[[ -n "$pandas_read" ]] && echo "simulate / pandas read:        $(ratio "$sim" "$pandas_read") (the earlier goal: <= 0.5)"
exit 0
