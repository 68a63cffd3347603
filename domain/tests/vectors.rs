//! The golden vectors (`vectors/*.json` at the repository root, the project's
//! copy of the worked cases; format in its README.md) run
//! through the public domain API. Every case of every file; a missing folder,
//! an unreadable file or an unknown `kind` is a failure, never a skip. Set
//! `EKINERJA_VECTORS` to a folder of more files in the same format to run
//! those too.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use domain::distribusi::fits_pola_distribusi;
use domain::kalkulator::{Hasil, Permintaan, hitung};
use domain::kuadran_predikat;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors");

#[test]
fn every_golden_vector_passes_through_the_public_api() {
    let mut files = json_files(Path::new(SHARED)).unwrap_or_else(|e| {
        panic!("the vectors folder {SHARED} cannot be read ({e}); it is part of the repository (the golden cases)")
    });
    assert!(!files.is_empty(), "no *.json vector files in {SHARED}");
    if let Some(extra) = std::env::var_os("EKINERJA_VECTORS") {
        let extra = PathBuf::from(extra);
        let more =
            json_files(&extra).unwrap_or_else(|e| panic!("EKINERJA_VECTORS={} cannot be read: {e}", extra.display()));
        assert!(!more.is_empty(), "EKINERJA_VECTORS={} holds no *.json files", extra.display());
        files.extend(more);
    }

    let mut failures = Vec::new();
    let mut cases = 0;
    for file in &files {
        cases += run_file(file, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} vector cases failed in {} files:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
    eprintln!("{cases} vector cases passed in {} files", files.len());
}

fn json_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// Runs every case of one file; returns how many cases it had.
fn run_file(path: &Path, failures: &mut Vec<String>) -> usize {
    let shown = path.display();
    let doc: Value = match fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => {
            failures.push(format!("{shown}: cannot read the file: {e}"));
            return 0;
        }
    };
    let kind = doc["kind"].as_str().unwrap_or("<missing>").to_string();
    let tolerance = doc["tolerance"].as_f64().unwrap_or(0.0);
    let Some(cases) = doc["cases"].as_array() else {
        failures.push(format!("{shown}: no `cases` array"));
        return 0;
    };
    for case in cases {
        let name = case["name"].as_str().unwrap_or("<unnamed>");
        let input = &case["input"];
        let expect = &case["expect"];
        let outcome = run_case(&kind, input).and_then(|actual| compare(expect, &actual, tolerance).map(|_| actual));
        if let Err(why) = outcome {
            let actual = run_case(&kind, input).unwrap_or_else(|e| json!({ "error": e }));
            failures.push(format!(
                "file:     {shown}\nkind:     {kind}\ncase:     {name}\ninput:    {input}\nexpected: {expect}\nactual:   {actual}\nwhy:      {why}"
            ));
        }
    }
    cases.len()
}

/// Every key of `expect` must be in `actual` with an equal value (numbers
/// within `tolerance`).
fn compare(expect: &Value, actual: &Value, tolerance: f64) -> Result<(), String> {
    let expect = expect.as_object().ok_or("`expect` is not an object")?;
    for (key, want) in expect {
        let got = actual.get(key).ok_or_else(|| format!("`{key}` was not produced"))?;
        let same = match (want, got) {
            (Value::Number(w), Value::Number(g)) => match (w.as_f64(), g.as_f64()) {
                (Some(w), Some(g)) => (w - g).abs() <= tolerance + 1e-9,
                _ => false,
            },
            _ => want == got,
        };
        if !same {
            return Err(format!("`{key}`: expected {want}, got {got}"));
        }
    }
    Ok(())
}

/// One case through the public calculator (the same path the server's
/// preview takes); the result as JSON. Unknown kinds fail to deserialise.
fn run_case(kind: &str, input: &Value) -> Result<Value, String> {
    let permintaan: Permintaan = serde_json::from_value(json!({ "kind": kind, "input": input }))
        .map_err(|e| format!("kind `{kind}` with this input is not understood: {e}"))?;
    let hasil = hitung(&permintaan).map_err(|e| format!("{}: {}", e.kode, e.pesan.en))?;
    // The fast paths must agree with the explained ones.
    match (&permintaan, &hasil) {
        (Permintaan::KuadranPredikat { rating_hasil_kerja, rating_perilaku_kerja }, Hasil::KuadranPredikat(h))
            if kuadran_predikat(*rating_hasil_kerja, *rating_perilaku_kerja) != h.predikat =>
        {
            return Err("compute_predikat and kuadran_predikat disagree".into());
        }
        (Permintaan::PolaDistribusi { predikat_organisasi, jumlah, .. }, Hasil::PolaDistribusi(h))
            if fits_pola_distribusi(*predikat_organisasi, &jumlah.to_array()) != h.sesuai_pola =>
        {
            return Err("check_distribusi and fits_pola_distribusi disagree".into());
        }
        _ => {}
    }
    serde_json::to_value(&hasil).map_err(|e| e.to_string())
}
