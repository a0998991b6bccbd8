//! Every translation key exists in every locale, and every key the code uses exists.

use std::collections::BTreeSet;
use std::path::Path;

use kanarie::error::ErrorCode;

const LOCALES: [&str; 2] = ["nl", "en"];

fn keys(locale: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{locale}.yml"));
    let text = std::fs::read_to_string(&path).unwrap();
    let map: serde_yaml_ng::Mapping = serde_yaml_ng::from_str(&text).unwrap();
    map.into_iter()
        .map(|(key, value)| {
            let key = key.as_str().unwrap().to_owned();
            let value = value.as_str().unwrap_or_default();
            assert!(!value.trim().is_empty(), "{locale}: {key} is empty");
            key
        })
        .collect()
}

/// Keys written literally in the code and templates: `t("key")`, `t!("key"` and
/// `tr("key")`-style helpers.
fn keys_used_in(dir: &Path, found: &mut BTreeSet<String>) {
    let pattern = regex::Regex::new(r#"\bt!?\(\s*"([a-z0-9_]+(?:\.[a-z0-9_]+)+)""#).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            keys_used_in(&path, found);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            for capture in pattern.captures_iter(&text) {
                found.insert(capture[1].to_owned());
            }
        }
    }
}

#[test]
fn every_locale_has_the_same_keys() {
    let reference = keys(LOCALES[0]);
    assert!(reference.len() > 20);
    for locale in &LOCALES[1..] {
        let other = keys(locale);
        let missing: Vec<_> = reference.difference(&other).collect();
        let extra: Vec<_> = other.difference(&reference).collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        assert!(extra.is_empty(), "{locale} has keys nl lacks: {extra:?}");
    }
}

#[test]
fn every_key_the_code_uses_is_translated() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = BTreeSet::new();
    keys_used_in(&root.join("src"), &mut used);
    keys_used_in(&root.join("templates"), &mut used);
    assert!(used.contains("home.title"), "the key scan found nothing");
    for code in ErrorCode::ALL {
        used.insert(format!("error.{}.title", code.key()));
        used.insert(format!("error.{}.message", code.key()));
    }
    for locale in LOCALES {
        let available = keys(locale);
        let missing: Vec<_> = used.difference(&available).collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
    }
}
