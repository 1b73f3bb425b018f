#!/usr/bin/env bash
# Checks that two sitrep binaries code the same text the same way, byte for byte:
#   scripts/compare-output.sh OLD_BIN NEW_BIN [SHARED_DIR]
# It runs `extract` on the seed article, examples/ and the texts of the shared
# dev sets (WikiEvents dev, MUC-4 dev, IndiaPoliceEvents dev, the PLOVER gold
# records), the dev scorers with --errors and every command's --help, with
# each binary, then diffs; and it checks that the new binary still rebuilds the
# committed PLOVER model byte for byte.
# For refactors that must not change behaviour. Exits 1 on any difference.
set -euo pipefail
old=$(realpath "$1"); new=$(realpath "$2")
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(realpath "${3:-$root/../shared}")
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/old" "$work/new"
python3 "$root/scripts/compare_inputs.py" "$shared" "$work/in"
ev="$shared/data/events"
run() { # run BIN OUTDIR
  local bin=$1 o=$2
  ( cd "$root"
    "$bin" extract "$shared/examples/seed/article.txt" > "$o/seed.json"
    "$bin" extract examples/ > "$o/examples.json"
    for f in "$work"/in/*.jsonl; do
      "$bin" extract --format jsonl "$f" > "$o/$(basename "$f" .jsonl).out.jsonl"
    done
    "$bin" eval events --format wikievents --data "$ev/wikievents/dev.jsonl" --errors > "$o/eval-wikievents.json"
    "$bin" eval events --format muc4 --data "$ev/muc4/dev.json" --errors > "$o/eval-muc4.json"
    "$bin" eval events --format india-police --errors > "$o/eval-india-police.json"
    "$bin" eval events --format plover-gsr --pipeline --errors > "$o/eval-plover-gsr-pipeline.json"
    "$bin" eval events --format plover-gsr --errors > "$o/eval-plover-gsr.json"
    "$bin" eval events --format ngec --errors > "$o/eval-ngec.json"
    "$bin" eval events --format ecbplus --errors > "$o/eval-ecbplus.json"
    "$bin" eval events --format petrarch > "$o/eval-petrarch.json"
    # Every command's help, with the program's own name written "sitrep".
    for c in "" extract ingest query "gazetteer build" "gazetteer import" "gazetteer info" \
      "gazetteer country-points" "actors build" "actors info" bench "eval time" "eval geo" \
      "eval ner" "eval events" "train ner" "train events" "train classes"; do
      # shellcheck disable=SC2086
      "$bin" $c --help | sed "s#$(basename "$bin")#sitrep#g"
    done > "$o/help.txt"
  ) 2> "$o/stderr.log" || { cat "$o/stderr.log" >&2; return 1; }
}
run "$old" "$work/old" &
old_pid=$!
run "$new" "$work/new" || { echo "the new binary failed: see its errors above" >&2; exit 1; }
wait "$old_pid" || { echo "the old binary failed" >&2; exit 1; }
# Timings differ between runs: drop speed fields before comparing.
strip() { grep -vE '"(seconds|elapsed[a-z_]*|[a-z_]*per_sec?|[a-z_]*_ms|ms_[a-z_]*)"' "$1" || true; }
status=0
for f in "$work"/old/*; do
  n=$(basename "$f"); [ "$n" = stderr.log ] && continue
  if ! diff -q <(strip "$f") <(strip "$work/new/$n") > /dev/null; then
    echo "DIFFERS: $n"; diff <(strip "$f") <(strip "$work/new/$n") | head -20 || true; status=1
  else
    echo "same: $n ($(wc -c < "$f") bytes)"
  fi
done
# The committed PLOVER model must rebuild byte-identically with the new binary.
if ( cd "$root" && "$new" train events --out "$work/plover.model" > "$work/train.log" 2>&1 ) \
  && cmp -s "$work/plover.model" "$root/crates/events/data/plover.model"; then
  echo "same: sitrep train events rebuilds crates/events/data/plover.model"
else
  echo "DIFFERS: sitrep train events no longer rebuilds crates/events/data/plover.model"; status=1
fi
exit $status
