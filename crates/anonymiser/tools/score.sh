#!/usr/bin/env bash
# Scores the anonymiser on annotated stories: strips the markers, pipes the plain stories
# through the crate's `scrub` example (release build, seconds to build) and prints
# pii_score.py's leak, clean-story and over-redaction figures.
#
#   crates/anonymiser/tools/score.sh [CORPUS.jsonl ...]
# Without arguments: dev.jsonl, the tuning part of dev2.jsonl and, separately, its test fold.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
devset="${KANARIE_DEVSET:-$here/../../../shared/pii-devset}"
scorer="$devset/pii_score.py"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --manifest-path "$here/Cargo.toml" --example scrub
target="$(cargo metadata --format-version 1 --no-deps --manifest-path "$here/Cargo.toml" | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
scrub="$target/release/examples/scrub"
if [ "$#" -eq 0 ]; then
  python3 "$devset/folds.py" "$work" > /dev/null
  set -- "$devset/dev.jsonl" "$work/dev2-tune.jsonl" "$work/dev2-fold.jsonl"
fi
for corpus in "$@"; do
  echo "== $(basename "$corpus")"
  python3 "$scorer" plain "$corpus" > "$work/in.jsonl"
  "$scrub" --jsonl < "$work/in.jsonl" > "$work/out.jsonl"
  python3 "$scorer" score "$corpus" "$work/out.jsonl"
done
