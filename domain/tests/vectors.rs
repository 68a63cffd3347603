//! The golden vectors (`shared/vectors/*.json`, format in its README.md) run
//! through the public domain API. Every case of every file; a missing folder,
//! an unreadable file or an unknown `kind` is a failure, never a skip. Set
//! `EKINERJA_VECTORS` to a folder of more files in the same format to run
//! those too.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use domain::distribusi::{JumlahPredikat, ModeDistribusi, check_distribusi, fits_pola_distribusi};
use domain::nip::{JenisPegawai, Nip};
use domain::rule_set::permenpanrb_6_2022::{Predikat, PredikatOrganisasi, RatingEkspektasi, compute_predikat};
use domain::rule_set::permenpanrb_8_2021::{
    Polaritas, compute_capaian_iki, compute_nilai_capaian_iki, compute_nilai_kinerja,
};
use domain::rule_set::pp_46_2011::{
    AspekKegiatan, PerilakuKerja, compute_capaian_skp, compute_kegiatan, compute_prestasi_kerja,
};
use domain::{angka_kredit::compute_angka_kredit, kuadran_predikat};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/vectors");

#[test]
fn every_golden_vector_passes_through_the_public_api() {
    let mut files = json_files(Path::new(SHARED)).unwrap_or_else(|e| {
        panic!(
            "the shared vectors folder {SHARED} cannot be read ({e}); the repository must be checked out beside \
             shared/ (shared/vectors holds the golden cases)"
        )
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

fn field<T: DeserializeOwned>(input: &Value, key: &str) -> Result<T, String> {
    let v = input.get(key).ok_or_else(|| format!("input has no `{key}`"))?;
    serde_json::from_value(v.clone()).map_err(|e| format!("input `{key}` = {v}: {e}"))
}

fn to_json<T: serde::Serialize>(x: &T) -> Result<Value, String> {
    serde_json::to_value(x).map_err(|e| e.to_string())
}

/// One case through the public API; the result as the vectors name it.
fn run_case(kind: &str, input: &Value) -> Result<Value, String> {
    let mut out = Map::new();
    match kind {
        "kuadran_predikat" => {
            let hasil: RatingEkspektasi = field(input, "rating_hasil_kerja")?;
            let perilaku: RatingEkspektasi = field(input, "rating_perilaku_kerja")?;
            let dijelaskan = compute_predikat(hasil, perilaku);
            if dijelaskan.predikat != kuadran_predikat(hasil, perilaku) {
                return Err("compute_predikat and kuadran_predikat disagree".into());
            }
            out.insert("predikat".into(), to_json(&dijelaskan.predikat)?);
        }
        "pola_distribusi" => {
            let org: PredikatOrganisasi = field(input, "predikat_organisasi")?;
            let jumlah: JumlahPredikat = field(input, "jumlah")?;
            let hasil = check_distribusi(org, &jumlah, ModeDistribusi::default());
            if hasil.sesuai_pola != fits_pola_distribusi(org, &jumlah.to_array()) {
                return Err("check_distribusi and fits_pola_distribusi disagree".into());
            }
            out.insert("sesuai_pola".into(), Value::Bool(hasil.sesuai_pola));
            out.insert("pelanggaran".into(), to_json(&hasil.pelanggaran)?);
        }
        "angka_kredit" => {
            let predikat: Predikat = field(input, "predikat")?;
            let bulan: u8 = field(input, "bulan")?;
            let koefisien: f64 = field(input, "koefisien_tahunan")?;
            let ak = compute_angka_kredit(predikat, bulan, koefisien).map_err(|e| e.to_string())?;
            out.insert("angka_kredit".into(), json!(ak.angka_kredit));
        }
        "capaian_iki" => {
            let c = compute_capaian_iki(
                field(input, "target_min")?,
                field(input, "target_max")?,
                field(input, "realisasi")?,
                field::<Polaritas>(input, "polaritas")?,
            )
            .map_err(|e| e.to_string())?;
            out.insert("capaian_persen".into(), json!(c.capaian_persen));
        }
        "nilai_capaian_iki" => {
            let n = compute_nilai_capaian_iki(field(input, "capaian_persen")?, field(input, "target_maksimal")?)
                .map_err(|e| e.to_string())?;
            out.insert("nilai".into(), json!(n.nilai));
            out.insert("kategori".into(), to_json(&n.kategori)?);
        }
        "nilai_kinerja_pp30" => {
            let n = compute_nilai_kinerja(
                field(input, "nilai_skp")?,
                field(input, "nilai_perilaku")?,
                field(input, "perilaku_dari_rekan_dan_bawahan")?,
                field(input, "inovasi")?,
            )
            .map_err(|e| e.to_string())?;
            out.insert("nilai_kinerja".into(), json!(n.nilai_kinerja));
            out.insert("predikat".into(), to_json(&n.predikat)?);
        }
        "kegiatan_pp46" => {
            let target: AspekKegiatan = field(input, "target")?;
            let realisasi: AspekKegiatan = field(input, "realisasi")?;
            let n = compute_kegiatan(&target, &realisasi).map_err(|e| e.to_string())?;
            out.insert("kuantitas".into(), json!(n.kuantitas));
            out.insert("kualitas".into(), json!(n.kualitas));
            out.insert("waktu".into(), json!(n.waktu));
            out.insert("biaya".into(), json!(n.biaya));
            out.insert("nilai_capaian".into(), json!(n.nilai_capaian));
        }
        "capaian_skp_pp46" => {
            let kegiatan: Vec<f64> = field(input, "nilai_kegiatan")?;
            let c = compute_capaian_skp(
                &kegiatan,
                field(input, "jumlah_tugas_tambahan")?,
                field(input, "nilai_kreativitas")?,
            )
            .map_err(|e| e.to_string())?;
            out.insert("nilai_capaian_skp".into(), json!(c.nilai_capaian_skp));
        }
        "prestasi_kerja_pp46" => {
            let perilaku: PerilakuKerja = field(input, "perilaku")?;
            let p = compute_prestasi_kerja(field(input, "nilai_capaian_skp")?, &perilaku).map_err(|e| e.to_string())?;
            out.insert("nilai_perilaku".into(), json!(p.nilai_perilaku));
            out.insert("nilai_prestasi_kerja".into(), json!(p.nilai_prestasi_kerja));
            out.insert("sebutan".into(), to_json(&p.sebutan)?);
        }
        "nip" => {
            let teks: String = field(input, "nip")?;
            let jenis: JenisPegawai = field(input, "jenis_pegawai")?;
            match Nip::parse(&teks, jenis) {
                Ok(nip) => {
                    out.insert("valid".into(), Value::Bool(true));
                    out.insert("tanggal_lahir".into(), to_json(&nip.tanggal_lahir())?);
                    out.insert("jenis_kelamin".into(), to_json(&nip.jenis_kelamin())?);
                }
                Err(e) => {
                    out.insert("valid".into(), Value::Bool(false));
                    out.insert("error".into(), Value::String(e.kode().into()));
                }
            }
        }
        other => {
            return Err(format!("unknown kind `{other}`: add it to tests/vectors.rs"));
        }
    }
    Ok(Value::Object(out))
}
