#!/usr/bin/env bash
# Scores the anonymiser on the annotated dev stories (or another corpus given as $1):
# strips the markers, pipes the plain stories through `kanarie scrub --jsonl` (release
# build) and prints pii_score.py's leak, clean-story and over-redaction figures.
#
#   tools/score-anonymiser.sh [CORPUS.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/pii-devset/dev.jsonl}"
scorer="../shared/pii-devset/pii_score.py"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --bin kanarie
python3 "$scorer" plain "$corpus" > "$work/in.jsonl"
./target/release/kanarie scrub --jsonl < "$work/in.jsonl" > "$work/out.jsonl"
python3 "$scorer" score "$corpus" "$work/out.jsonl"
