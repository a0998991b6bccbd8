//! `kanarie scrub` without the web service: anonymises standard input to standard output,
//! or with `--jsonl` the `"text"` field of each JSON line. Builds in seconds, which is what
//! the scoring loop (`tools/score.sh`) wants.
//!
//!     cargo run --release -p kanarie-anonymiser --example scrub -- --jsonl < in.jsonl

use std::io;
use std::process::ExitCode;

use kanarie_anonymiser::scrub::{self, ScrubMode};
use kanarie_anonymiser::Lang;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let jsonl = args.iter().any(|a| a == "--jsonl");
    let lang = match args.iter().position(|a| a == "--lang") {
        Some(i) => match args.get(i + 1).and_then(|code| Lang::parse(code)) {
            Some(lang) => lang,
            None => {
                eprintln!("--lang takes nl or en");
                return ExitCode::from(2);
            }
        },
        None => Lang::default(),
    };
    let mode = if jsonl {
        ScrubMode::JsonLines
    } else {
        ScrubMode::Plain
    };
    let input = io::stdin().lock();
    let output = io::BufWriter::new(io::stdout().lock());
    match scrub::run(input, output, mode, lang) {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
