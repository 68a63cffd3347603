//! The translation files: every namespace has the same keys and the same
//! `{{ variables }}` in Indonesian and English, and no empty text (`build.rs`
//! stops at the first such problem; this lists them all). A singular
//! (`key__satu`, for `n` = 1) is a language's own: it needs its key, not
//! the other language's.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

fn load(lang: &str, ns: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang).join(format!("{ns}.json"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn variables(s: &str) -> BTreeSet<String> {
    s.split("{{").skip(1).filter_map(|p| p.split("}}").next()).map(|v| v.trim().to_owned()).collect()
}

#[test]
fn both_languages_have_the_same_keys_and_variables() {
    let namespaces: Vec<String> = fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/id"))
        .expect("locales/id")
        .map(|e| e.expect("entry").path().file_stem().expect("stem").to_string_lossy().into_owned())
        .collect();
    assert!(namespaces.len() >= 4, "{namespaces:?}");
    let mut problems = Vec::new();
    for ns in &namespaces {
        let (mut id, mut en) = (load("id", ns), load("en", ns));
        for (lang, texts) in [("id", &mut id), ("en", &mut en)] {
            let singulars: Vec<String> = texts.keys().filter(|k| k.ends_with("__satu")).cloned().collect();
            for k in singulars {
                let satu = texts.remove(&k).unwrap_or_default();
                let base = texts.get(k.trim_end_matches("__satu"));
                if !base.is_some_and(|b| b.contains("{{ n }}")) || satu.trim().is_empty() {
                    problems.push(format!("{ns}.{k} ({lang}): a singular needs a text with {{{{ n }}}} and words"));
                }
            }
        }
        for k in id.keys().filter(|k| !en.contains_key(*k)) {
            problems.push(format!("{ns}.{k}: missing in en"));
        }
        for k in en.keys().filter(|k| !id.contains_key(*k)) {
            problems.push(format!("{ns}.{k}: missing in id"));
        }
        for (k, v) in &id {
            if v.trim().is_empty() || en.get(k).is_some_and(|e| e.trim().is_empty()) {
                problems.push(format!("{ns}.{k}: empty text"));
            }
            if let Some(e) = en.get(k)
                && variables(v) != variables(e)
            {
                problems.push(format!("{ns}.{k}: variables differ: {:?} vs {:?}", variables(v), variables(e)));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
