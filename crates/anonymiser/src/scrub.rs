//! `kanarie scrub`: anonymises standard input to standard output, as one text or as JSON
//! Lines (the "text" field of each object), for scoring and for batch use.
//!
//! In JSON Lines mode each output line also gets an "ask" list: the words a parent would be
//! asked about on the preview ([`words_to_ask`], at most [`ASK_LIMIT`]). An input field
//! "remove" (a list of strings) removes those words too, as a parent's ticks do
//! ([`anonymise_story_removing`]); it is dropped from the output, being raw text.

use std::io::{BufRead, Write};

use thiserror::Error;

use super::{anonymise_story, anonymise_story_removing, words_to_ask, RawText};
use crate::lang::Lang;

/// How many words the preview asks a parent about.
pub const ASK_LIMIT: usize = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScrubMode {
    /// The whole input is one text.
    Plain,
    /// One JSON object per line; its "text" field is anonymised, other fields kept.
    JsonLines,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScrubReport {
    /// Texts anonymised.
    pub texts: usize,
    /// Identifying details removed, over all texts.
    pub removed: u64,
}

/// Errors name the line, never its content (which may be identifying).
#[derive(Debug, Error)]
pub enum ScrubError {
    #[error("reading input failed: {0}")]
    Read(std::io::Error),
    #[error("writing output failed: {0}")]
    Write(std::io::Error),
    #[error("line {line}: not a JSON object")]
    NotJson { line: usize },
    #[error("line {line}: no string field \"text\"")]
    NoText { line: usize },
    #[error("input is not valid UTF-8")]
    NotUtf8,
}

pub fn run(
    mut input: impl BufRead,
    mut output: impl Write,
    mode: ScrubMode,
    default_lang: Lang,
) -> Result<ScrubReport, ScrubError> {
    let mut report = ScrubReport::default();
    match mode {
        ScrubMode::Plain => {
            let mut bytes = Vec::new();
            input.read_to_end(&mut bytes).map_err(ScrubError::Read)?;
            let text = String::from_utf8(bytes).map_err(|_| ScrubError::NotUtf8)?;
            let raw = RawText::new(text);
            let story = anonymise_story(default_lang, &[&raw]);
            for t in &story.texts {
                output
                    .write_all(t.as_str().as_bytes())
                    .map_err(ScrubError::Write)?;
            }
            report.texts = 1;
            report.removed = u64::from(story.summary.total());
        }
        ScrubMode::JsonLines => {
            let mut line = String::new();
            let mut number = 0usize;
            loop {
                line.clear();
                number += 1;
                let read = input.read_line(&mut line).map_err(|e| {
                    if e.kind() == std::io::ErrorKind::InvalidData {
                        ScrubError::NotUtf8
                    } else {
                        ScrubError::Read(e)
                    }
                })?;
                if read == 0 {
                    break;
                }
                if line.trim().is_empty() {
                    continue;
                }
                let mut value: serde_json::Value = serde_json::from_str(&line)
                    .map_err(|_| ScrubError::NotJson { line: number })?;
                let object = value
                    .as_object_mut()
                    .ok_or(ScrubError::NotJson { line: number })?;
                let lang = object
                    .get("lang")
                    .and_then(|l| l.as_str())
                    .and_then(Lang::parse)
                    .unwrap_or(default_lang);
                let text = match object.get_mut("text") {
                    Some(serde_json::Value::String(s)) => std::mem::take(s),
                    _ => return Err(ScrubError::NoText { line: number }),
                };
                let remove: Vec<RawText> = match object.remove("remove") {
                    Some(serde_json::Value::Array(items)) => items
                        .into_iter()
                        .filter_map(|v| match v {
                            serde_json::Value::String(s) => Some(RawText::new(s)),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let raw = RawText::new(text);
                let story = if remove.is_empty() {
                    anonymise_story(lang, &[&raw])
                } else {
                    let remove: Vec<&RawText> = remove.iter().collect();
                    anonymise_story_removing(lang, &[&raw], &remove)
                };
                let ask = words_to_ask(lang, &story, ASK_LIMIT);
                let anonymised = story
                    .texts
                    .into_iter()
                    .next()
                    .map(|t| t.0)
                    .unwrap_or_default();
                object.insert("text".to_string(), serde_json::Value::String(anonymised));
                object.insert(
                    "ask".to_string(),
                    serde_json::Value::Array(
                        ask.into_iter().map(serde_json::Value::String).collect(),
                    ),
                );
                serde_json::to_writer(&mut output, &value)
                    .map_err(|e| ScrubError::Write(e.into()))?;
                output.write_all(b"\n").map_err(ScrubError::Write)?;
                report.texts += 1;
                report.removed += u64::from(story.summary.total());
            }
        }
    }
    output.flush().map_err(ScrubError::Write)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_keeps_other_fields_and_names_bad_lines_without_content() {
        let input =
            "{\"id\":\"a\",\"lang\":\"nl\",\"text\":\"Bel 06-12345678.\"}\n\nnot json secret\n";
        let mut out = Vec::new();
        let err = run(input.as_bytes(), &mut out, ScrubMode::JsonLines, Lang::Nl).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("line 3"));
        assert!(!message.contains("secret"));
        let first = String::from_utf8(out).unwrap();
        assert!(first.contains("\"id\":\"a\""));
        assert!(first.contains("[telefoonnummer]"));
    }

    #[test]
    fn jsonl_asks_about_doubtful_words_and_removes_what_the_line_asks() {
        let input = "{\"lang\":\"nl\",\"text\":\"Wij gingen met Zorwick naar zee. zorwick vond het leuk.\"}\n\
                     {\"lang\":\"nl\",\"text\":\"ik sprak de ib'er bij de kwakelbos.\",\"remove\":[\"kwakelbos\"]}\n";
        let mut out = Vec::new();
        run(input.as_bytes(), &mut out, ScrubMode::JsonLines, Lang::Nl).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(lines[0]["ask"].is_array());
        let second = lines[1]["text"].as_str().unwrap();
        assert!(!second.contains("kwakelbos"), "{second}");
        assert!(lines[1].get("remove").is_none(), "raw words are not echoed");
    }

    #[test]
    fn plain_mode_anonymises_everything() {
        let mut out = Vec::new();
        let report = run(
            "Mail me: a.b@c.nl".as_bytes(),
            &mut out,
            ScrubMode::Plain,
            Lang::En,
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "Mail me: [email address]");
        assert_eq!(report.texts, 1);
    }
}
