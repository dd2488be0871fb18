#!/usr/bin/env bash
# The Parquet export of a 10,000-article store, read back by pyarrow, pandas
# and DuckDB.
#
#   bench/export.sh
#
# The store is bench/analyze.sh's (10,000 generated articles), built by it
# when target/analyze-bench/bench.db is missing. pyarrow, pandas and duckdb
# (the Python package: a prebuilt wheel) are installed from PyPI into
# target/bench-venv on first use. Prints the time and size of the JSON Lines
# and Parquet exports, then each reader's rows per table (checked against
# the JSON Lines line counts) and the time it took to load every table, and
# one DuckDB query over the files (the most frequent event types between
# two actors).
set -euo pipefail
cd "$(dirname "$0")/.."
db=target/analyze-bench/bench.db
[ -s "$db" ] || bench/analyze.sh >&2
cargo build --quiet --release -p dossier-cli
out=target/export-bench
rm -rf "$out" && mkdir -p "$out"
fmt="%e s wall, %U+%S s CPU, %M KiB peak"
for format in jsonl parquet; do
  /usr/bin/time -o "$out/$format.time" -f "$fmt" \
    target/release/dossier --db "$db" export --format "$format" --out "$out/$format" 2>/dev/null
  printf 'export --format %-8s %s, %s\n' "$format" "$(cat "$out/$format.time")" \
    "$(du -sh "$out/$format" | cut -f1)"
done
for format in gexf graphml; do
  /usr/bin/time -o "$out/$format.time" -f "$fmt" \
    target/release/dossier --db "$db" export --format "$format" --out "$out/actors.$format" 2>/dev/null
  printf 'export --format %-8s %s, %s\n' "$format" "$(cat "$out/$format.time")" \
    "$(du -h "$out/actors.$format" | cut -f1)"
done

venv=target/bench-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import pyarrow, pandas, duckdb' 2>/dev/null ||
  "$venv/bin/pip" install --quiet "pyarrow>=15" "pandas>=2" "duckdb>=1"
"$venv/bin/python" - "$out" <<'PY'
import pathlib, sys, time
import duckdb, pyarrow.parquet as pq

out = pathlib.Path(sys.argv[1])
tables = sorted(p.stem for p in (out / "parquet").glob("*.parquet"))
expected = {t: sum(1 for _ in open(out / "jsonl" / f"{t}.jsonl", encoding="utf-8")) for t in tables}

def timed(name, load):
    start = time.perf_counter()
    rows = {t: load(str(out / "parquet" / f"{t}.parquet")) for t in tables}
    seconds = time.perf_counter() - start
    wrong = [f"{t} {rows[t]} (JSON Lines: {expected[t]})" for t in tables if rows[t] != expected[t]]
    print(f"{name:<24} {seconds:6.2f} s for {sum(rows.values()):,} rows in {len(tables)} tables"
          + (f"; WRONG COUNTS: {', '.join(wrong)}" if wrong else "; counts equal JSON Lines'"))
    return rows

rows = timed("pyarrow read_table", lambda p: pq.read_table(p).num_rows)
timed("pyarrow -> pandas", lambda p: len(pq.read_table(p).to_pandas()))
con = duckdb.connect()
timed("DuckDB (full load)", lambda p: con.execute(
    f"CREATE OR REPLACE TABLE t AS SELECT * FROM read_parquet('{p}')").fetchone()[0])
print("rows:", ", ".join(f"{t} {n:,}" for t, n in rows.items()))
start = time.perf_counter()
top = con.execute(f"""
    SELECT source, target, type, count(*) AS events
    FROM read_parquet('{out}/parquet/events.parquet')
    WHERE happened AND confidence >= 0.5 AND source IS NOT NULL AND target IS NOT NULL
    GROUP BY ALL ORDER BY events DESC, source, target LIMIT 3""").fetchall()
print(f"DuckDB top dyads by type ({time.perf_counter() - start:.3f} s): {top}")
PY
