//! Anonymises one synthetic input once, after the warm-up: `UNIT` repeated to `SIZE` bytes.
//! For `tools/linearity.sh`, which counts its instructions under callgrind.
//!
//!     cargo run --release --example anonymise_once -- '@a.' 200000

use kanarie_anonymiser::{anonymise_story, warm_up, Lang, RawText};

fn main() {
    let mut args = std::env::args().skip(1);
    let unit = args.next().unwrap_or_else(|| "@a.".to_string());
    let size: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20_000);
    warm_up();
    if size > 0 && !unit.is_empty() {
        let raw = RawText::new(unit.repeat(size / unit.len()));
        std::hint::black_box(anonymise_story(Lang::Nl, &[&raw]));
    }
}
