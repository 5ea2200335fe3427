#!/usr/bin/env bash
# CTest (registered only when MPI is found): a sweep spread over 3 MPI ranks on this machine
# records exactly the rows of the same sweep on threads, and resumes like it.
# Usage: mpi_sweep_test.sh KNIGHTSIM MPIEXEC SQLITE3
set -euo pipefail
knightsim=$1 mpiexec=$2 sqlite3=$3

work=$(mktemp -d "${TMPDIR:-/tmp}/knightsim-mpi-sweep-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

# CI runs as root, which OpenMPI refuses unless told (the flags' environment equivalents);
# 3 ranks on a 2-core runner need --oversubscribe.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpirun=("$mpiexec" --oversubscribe -n 3)

cat > tiny.yaml <<'YAML'
name: tiny
start: "2026-06-17 11:00"
duration: 2h
city: {width_m: 3000, height_m: 3000}
merchants:
  - {category: restaurant, count: 5}
  - {category: grocery, count: 2}
  - {category: pharmacy, count: 1}
  - {category: convenience, count: 2}
demand: {orders_per_hour: 200}
riders:
  fleets:
    - {name: crew, count: 20, shift_start: "10:00", shift_end: "14:00", speed_kmh: 16}
YAML
cat > sweep.yaml <<'YAML'
sweep: mpi-check
base: tiny.yaml
replications: 3
seed: 42
parameters:
  demand.orders_per_hour: [150, 200, 250]
  riders.fleets[0].count: [15, 25]
YAML

fail() { echo "FAIL: $*" >&2; exit 1; }

# Every table's rows, sorted, without the columns that measure the machine (wall_s and the
# *_at timestamps): what pandas or R would read, minus what may differ between two runs.
dump() {
  local db=$1 table columns
  for table in $("$sqlite3" "$db" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
    columns=$("$sqlite3" "$db" "SELECT group_concat('quote(\"' || name || '\")', ', ')
                                 FROM pragma_table_info('$table')
                                 WHERE name <> 'wall_s' AND name NOT LIKE '%\_at' ESCAPE '\'")
    [[ -n "$columns" ]] || continue
    "$sqlite3" "$db" "SELECT '$table', $columns FROM \"$table\"" | LC_ALL=C sort
  done
}

"$knightsim" sweep sweep.yaml --jobs 2 --quiet --db threads.sqlite
"${mpirun[@]}" "$knightsim" sweep sweep.yaml --mpi --db mpi.sqlite > mpi-out.txt
grep -q "running 18 on 2 MPI worker ranks" mpi-out.txt || fail "unexpected report: $(cat mpi-out.txt)"

runs=$("$sqlite3" mpi.sqlite "SELECT COUNT(*), COUNT(DISTINCT point || '/' || rep) FROM runs WHERE sweep_id = 'mpi-check'")
[[ "$runs" == "18|18" ]] || fail "expected 18 distinct runs, got $runs"
diff <(dump threads.sqlite) <(dump mpi.sqlite) > rows.diff || fail "rows differ: $(cat rows.diff)"

# Resuming under MPI skips what is recorded: drop a few rows, run again, compare again.
"$sqlite3" mpi.sqlite "DELETE FROM runs WHERE point = 4 OR rep = 2;
                       DELETE FROM run_params WHERE point = 4 OR rep = 2"
"${mpirun[@]}" "$knightsim" sweep sweep.yaml --mpi --db mpi.sqlite > resume-out.txt
grep -q "already in mpi.sqlite" resume-out.txt || fail "no resume: $(cat resume-out.txt)"
diff <(dump threads.sqlite) <(dump mpi.sqlite) > rows.diff || fail "rows differ after resume: $(cat rows.diff)"

# A bad sweep file is refused by rank 0 alone, before any database exists.
printf 'sweep: bad\nparameters:\n  riders.fleets[0].cuont: [1]\n' > bad.yaml
if "${mpirun[@]}" "$knightsim" sweep bad.yaml --mpi --db bad.sqlite > bad-out.txt 2>&1; then
  fail "a bad sweep file was accepted"
fi
[[ $(grep -c "bad.yaml:3:3: riders.fleets\[0\].cuont: unknown key" bad-out.txt) == 1 ]] ||
  fail "expected the problem once: $(cat bad-out.txt)"
[[ ! -e bad.sqlite ]] || fail "bad.sqlite was created"
echo "mpi sweep: 18 runs on 3 ranks equal the threaded run's, resume and refusal ok"
