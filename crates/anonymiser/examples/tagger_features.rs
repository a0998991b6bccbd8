//! Writes the tagger's training data: for every annotated story (JSON Lines with a
//! `"marked"` field, see the devset's FORMAT.md) every word the rules keep, with its gold
//! kind and its hashed features, one tab-separated line per word:
//!
//!     story-id  start  end  lowercase-word  gold-kind-or-O  candidate(0/1)  lexical(0/1)  template:bucket ...
//!
//! `tools/tagger/train.py` runs it; the features come from the crate itself
//! (`src/tagger.rs`), so training and inference compute them alike. The output holds words
//! of the stories: write it to a scratch directory only.
//!
//!     cargo run --release -p kanarie-anonymiser --features training --example tagger_features -- BITS CORPUS.jsonl...

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use kanarie_anonymiser::{tagger_training_rows, Lang};
use regex::Regex;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(bits) = args.first().and_then(|b| b.parse::<u32>().ok()) else {
        eprintln!("usage: tagger_features BITS CORPUS.jsonl...");
        return ExitCode::from(2);
    };
    match run(bits, &args[1..]) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn run(bits: u32, corpora: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let mark = Regex::new(r"\[\[([A-Z]+)\|([^\]|]+)\]\]")?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for path in corpora {
        let file = io::BufReader::new(std::fs::File::open(path)?);
        for line in file.lines() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let story: serde_json::Value = serde_json::from_str(&line)?;
            let id = story["id"].as_str().unwrap_or("?");
            let lang = story["lang"]
                .as_str()
                .and_then(Lang::parse)
                .unwrap_or_default();
            let marked = story["marked"].as_str().unwrap_or("");
            // the plain text and the gold spans in it
            let mut plain = String::with_capacity(marked.len());
            let mut gold: Vec<(usize, usize, String)> = Vec::new();
            let mut pos = 0;
            for m in mark.captures_iter(marked) {
                let (Some(whole), Some(kind), Some(surface)) = (m.get(0), m.get(1), m.get(2))
                else {
                    continue;
                };
                plain.push_str(&marked[pos..whole.start()]);
                let start = plain.len();
                plain.push_str(surface.as_str());
                gold.push((start, plain.len(), kind.as_str().to_string()));
                pos = whole.end();
            }
            plain.push_str(&marked[pos..]);
            for row in tagger_training_rows(lang, &plain, bits) {
                let kind = gold
                    .iter()
                    .find(|(s, e, _)| *s < row.end && *e > row.start)
                    .map_or("O", |g| g.2.as_str());
                let features: Vec<String> = row
                    .features
                    .iter()
                    .map(|(t, b)| format!("{t}:{b}"))
                    .collect();
                writeln!(
                    out,
                    "{id}\t{}\t{}\t{}\t{kind}\t{}\t{}\t{}",
                    row.start,
                    row.end,
                    row.lower,
                    u8::from(row.candidate),
                    u8::from(row.lexical),
                    features.join(" ")
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
