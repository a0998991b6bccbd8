#!/usr/bin/env bash
# Linear time, counted rather than timed: instructions per input byte under callgrind for
# pathological inputs at 20 kB, 200 kB and 2 MB. Counts do not depend on how busy the
# machine is (wall-clock figures in `cargo bench` do, and on the allocator: see
# benches/anonymiser.rs). Linear means about the same figure in each column.
#
#   crates/anonymiser/tools/linearity.sh ['UNIT' ...]     needs valgrind
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
cargo build --release --quiet --manifest-path "$here/Cargo.toml" --example anonymise_once
target="$(cargo metadata --format-version 1 --no-deps --manifest-path "$here/Cargo.toml" | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
probe="$target/release/examples/anonymise_once"
count() { # UNIT SIZE -> instructions
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$probe" "$1" "$2" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
[ $# -gt 0 ] || set -- "1" "a1" "[" "@a." "Ab " "ab " "lu44E4.4/"
printf '%-12s %14s %14s %14s\n' "input" "20 kB" "200 kB" "2 MB"
for unit in "$@"; do
  base=$(count "$unit" 0)
  row=""
  for size in 20000 200000 2000000; do
    n=$(count "$unit" "$size")
    row+=$(python3 -c "print(f' {($n - $base) / $size:9.0f} i/byte')")
  done
  printf '%-12s%s\n' "\"$unit\"" "$row"
done
