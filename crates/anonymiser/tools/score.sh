#!/usr/bin/env bash
# Scores the anonymiser on annotated stories: strips the markers, pipes the plain stories
# through the crate's `scrub` example (release build, seconds to build) and prints
# pii_score.py's leak, clean-story and over-redaction figures.
#
#   crates/anonymiser/tools/score.sh [CORPUS.jsonl ...]   those corpora, with the words that leaked
#   crates/anonymiser/tools/score.sh                      dev.jsonl, dev2's tuning part, and both together
#   crates/anonymiser/tools/score.sh --fold               dev2's test fold: figures per kind only,
#                                                         never the words (it is for reporting, not tuning)
#   crates/anonymiser/tools/score.sh --ticks [--fold]     the parent's check simulated (tools/parent_ticks.py):
#                                                         leak after ticking every identifying offered word,
#                                                         and offered words per story that identify nobody
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
devset="${KANARIE_DEVSET:-$here/../../../shared/pii-devset}"
scorer="$devset/pii_score.py"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --manifest-path "$here/Cargo.toml" --example scrub
target="$(cargo metadata --format-version 1 --no-deps --manifest-path "$here/Cargo.toml" | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
scrub="$target/release/examples/scrub"
score() { # CORPUS [filter]
  python3 "$scorer" plain "$1" > "$work/in.jsonl"
  "$scrub" --jsonl < "$work/in.jsonl" > "$work/out.jsonl"
  python3 "$scorer" score "$1" "$work/out.jsonl"
}
if [ "${1:-}" = "--ticks" ]; then
  python3 "$devset/folds.py" "$work" > /dev/null
  if [ "${2:-}" = "--fold" ]; then
    echo "== dev2 test fold, parent's check"
    KANARIE_DEVSET="$devset" python3 "$here/tools/parent_ticks.py" "$scrub" "$work/dev2-fold.jsonl" --quiet
  else
    cat "$devset/dev.jsonl" "$work/dev2-tune.jsonl" > "$work/dev+tune.jsonl"
    echo "== dev+tune, parent's check"
    KANARIE_DEVSET="$devset" python3 "$here/tools/parent_ticks.py" "$scrub" "$work/dev+tune.jsonl"
  fi
  exit 0
fi
if [ "${1:-}" = "--fold" ]; then
  python3 "$devset/folds.py" "$work" > /dev/null
  echo "== dev2 test fold"
  score "$work/dev2-fold.jsonl" | grep -v '^  leaked in'
  exit 0
fi
if [ "$#" -eq 0 ]; then
  python3 "$devset/folds.py" "$work" > /dev/null
  cat "$devset/dev.jsonl" "$work/dev2-tune.jsonl" > "$work/dev+tune.jsonl"
  set -- "$devset/dev.jsonl" "$work/dev2-tune.jsonl" "$work/dev+tune.jsonl"
fi
for corpus in "$@"; do
  echo "== $(basename "$corpus")"
  score "$corpus"
done
