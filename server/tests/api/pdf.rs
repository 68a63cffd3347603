//! The documents as PDF and the signing trail (issue 24 point 4), on both
//! databases: a document signed through the flow has its PDF recorded (the
//! bytes served are the bytes hashed), anyone can check it by hash or by
//! upload (a changed byte or a draft is not found), only its parties read
//! it, the public page answers with a form, and the text of a D.1.1 reads
//! the names, NIPs, predikat and an Indonesian date (`pdftotext`).

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::{
    Backend, DEMO_ADMIN, DEMO_KABID1, DEMO_KABID2, DEMO_KEPALA, DEMO_STAF2, DEMO_STAF3, Session, TestApp, backends,
    spawn_app_with,
};
use crate::penilaian::{akhir_hari_ini, tahun_lalu, unit_tahun};

async fn json_of(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn sha(b: &[u8]) -> String {
    hex::encode(Sha256::digest(b))
}

/// A unit rated and finalised: staf2's annual document, made (version 1).
async fn dokumen_dibuat(app: &TestApp) -> (String, String) {
    // Last year's period (rated only once ended), its end moved to today:
    // the penilai's deadlines to sign lie ahead.
    let tahun = tahun_lalu();
    let u = unit_tahun(app, tahun).await;
    let (kabid1, kepala) = (app.login(DEMO_KABID1).await, app.login(DEMO_KEPALA).await);
    for (skp, v) in [(&u.skp2, 3), (&u.skp3, 3)] {
        let (status, s) = json_of(
            kabid1
                .put(&format!("/api/v1/skp/{skp}/penilaian"))
                .json(&json!({ "version": v, "perilaku_per_nilai": { "akuntabel": "sesuai_ekspektasi" }, "penilaian": {
                    "evaluasi": { "jenis": "tahunan" }, "rating_hasil_kerja": "sesuai_ekspektasi", "alasan": "",
                    "rating_perilaku": "sesuai_ekspektasi", "catatan": "Pertahankan kinerja.",
                    "rekomendasi": "Pelatihan lanjutan." } }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "rating: {s}");
    }
    let (status, v) = json_of(
        kepala
            .put(&format!("/api/v1/unit/{}/predikat-organisasi", unit_of(&kabid1, &u.periode).await))
            .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan", "predikat": "baik", "version": 0 }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{v}");
    let (status, f) = json_of(
        kabid1
            .post("/api/v1/penilai/distribusi/finalisasi")
            .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan", "alasan": "Unit kecil." }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{f}");
    akhir_hari_ini(app, tahun).await;
    let (_, docs) =
        json_of(kabid1.get(&format!("/api/v1/skp/{}/dokumen-evaluasi", u.skp2)).send().await.unwrap()).await;
    (docs[0]["id"].as_str().unwrap().to_owned(), u.skp2)
}

async fn unit_of(kabid1: &Session, periode: &str) -> String {
    let (_, d) = json_of(
        kabid1.get(&format!("/api/v1/penilai/distribusi?periode_id={periode}&evaluasi=tahunan")).send().await.unwrap(),
    )
    .await;
    d["unit_id"].as_str().unwrap().to_owned()
}

async fn langkah(s: &Session, dok: &str, aksi: &str, version: i64) -> Value {
    let (status, d) = json_of(
        s.post(&format!("/api/v1/dokumen-evaluasi/{dok}/{aksi}"))
            .json(&json!({ "version": version }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{aksi}: {d}");
    d
}

/// The PDF as a party downloads it, with its headers checked.
pub async fn unduh(s: &Session, path: &str) -> Vec<u8> {
    let res = s.get(path).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "application/pdf");
    assert_eq!(h["cache-control"], "no-store");
    let cd = h["content-disposition"].to_str().unwrap().to_owned();
    assert!(cd.starts_with("attachment; filename=\"") && cd.ends_with(".pdf\""), "{cd}");
    assert!(![DEMO_STAF2, DEMO_KABID1].iter().any(|nip| cd.contains(nip)), "no personal data in the name: {cd}");
    let b = res.bytes().await.unwrap().to_vec();
    assert!(b.starts_with(b"%PDF-"));
    b
}

fn multipart(nama: &str, isi: &[u8]) -> (String, Vec<u8>) {
    let batas = "----ekinerja-uji-batas";
    let mut body = format!(
        "--{batas}\r\nContent-Disposition: form-data; name=\"{nama}\"; filename=\"dok.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(isi);
    body.extend_from_slice(format!("\r\n--{batas}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={batas}"), body)
}

async fn cek_hash(app: &TestApp, hash: &str) -> (u16, Value) {
    json_of(app.client.post(app.url("/api/v1/cek-dokumen")).json(&json!({ "sha256": hash })).send().await.unwrap())
        .await
}

async fn cek_berkas(app: &TestApp, isi: &[u8]) -> (u16, Value) {
    let (jenis, body) = multipart("berkas", isi);
    json_of(
        app.client.post(app.url("/api/v1/cek-dokumen")).header("content-type", jenis).body(body).send().await.unwrap(),
    )
    .await
}

async fn identitas(app: &TestApp, nip: &str) -> String {
    let db = app.connect().await;
    let (nama,): (String,) =
        sqlx::query_as("SELECT nama FROM pegawai WHERE nip = $1").bind(nip).fetch_one(db.pool()).await.unwrap();
    nama
}

/// The text of a PDF by `pdftotext` (poppler-utils, which `make test`
/// installs): failing loudly when it is missing, never skipping.
pub fn teks_pdf(b: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("dok.pdf");
    std::fs::write(&f, b).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&f).arg("-").output().unwrap_or_else(|e| {
        panic!("pdftotext is missing ({e}): install poppler-utils (scripts/tools.sh does it for `make test`)")
    });
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    // Lines wrap where the layout wraps them: compare words, not lines.
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn a_signed_document_is_recorded_served_and_checked_by_anyone() {
    for backend in backends() {
        signed_on(backend).await;
    }
}

async fn signed_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let (dok, skp2) = dokumen_dibuat(&app).await;
    let (staf2, staf3, kabid1, kabid2, admin) = (
        app.login(DEMO_STAF2).await,
        app.login(DEMO_STAF3).await,
        app.login(DEMO_KABID1).await,
        app.login(DEMO_KABID2).await,
        app.login(DEMO_ADMIN).await,
    );
    let b = |what: &str| format!("{backend:?}: {what}");
    let path = format!("/api/v1/dokumen-evaluasi/{dok}/pdf");

    // Before any signature: a draft, marked, never recorded, not verifiable.
    let draf = unduh(&staf2, &path).await;
    assert!(teks_pdf(&draf).contains("DRAF"), "{}", b("the draft is marked"));
    assert_eq!(cek_hash(&app, &sha(&draf)).await.0, 404, "{}", b("a draft is not verifiable"));

    // The penilai signs: the PDF signed is recorded, its hash on the document.
    let d1 = langkah(&kabid1, &dok, "sign_by_penilai", 1).await;
    let pdf1 = unduh(&staf2, &path).await;
    let h1 = sha(&pdf1);
    assert_eq!(d1["sha256_pdf"].as_str(), Some(h1.as_str()), "{}: {d1}", b("the step answers the hash"));
    let (_, view) = json_of(staf2.get(&format!("/api/v1/dokumen-evaluasi/{dok}")).send().await.unwrap()).await;
    assert_eq!(view["sha256_pdf"].as_str(), Some(h1.as_str()), "{view}");
    assert_eq!(unduh(&kabid1, &path).await, pdf1, "{}", b("the same stored bytes for every party"));
    assert_eq!(unduh(&admin, &path).await, pdf1);

    // Its text: the names, NIPs, predikat and the day in Indonesian.
    let teks = teks_pdf(&pdf1);
    let (nama2, nama_k) = (identitas(&app, DEMO_STAF2).await, identitas(&app, DEMO_KABID1).await);
    let hari = domain::periode::tanggal_panjang(server::clock::hari_ini()).id;
    for perlu in [nama2.as_str(), nama_k.as_str(), DEMO_STAF2, DEMO_KABID1, "Baik", hari.as_str(), "D.1.1"] {
        assert!(teks.contains(perlu), "{}: {perlu:?} missing from\n{teks}", b("PDF text"));
    }
    assert!(
        teks.contains(&format!("Ditandatangani secara elektronik oleh {nama_k} ({DEMO_KABID1}) pada {hari}")),
        "{teks}"
    );
    assert!(!teks.contains("DRAF"), "{}", b("a signed PDF is no draft"));

    // Anyone checks it, by hash and by upload, without signing in.
    let (status, c) = cek_hash(&app, &h1.to_uppercase()).await;
    assert_eq!(status, 200, "{}: {c}", b("check by hash"));
    assert_eq!((c["dokumen_id"].as_str(), c["format"].as_str()), (Some(dok.as_str()), Some("D.1.1")), "{c}");
    assert_eq!((c["pegawai_nip"].as_str(), c["pegawai_nama"].as_str()), (Some(DEMO_STAF2), Some(nama2.as_str())));
    assert_eq!(c["evaluasi"], "tahunan");
    let ttd = c["tanda_tangan"].as_array().unwrap();
    assert_eq!(ttd.len(), 1, "{c}");
    assert_eq!((ttd[0]["nip"].as_str(), ttd[0]["peran"].as_str()), (Some(DEMO_KABID1), Some("pejabat_penilai")));
    assert_eq!(ttd[0]["tanggal_label"].as_str(), Some(hari.as_str()));
    let (status, c2) = cek_berkas(&app, &pdf1).await;
    assert_eq!((status, c2["sha256"].as_str()), (200, Some(h1.as_str())), "{}: {c2}", b("check by upload"));
    // One byte changed: not found, and nothing else said.
    let mut ubah = pdf1.clone();
    let n = ubah.len() / 2;
    ubah[n] ^= 1;
    let (status, e) = cek_berkas(&app, &ubah).await;
    assert_eq!((status, e["code"].as_str()), (404, Some("not_found")), "{}: {e}", b("a changed byte"));
    assert!(e.get("dokumen_id").is_none() && e.get("tanda_tangan").is_none(), "{e}");
    assert_eq!(cek_hash(&app, &"0".repeat(64)).await.0, 404);

    // Bad input: clear and bilingual, never 5xx.
    let (status, e) = cek_hash(&app, "xyz").await;
    assert_eq!(status, 422, "{e}");
    assert!(e["fields"]["sha256"][0]["en"].is_string() && e["fields"]["sha256"][0]["id"].is_string(), "{e}");
    let (status, e) = cek_berkas(&app, b"GIF89a bukan pdf").await;
    assert_eq!((status, e["code"].as_str()), (415, Some("not_a_pdf")), "{e}");
    let mut besar = b"%PDF-".to_vec();
    besar.resize(21 * 1024 * 1024, b'x');
    let (status, e) = cek_berkas(&app, &besar).await;
    assert_eq!(status, 413, "{}: {e}", b("a huge body"));
    let res = app.client.post(app.url("/api/v1/cek-dokumen")).body("sha256=1").send().await.unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());

    // The pegawai signs after receipt: a new PDF with both signatures; the
    // first still checks, and says a newer one exists.
    langkah(&kabid1, &dok, "deliver", 2).await;
    let d4 = langkah(&staf2, &dok, "sign_by_pegawai", 3).await;
    let pdf2 = unduh(&kabid1, &path).await;
    let h2 = sha(&pdf2);
    assert_ne!(h1, h2);
    assert_eq!(d4["sha256_pdf"].as_str(), Some(h2.as_str()), "{d4}");
    let teks = teks_pdf(&pdf2);
    assert!(
        teks.contains(&format!("Ditandatangani secara elektronik oleh {nama2} ({DEMO_STAF2}) pada {hari}")),
        "{teks}"
    );
    let (_, c) = cek_hash(&app, &h2).await;
    let peran: Vec<&str> = c["tanda_tangan"].as_array().unwrap().iter().map(|t| t["peran"].as_str().unwrap()).collect();
    assert_eq!(peran, ["pejabat_penilai", "pegawai"], "{c}");
    assert_eq!(c["ada_yang_lebih_baru"], false);
    let (_, c) = cek_hash(&app, &h1).await;
    assert_eq!((c["ada_yang_lebih_baru"].as_bool(), c["tanda_tangan"].as_array().map(Vec::len)), (Some(true), Some(1)));
    // Exactly one recorded PDF per signing act.
    let db = app.connect().await;
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM dokumen_pdf WHERE dokumen_id = $1")
        .bind(&dok)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(n, 2, "{}", b("two signatures, two PDFs"));

    // Only the parties read it: a colleague, another penilai: 404.
    for (who, s) in [("colleague", &staf3), ("other penilai", &kabid2)] {
        assert_eq!(s.get(&path).send().await.unwrap().status(), 404, "{}", b(who));
        let res = s.get(&format!("/api/v1/skp/{skp2}/pdf")).send().await.unwrap();
        assert_eq!(res.status(), 404, "{}", b(who));
    }
    assert_eq!(app.client.get(app.url(&path)).send().await.unwrap().status(), 401);

    // The SKP as A.1.x.
    let skp = unduh(&staf2, &format!("/api/v1/skp/{skp2}/pdf")).await;
    let teks = teks_pdf(&skp);
    for perlu in ["SASARAN KINERJA PEGAWAI", nama2.as_str(), DEMO_STAF2, "Terlaksananya pelatihan teknis", "Lampiran"] {
        assert!(teks.contains(perlu), "{}: {perlu:?} missing from\n{teks}", b("SKP text"));
    }
}

#[tokio::test]
async fn another_instansi_never_reads_the_pdf() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let (dok, skp2) = dokumen_dibuat(&app).await;
        let db = app.connect().await;
        let (_, _, _, admin_lain) = crate::matrix::other_instansi(&db).await;
        let lain = app.login(&admin_lain).await;
        for path in [format!("/api/v1/dokumen-evaluasi/{dok}/pdf"), format!("/api/v1/skp/{skp2}/pdf")] {
            assert_eq!(lain.get(&path).send().await.unwrap().status(), 404, "{backend:?}: {path}");
        }
    }
}

#[tokio::test]
async fn the_check_page_answers_with_a_form_and_a_result() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let res = app.client.get(app.url("/cek-dokumen")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        assert!(res.headers()["content-security-policy"].to_str().unwrap().contains("script-src 'self'"));
        let html = res.text().await.unwrap();
        assert!(
            html.contains("<form")
                && html.contains("enctype=\"multipart/form-data\"")
                && html.contains("name=\"berkas\"")
        );
        assert!(!html.contains("<script") && !html.contains("style="), "no script, no inline style");
        assert!(html.contains("Cek Dokumen") && html.contains("Check"), "bilingual");

        let (jenis, body) = multipart("berkas", b"%PDF-1.7 tidak ada");
        let res =
            app.client.post(app.url("/cek-dokumen")).header("content-type", jenis).body(body).send().await.unwrap();
        assert_eq!(res.status(), 404, "{backend:?}");
        let html = res.text().await.unwrap();
        assert!(html.contains("Tidak ditemukan") && html.contains("Not found") && html.contains("<form"));
        let (jenis, body) = multipart("berkas", b"bukan pdf");
        let res =
            app.client.post(app.url("/cek-dokumen")).header("content-type", jenis).body(body).send().await.unwrap();
        assert_eq!(res.status(), 415);
        assert!(res.text().await.unwrap().contains("bukan PDF"));

        // A signed one, found on the page.
        let (dok, _) = dokumen_dibuat(&app).await;
        let kabid1 = app.login(DEMO_KABID1).await;
        langkah(&kabid1, &dok, "sign_by_penilai", 1).await;
        let pdf = unduh(&kabid1, &format!("/api/v1/dokumen-evaluasi/{dok}/pdf")).await;
        let (jenis, body) = multipart("berkas", &pdf);
        let res =
            app.client.post(app.url("/cek-dokumen")).header("content-type", jenis).body(body).send().await.unwrap();
        assert_eq!(res.status(), 200, "{backend:?}");
        let html = res.text().await.unwrap();
        assert!(html.contains("Dokumen sah") && html.contains(DEMO_STAF2) && html.contains(DEMO_KABID1), "{html}");
    }
}

/// Checking needs no sign-in and may upload 20 MiB: one network checks 60
/// documents a minute, the 61st (API or page) waits, told how long in both
/// languages; a signed-in session is not a way around it.
#[tokio::test]
async fn checking_documents_is_limited_per_network() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let tidak_ada = "ab".repeat(32);
        for i in 0..60 {
            let (status, _) = cek_hash(&app, &tidak_ada).await;
            assert_eq!(status, 404, "{backend:?}: check {i}");
        }
        let res = app.client.post(app.url("/api/v1/cek-dokumen")).json(&json!({ "sha256": tidak_ada })).send();
        let res = res.await.unwrap();
        assert_eq!(res.status(), 429, "{backend:?}");
        let tunggu: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&tunggu), "{tunggu}");
        let e: Value = res.json().await.unwrap();
        assert_eq!(e["code"], "too_many_requests");
        assert!(crate::helpers::is_teks(&e["message"]), "{e}");
        let (jenis, body) = multipart("berkas", b"%PDF-1.7 tidak ada");
        let res =
            app.client.post(app.url("/cek-dokumen")).header("content-type", jenis).body(body).send().await.unwrap();
        assert_eq!(res.status(), 429, "{backend:?}: the page shares the limit");
        assert!(res.text().await.unwrap().contains("<form"), "the page still offers its form");
        let kabid1 = app.login(DEMO_KABID1).await;
        let res = kabid1.post("/api/v1/cek-dokumen").json(&json!({ "sha256": tidak_ada })).send().await.unwrap();
        assert_eq!(res.status(), 429, "{backend:?}: signed in, the same network");
    }
}
