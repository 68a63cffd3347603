//! The evaluation (issue 24): a unit rated, calibrated against the
//! distribution pattern and finalised; the documents signed, delivered,
//! objected to, decided and reported until the SKP is final; a late
//! evaluation taken over; the calendar, the angka kredit and the queues —
//! on both databases, with the refusals and the attacks (rating one's own
//! SKP, the admin rating, a pegawai signing first, a late objection, a huge
//! body, a stale version, another instansi's unit).

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{
    Backend, DEMO_ADMIN, DEMO_KABID1, DEMO_KABID2, DEMO_KEPALA, DEMO_STAF2, DEMO_STAF3, Session, TestApp, backends,
    is_teks, spawn_app_with,
};
use crate::org::pegawai_id;
use crate::skp::create;

pub(crate) async fn json_of(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let body = res.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// A period for `tahun` in which kabid1 rates staf2 and staf3 (atasan: the
/// kepala), both SKPs set (version 3).
pub struct Unit {
    pub periode: String,
    pub skp2: String,
    pub skp3: String,
}

pub async fn unit_tahun(app: &TestApp, tahun: i32) -> Unit {
    unit_periode(app, tahun, json!({ "tahun": tahun })).await
}

/// [`unit_tahun`] with the period made from `periode` (a rule set of its own, say).
async fn unit_periode(app: &TestApp, tahun: i32, periode: Value) -> Unit {
    let admin = app.login(DEMO_ADMIN).await;
    let (status, p) = json_of(admin.post("/api/v1/org/periode").json(&periode).send().await.unwrap()).await;
    assert_eq!(status, 201, "{p}");
    let periode = p["id"].as_str().unwrap().to_owned();
    let kabid1 = app.login(DEMO_KABID1).await;
    let mut ids = Vec::new();
    for nip in [DEMO_STAF2, DEMO_STAF3] {
        let (status, body) = json_of(
            admin
                .put("/api/v1/org/atasan")
                .json(&json!({
                    "periode_id": periode,
                    "pegawai_id": pegawai_id(&admin, nip).await,
                    "penilai_id": pegawai_id(&admin, DEMO_KABID1).await,
                    "atasan_penilai_id": pegawai_id(&admin, DEMO_KEPALA).await,
                    "berlaku_mulai": format!("{tahun}-01-01"),
                }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let s = app.login(nip).await;
        let (status, skp) = json_of(create(&s, &periode, "Terlaksananya pelatihan teknis").await).await;
        assert_eq!(status, 201, "{skp}");
        let id = skp["id"].as_str().unwrap().to_owned();
        for (who, aksi, v) in [(&s, "submit", 1), (&kabid1, "approve", 2)] {
            let res = who.post(&format!("/api/v1/skp/{id}/{aksi}")).json(&json!({ "version": v })).send();
            assert_eq!(res.await.unwrap().status(), 200, "{aksi}");
        }
        ids.push(id);
    }
    Unit { periode, skp2: ids[0].clone(), skp3: ids[1].clone() }
}

/// Last year's period: its evaluations have ended, so they may be rated
/// (rating before the evaluated period ends is refused). The server has no
/// test clock: a test that needs the penilai's deadlines still ahead moves
/// the stored dates instead ([`akhir_hari_ini`]).
pub fn tahun_lalu() -> i32 {
    server::clock::hari_ini().tahun() - 1
}

/// Moves every stored document's evaluated period to end today, as if the
/// year had just closed: the penilai's 14 working days to sign lie ahead.
pub async fn akhir_hari_ini(app: &TestApp, tahun: i32) {
    let db = app.connect().await;
    sqlx::query("UPDATE dokumen_evaluasi SET dokumen = REPLACE(dokumen, $1, $2)")
        .bind(format!("\"akhir_periode\":\"{tahun}-12-31\""))
        .bind(format!("\"akhir_periode\":\"{}\"", server::clock::hari_ini()))
        .execute(db.pool())
        .await
        .unwrap();
}

pub(crate) fn penilaian(evaluasi: Value, hasil: &str, perilaku: &str, alasan: &str) -> Value {
    json!({
        "evaluasi": evaluasi,
        "rating_hasil_kerja": hasil,
        "alasan": alasan,
        "rating_perilaku": perilaku,
        "catatan": "Pertahankan kinerja.",
        "rekomendasi": "Pelatihan lanjutan."
    })
}

pub(crate) fn tahunan() -> Value {
    json!({ "jenis": "tahunan" })
}

pub(crate) async fn nilai(s: &Session, id: &str, version: i64, p: Value) -> (u16, Value) {
    json_of(
        s.put(&format!("/api/v1/skp/{id}/penilaian"))
            .json(&json!({ "version": version, "penilaian": p, "perilaku_per_nilai": { "akuntabel": "sesuai_ekspektasi" } }))
            .send()
            .await
            .unwrap(),
    )
    .await
}

pub(crate) async fn langkah(s: &Session, dok: &str, aksi: &str, version: i64, extra: Value) -> (u16, Value) {
    let mut body = json!({ "version": version });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    json_of(s.post(&format!("/api/v1/dokumen-evaluasi/{dok}/{aksi}")).json(&body).send().await.unwrap()).await
}

pub(crate) async fn get(s: &Session, path: &str) -> (u16, Value) {
    json_of(s.get(path).send().await.unwrap()).await
}

async fn jenis_notifikasi(s: &Session) -> Vec<String> {
    let (_, n) = get(s, "/api/v1/notifikasi").await;
    n["item"].as_array().unwrap().iter().map(|x| x["peristiwa"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn a_unit_is_rated_calibrated_finalised_and_its_documents_run_to_a_final_skp() {
    for backend in backends() {
        a_unit_runs_on(backend).await;
    }
}

async fn a_unit_runs_on(backend: Backend) {
    let tahun = tahun_lalu();
    let app = spawn_app_with(backend, None, true).await;
    let u = unit_tahun(&app, tahun).await;
    let (staf2, staf3) = (app.login(DEMO_STAF2).await, app.login(DEMO_STAF3).await);
    let (kabid1, kepala, admin) =
        (app.login(DEMO_KABID1).await, app.login(DEMO_KEPALA).await, app.login(DEMO_ADMIN).await);
    let b = |what: &str| format!("{backend:?}: {what}");

    // staf2 documents the year: the realisation meets the target.
    let res = crate::realisasi::simpan(
        &staf2,
        &u.skp2,
        3,
        json!({
            "indikator_id": "i1", "evaluasi": { "jenis": "tahunan" }, "nilai": "90", "uraian": "Sesuai target",
            "bukti_dukung": ["https://drive.example/laporan.pdf"]
        }),
    )
    .await;
    assert_eq!(res.status(), 200, "{}", b("realisasi"));

    // The suggestion from the stored realisation, for the penilai and the pegawai.
    let path = format!("/api/v1/skp/{}/penilaian?evaluasi=tahunan", u.skp2);
    let (status, p) = get(&kabid1, &path).await;
    assert_eq!(status, 200, "{}: {p}", b("GET penilaian"));
    assert_eq!(p["version"], 4);
    assert_eq!(p["rating_rhk"]["r1"], "sesuai_ekspektasi", "{p}");
    assert_eq!(p["saran"]["saran"], "sesuai_ekspektasi", "{p}");
    assert!(p["penilaian"].is_null() && p["dokumen_id"].is_null(), "{p}");
    assert_eq!(get(&staf2, &path).await.0, 200);
    let (status, e) = get(&kabid1, &format!("/api/v1/skp/{}/penilaian?evaluasi=periodik-9", u.skp2)).await;
    assert_eq!((status, e["code"].as_str()), (422, Some("validation")), "{e}");

    // Above the suggestion without a reason: refused; following it: baik.
    let (status, e) =
        nilai(&kabid1, &u.skp2, 4, penilaian(tahunan(), "diatas_ekspektasi", "sesuai_ekspektasi", "")).await;
    assert_eq!(status, 422, "{}: {e}", b("override without reason"));
    assert!(e["fields"]["alasan"].is_array(), "{e}");
    let (status, s) =
        nilai(&kabid1, &u.skp2, 4, penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", "")).await;
    assert_eq!(status, 200, "{}: {s}", b("rating"));
    assert_eq!((s["version"].as_i64(), s["status"].as_str()), (Some(5), Some("dinilai_tahunan")), "{s}");
    assert_eq!(s["penilaian"]["predikat"], "baik");
    assert_eq!(s["penilaian"]["perilaku_per_nilai"]["akuntabel"], "sesuai_ekspektasi");
    // Calibrated: above, with the reason; the original stays.
    let alasan = "Kontribusi terbesar di unit.";
    let (status, s) =
        nilai(&kabid1, &u.skp2, 5, penilaian(tahunan(), "diatas_ekspektasi", "diatas_ekspektasi", alasan)).await;
    assert_eq!(status, 200, "{}: {s}", b("calibration"));
    assert_eq!(
        (s["penilaian"]["predikat"].as_str(), s["penilaian"]["predikat_awal"].as_str()),
        (Some("sangat_baik"), Some("baik"))
    );
    assert_eq!(s["penilaian"]["penilaian"]["rating_hasil_kerja"]["alasan_penilai"], alasan);
    // A stale version: 409 with the current SKP.
    let (status, e) =
        nilai(&kabid1, &u.skp2, 4, penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", "")).await;
    assert_eq!((status, e["code"].as_str()), (409, Some("stale_version")), "{e}");
    assert_eq!(e["current"]["version"], 6);
    // staf3: results below → kurang? No: sesuai results, behaviour below → kurang.
    let (status, s) =
        nilai(&kabid1, &u.skp3, 3, penilaian(tahunan(), "sesuai_ekspektasi", "dibawah_ekspektasi", "")).await;
    assert_eq!((status, s["penilaian"]["predikat"].as_str()), (200, Some("kurang")), "{s}");

    // The instansi blocks distributions outside the pattern.
    let set_mode = |mode: &str, v: i64| {
        admin
            .put(&format!("/api/v1/org/periode/{}/pengaturan-penilaian", u.periode))
            .json(&json!({ "mode_distribusi": mode, "version": v }))
            .send()
    };
    let (status, m) = json_of(set_mode("blokir", 0).await.unwrap()).await;
    assert_eq!((status, m["version"].as_i64()), (200, Some(1)), "{m}");
    assert_eq!(json_of(set_mode("peringatan", 0).await.unwrap()).await.0, 409, "stale settings");
    assert_eq!(
        json_of(
            kabid1
                .put(&format!("/api/v1/org/periode/{}/pengaturan-penilaian", u.periode))
                .json(&json!({ "mode_distribusi": "peringatan", "version": 1 }))
                .send()
                .await
                .unwrap()
        )
        .await
        .0,
        403
    );
    let (_, m) = get(&staf2, &format!("/api/v1/pengaturan-penilaian?periode_id={}", u.periode)).await;
    assert_eq!(m["mode_distribusi"], "blokir");

    // The unit screen before the organisation's predikat.
    let dist_path = format!("/api/v1/penilai/distribusi?periode_id={}&evaluasi=tahunan", u.periode);
    let (status, d) = get(&kabid1, &dist_path).await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(
        d["jumlah"],
        json!({ "sangat_baik": 1, "baik": 0, "butuh_perbaikan": 0, "kurang": 1, "sangat_kurang": 0 })
    );
    assert!(d["hasil"].is_null() && d["predikat_organisasi"].is_null(), "{d}");
    assert_eq!(d["pegawai"].as_array().unwrap().len(), 2);
    let unit = d["unit_id"].as_str().unwrap().to_owned();
    let fin = |alasan: &str| {
        kabid1
            .post("/api/v1/penilai/distribusi/finalisasi")
            .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan", "alasan": alasan }))
            .send()
    };
    let (status, e) = json_of(fin("").await.unwrap()).await;
    assert_eq!((status, e["code"].as_str()), (409, Some("predikat_organisasi_belum")), "{e}");

    // The leader one level above sets the organisation's predikat; a member
    // may not, nor the unit's own penilai, whose distribution it judges
    // (with "istimewa" they would pass a blocking pattern).
    let po_path = format!("/api/v1/unit/{unit}/predikat-organisasi");
    let po = |s: &Session, predikat: &str, v: i64| {
        s.put(&po_path)
            .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan", "predikat": predikat, "version": v }))
            .send()
    };
    assert_eq!(json_of(po(&staf2, "istimewa", 0).await.unwrap()).await.0, 403, "{}", b("a member sets the predikat"));
    let (status, e) = json_of(po(&kabid1, "istimewa", 0).await.unwrap()).await;
    assert_eq!(status, 403, "{}: {e}", b("the unit's own penilai sets its predikat"));
    let (status, v) = json_of(po(&kepala, "butuh_perbaikan", 0).await.unwrap()).await;
    assert_eq!((status, v["version"].as_i64()), (200, Some(1)), "{v}");
    let (_, list) = get(&staf3, &format!("{po_path}?periode_id={}", u.periode)).await;
    assert_eq!(list[0]["predikat"], "butuh_perbaikan", "{list}");

    // Outside the pattern: every violation named; blocked, then a reason in warning mode.
    let (_, d) = get(&kabid1, &dist_path).await;
    assert_eq!(d["hasil"]["sesuai_pola"], false, "{d}");
    let kode: Vec<&str> =
        d["hasil"]["pelanggaran"].as_array().unwrap().iter().map(|p| p["kode"].as_str().unwrap()).collect();
    assert_eq!(kode, ["minimal_butuh_perbaikan", "maksimal_sangat_baik"], "{d}");
    assert!(d["batas"].as_array().unwrap().iter().any(|x| x["dilanggar"] == true));
    let (status, e) = json_of(fin("Alasan apa pun").await.unwrap()).await;
    assert_eq!((status, e["code"].as_str()), (409, Some("distribusi_diblokir")), "{e}");
    assert!(is_teks(&e["message"]));
    assert_eq!(json_of(set_mode("peringatan", 1).await.unwrap()).await.0, 200);
    let (status, e) = json_of(fin("  ").await.unwrap()).await;
    assert_eq!(status, 422, "{e}");
    assert!(e["fields"]["alasan"].is_array(), "{e}");
    let (status, f) = json_of(fin("Unit kecil; hasil kerja luar biasa tahun ini.").await.unwrap()).await;
    assert_eq!(status, 201, "{}: {f}", b("finalisation"));
    assert_eq!((f["sesuai_pola"].as_bool(), f["dokumen_ids"].as_array().map(Vec::len)), (Some(false), Some(2)), "{f}");
    assert_eq!(json_of(fin("lagi").await.unwrap()).await.1["code"], "sudah_difinalisasi");
    // As if the year had just closed: the penilai's deadlines lie ahead.
    akhir_hari_ini(&app, tahun).await;
    // Final: no more ratings or predikat for this evaluation.
    let (status, e) =
        nilai(&kabid1, &u.skp2, 6, penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", "")).await;
    assert_eq!((status, e["code"].as_str()), (409, Some("sudah_difinalisasi")), "{e}");
    assert_eq!(json_of(po(&admin, "baik", 1).await.unwrap()).await.1["code"], "sudah_difinalisasi");
    let (_, d) = get(&kabid1, &dist_path).await;
    assert_eq!(d["finalisasi"]["alasan"], "Unit kecil; hasil kerja luar biasa tahun ini.", "{d}");

    // staf2's document: nobody signs before the penilai; the atasan cannot take over yet.
    let (status, docs) = get(&staf2, &format!("/api/v1/skp/{}/dokumen-evaluasi", u.skp2)).await;
    assert_eq!(status, 200, "{docs}");
    let doc = docs[0].clone();
    let dok = doc["id"].as_str().unwrap().to_owned();
    assert_eq!((doc["status"].as_str(), doc["format"].as_str()), (Some("dibuat"), Some("D.1.1")), "{doc}");
    assert!(doc["sha256_pdf"].is_null());
    assert!(
        doc["tenggat"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["jenis"] == "penandatanganan_penilai" && t["terlambat"] == false)
    );
    let (status, e) = langkah(&staf2, &dok, "sign_by_pegawai", 1, json!({})).await;
    assert_eq!((status, e["code"].as_str()), (409, Some("invalid_transition")), "{}: {e}", b("pegawai signs first"));
    let (status, e) = json_of(
        kepala
            .post(&format!("/api/v1/skp/{}/take-over", u.skp2))
            .json(&json!({ "version": 6, "penilaian": penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", "Alasan") }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, e["code"].as_str()), (409, Some("not_yet_overdue")), "{e}");
    assert_eq!(langkah(&admin, &dok, "sign_by_penilai", 1, json!({})).await.0, 403, "the admin never signs");

    // The penilai signs and delivers; the pegawai is told, and objects.
    let (status, d1) = langkah(&kabid1, &dok, "sign_by_penilai", 1, json!({})).await;
    assert_eq!((status, d1["status"].as_str()), (200, Some("ditandatangani_penilai")), "{d1}");
    let (status, e) = langkah(&kabid1, &dok, "deliver", 1, json!({})).await;
    assert_eq!((status, e["code"].as_str()), (409, Some("stale_version")), "{e}");
    let (status, d2) = langkah(&kabid1, &dok, "deliver", 2, json!({})).await;
    assert_eq!((status, d2["status"].as_str()), (200, Some("diterima_pegawai")), "{d2}");
    assert!(jenis_notifikasi(&staf2).await.contains(&"dokumen_evaluasi_diterima".to_owned()));
    let (status, e) = langkah(&staf2, &dok, "file_keberatan", 3, json!({ "alasan": " " })).await;
    assert_eq!(status, 422, "{e}");
    let (status, d3) =
        langkah(&staf2, &dok, "file_keberatan", 3, json!({ "alasan": "Kontribusi saya tidak dihitung." })).await;
    assert_eq!((status, d3["status"].as_str()), (200, Some("keberatan")), "{d3}");
    assert!(jenis_notifikasi(&kepala).await.contains(&"keberatan_diajukan".to_owned()));

    // The penilai replies (it is in their queue); the atasan reads both sides.
    let (_, q) = get(&kabid1, &format!("/api/v1/antrian-evaluasi?periode_id={}", u.periode)).await;
    assert!(q["sebagai_penilai"].as_array().unwrap().iter().any(|t| t["tugas"] == "tanggapi_keberatan"), "{q}");
    let (_, q) = get(&kepala, &format!("/api/v1/antrian-evaluasi?periode_id={}", u.periode)).await;
    assert!(q["sebagai_atasan"].as_array().unwrap().iter().any(|t| t["tugas"] == "putuskan_keberatan"), "{q}");
    let tanggapan = json!({ "alasan": "Kontribusinya sudah dihitung pada RHK 1." });
    assert_eq!(langkah(&staf2, &dok, "reply_keberatan", 4, tanggapan.clone()).await.1["code"], "not_allowed");
    let (status, d) = langkah(&kabid1, &dok, "reply_keberatan", 4, tanggapan).await;
    assert_eq!((status, d["status"].as_str()), (200, Some("keberatan")), "{d}");
    let (_, d) = get(&kepala, &format!("/api/v1/dokumen-evaluasi/{dok}")).await;
    assert_eq!(d["dokumen"]["keberatan"]["alasan"], "Kontribusi saya tidak dihitung.", "{d}");
    assert_eq!(d["dokumen"]["keberatan"]["tanggapan_penilai"], "Kontribusinya sudah dihitung pada RHK 1.", "{d}");
    assert!(jenis_notifikasi(&kepala).await.contains(&"keberatan_ditanggapi".to_owned()));

    // The admin re-maps staf2's atasan meanwhile: the pending objection is
    // still the kepala's to decide (the document keeps its parties), not the newcomer's.
    let res = admin
        .put("/api/v1/org/atasan")
        .json(&json!({
            "periode_id": u.periode,
            "pegawai_id": pegawai_id(&admin, DEMO_STAF2).await,
            "penilai_id": pegawai_id(&admin, DEMO_KABID1).await,
            "atasan_penilai_id": pegawai_id(&admin, DEMO_KABID2).await,
            "berlaku_mulai": format!("{tahun}-01-01"),
        }))
        .send();
    let (status, m) = json_of(res.await.unwrap()).await;
    assert_eq!(status, 200, "{}: {m}", b("re-mapping"));
    let kabid2 = app.login(DEMO_KABID2).await;
    assert_eq!(get(&kabid2, &format!("/api/v1/dokumen-evaluasi/{dok}")).await.0, 404, "{}", b("the new atasan"));
    let (_, q) = get(&kabid2, &format!("/api/v1/antrian-evaluasi?periode_id={}", u.periode)).await;
    assert!(!q.to_string().contains(&dok), "{q}");

    // Only the atasan decides; changing it replaces the SKP's evaluation.
    let ubah = json!({ "keputusan": "mengubah", "alasan": "Setelah klarifikasi kedua pihak.",
                       "penilaian": penilaian(tahunan(), "sesuai_ekspektasi", "diatas_ekspektasi", "") });
    let (status, e) = langkah(&kabid1, &dok, "decide_keberatan", 5, ubah.clone()).await;
    assert_eq!((status, e["code"].as_str()), (409, Some("not_allowed")), "{e}");
    let (status, e) = langkah(&kabid2, &dok, "decide_keberatan", 5, ubah.clone()).await;
    assert_eq!(status, 404, "{}: {e}", b("the new atasan decides"));
    let (status, d4) = langkah(&kepala, &dok, "decide_keberatan", 5, ubah).await;
    assert_eq!((status, d4["status"].as_str(), d4["format"].as_str()), (200, Some("diputus"), Some("D.1.3")), "{d4}");
    assert_eq!(d4["dokumen"]["penilaian_awal"]["hasil"]["predikat"], "sangat_baik", "{d4}");
    let (_, p) = get(&staf2, &path).await;
    assert_eq!(
        (p["penilaian"]["predikat"].as_str(), p["penilaian"]["predikat_awal"].as_str()),
        (Some("baik"), Some("baik")),
        "{p}"
    );
    assert_eq!(p["penilaian"]["dinilai_oleh"], pegawai_id(&admin, DEMO_KEPALA).await);
    assert!(jenis_notifikasi(&staf2).await.contains(&"keberatan_diputus".to_owned()));

    // Reported: the SKP is final and read-only.
    let (status, d5) = langkah(&kepala, &dok, "report", 6, json!({})).await;
    assert_eq!((status, d5["status"].as_str()), (200, Some("dilaporkan")), "{d5}");
    let riwayat: Vec<&str> = d5["riwayat"].as_array().unwrap().iter().map(|r| r["aksi"].as_str().unwrap()).collect();
    assert_eq!(
        riwayat,
        ["create", "sign_by_penilai", "deliver", "file_keberatan", "reply_keberatan", "decide_keberatan", "report"]
    );
    assert!(d5["riwayat"].as_array().unwrap().iter().all(|r| r["oleh"].as_str().is_some_and(|o| !o.is_empty())));
    let (_, skp) = get(&staf2, &format!("/api/v1/skp/{}", u.skp2)).await;
    assert_eq!(skp["status"], "final", "{skp}");
    let (_, versi) = get(&staf2, &format!("/api/v1/skp/{}/versi", u.skp2)).await;
    let aksi: Vec<&str> = versi.as_array().unwrap().iter().map(|v| v["aksi"].as_str().unwrap()).collect();
    assert!(aksi.ends_with(&["record_evaluation", "record_evaluation", "replace_evaluation", "finalize"]), "{aksi:?}");
    let res = crate::realisasi::simpan(&staf2, &u.skp2, skp["version"].as_i64().unwrap(), json!({
        "indikator_id": "i1", "evaluasi": { "jenis": "tahunan" }, "nilai": "99", "uraian": "Diubah", "bukti_dukung": []
    }))
    .await;
    assert_eq!(res.status(), 409, "{}", b("a final SKP is read-only"));

    // Angka kredit for staf2 (Analis SDM Aparatur Ahli Pertama): baik for a year = 12.5.
    let (status, ak) = get(&staf2, &format!("/api/v1/skp/{}/angka-kredit", u.skp2)).await;
    assert_eq!(status, 200, "{ak}");
    assert_eq!(ak["jenjang"], "ahli_pertama", "{ak}");
    assert_eq!(ak["tahunan"]["angka_kredit"]["angka_kredit"].as_f64(), Some(12.5), "{ak}");

    // staf3's document: signed and delivered; an objection after its deadline is refused.
    let (_, docs) = get(&kabid1, &format!("/api/v1/skp/{}/dokumen-evaluasi", u.skp3)).await;
    let dok3 = docs[0]["id"].as_str().unwrap().to_owned();
    let (_, q) = get(&kabid1, &format!("/api/v1/antrian-evaluasi?periode_id={}", u.periode)).await;
    assert!(
        q["sebagai_penilai"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["tugas"] == "tandatangani" && t["dokumen_id"] == dok3.as_str()),
        "{q}"
    );
    assert_eq!(langkah(&kabid1, &dok3, "sign_by_penilai", 1, json!({})).await.0, 200);
    assert_eq!(langkah(&kabid1, &dok3, "deliver", 2, json!({})).await.0, 200);
    let (_, q) = get(&staf3, &format!("/api/v1/antrian-evaluasi?periode_id={}", u.periode)).await;
    let tugas: Vec<&str> =
        q["sebagai_pegawai"].as_array().unwrap().iter().map(|t| t["tugas"].as_str().unwrap()).collect();
    assert!(tugas.contains(&"tandatangani_pegawai") && tugas.contains(&"keberatan"), "{q}");
    let (status, d) = langkah(&staf3, &dok3, "sign_by_pegawai", 3, json!({})).await;
    assert_eq!((status, d["status"].as_str()), (200, Some("ditandatangani_pegawai")), "{d}");
    assert!(jenis_notifikasi(&kabid1).await.contains(&"dokumen_evaluasi_ditandatangani".to_owned()));
    // Signed, staf3 may still object for 14 working days: the penilai's queue
    // does not offer the report the domain would refuse.
    let laporkan = |q: &Value| {
        q["sebagai_penilai"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["tugas"] == "laporkan" && t["dokumen_id"] == dok3.as_str())
    };
    let (_, q) = get(&kabid1, &format!("/api/v1/antrian-evaluasi?periode_id={}", u.periode)).await;
    assert!(!laporkan(&q), "{}: {q}", b("report offered while the objection window is open"));
    let (status, e) = langkah(&kabid1, &dok3, "report", 4, json!({})).await;
    assert_eq!((status, e["code"].as_str()), (409, Some("objection_window_open")), "{e}");
    // Received long ago (the stored date moved back): the 14 working days are over.
    let db = app.connect().await;
    let hari_ini = server::clock::hari_ini().to_string();
    sqlx::query(
        "UPDATE dokumen_evaluasi SET dokumen = REPLACE(dokumen, $1, '\"diterima_pada\":\"2020-01-06\"') WHERE id = $2",
    )
    .bind(format!("\"diterima_pada\":\"{hari_ini}\""))
    .bind(&dok3)
    .execute(db.pool())
    .await
    .unwrap();
    let (status, e) = langkah(&staf3, &dok3, "file_keberatan", 4, json!({ "alasan": "Terlambat" })).await;
    assert_eq!((status, e["code"].as_str()), (409, Some("objection_too_late")), "{}: {e}", b("late objection"));
    let (_, q) = get(&kabid1, &format!("/api/v1/antrian-evaluasi?periode_id={}", u.periode)).await;
    assert!(laporkan(&q), "{}: {q}", b("the report is offered once the window closed"));
    let (status, d) = langkah(&kabid1, &dok3, "report", 4, json!({})).await;
    assert_eq!((status, d["status"].as_str()), (200, Some("dilaporkan")), "{d}");
}

#[tokio::test]
async fn a_late_evaluation_is_taken_over_by_the_atasan_and_is_final() {
    for backend in backends() {
        // Last year's period: the penilai's deadline for the year has passed.
        let tahun = server::clock::hari_ini().tahun() - 1;
        let app = spawn_app_with(backend, None, true).await;
        let u = unit_tahun(&app, tahun).await;
        let (staf2, kabid1, kepala) =
            (app.login(DEMO_STAF2).await, app.login(DEMO_KABID1).await, app.login(DEMO_KEPALA).await);
        // The penilai's queue lists both subordinates as overdue to rate; the atasan's, to take over.
        let (_, q) = get(&kabid1, &format!("/api/v1/antrian-evaluasi?periode_id={}", u.periode)).await;
        let nilai_tahunan: Vec<&Value> = q["sebagai_penilai"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["tugas"] == "nilai" && t["evaluasi"] == "tahunan")
            .collect();
        assert_eq!(nilai_tahunan.len(), 2, "{backend:?}: {q}");
        assert!(nilai_tahunan.iter().all(|t| t["terlambat"] == true));
        let (_, q) = get(&kepala, &format!("/api/v1/antrian-evaluasi?periode_id={}", u.periode)).await;
        assert!(
            q["sebagai_atasan"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["tugas"] == "ambil_alih" && t["skp_id"] == u.skp2.as_str()),
            "{q}"
        );

        // Last year's 360 has closed: its aggregate is the penilai's advice, never the pegawai's here.
        let path = format!("/api/v1/skp/{}/penilaian?evaluasi=tahunan", u.skp2);
        let (_, p) = get(&kabid1, &path).await;
        assert!(p["umpan_balik_360"]["saran"].is_object(), "{backend:?}: {p}");
        let (_, p) = get(&staf2, &path).await;
        assert!(p["umpan_balik_360"].is_null(), "{backend:?}: {p}");
        // The penilai is not the one to take over; the atasan is.
        let body =
            json!({ "version": 3, "penilaian": penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", "") });
        let take = |s: &Session| s.post(&format!("/api/v1/skp/{}/take-over", u.skp2)).json(&body).send();
        let (status, e) = json_of(take(&kabid1).await.unwrap()).await;
        assert_eq!((status, e["code"].as_str()), (409, Some("not_allowed")), "{backend:?}: {e}");
        let (status, d) = json_of(take(&kepala).await.unwrap()).await;
        assert_eq!(status, 200, "{backend:?}: {d}");
        assert_eq!((d["status"].as_str(), d["format"].as_str()), (Some("diambil_alih"), Some("D.1.2")), "{d}");
        assert_eq!(d["dokumen"]["diambil_alih"], true);
        let (_, skp) = get(&staf2, &format!("/api/v1/skp/{}", u.skp2)).await;
        assert_eq!(skp["status"], "dinilai_tahunan", "{skp}");
        for s in [&staf2, &kabid1] {
            assert!(jenis_notifikasi(s).await.contains(&"evaluasi_diambil_alih".to_owned()), "{backend:?}");
        }
        // Delivered by the atasan; a take-over is final: no objection.
        let dok = d["id"].as_str().unwrap().to_owned();
        assert_eq!(langkah(&kabid1, &dok, "deliver", 1, json!({})).await.1["code"], "not_allowed");
        assert_eq!(langkah(&kepala, &dok, "deliver", 1, json!({})).await.0, 200);
        let (status, e) = langkah(&staf2, &dok, "file_keberatan", 2, json!({ "alasan": "Tidak setuju" })).await;
        assert_eq!((status, e["code"].as_str()), (409, Some("objection_not_allowed")), "{backend:?}: {e}");

        // The penilai cannot sign a period whose deadline passed.
        let (_, s) =
            nilai(&kabid1, &u.skp3, 3, penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", "")).await;
        assert_eq!(s["penilaian"]["predikat"], "baik", "{s}");
        let admin = app.login(DEMO_ADMIN).await;
        let (_, d) =
            get(&kabid1, &format!("/api/v1/penilai/distribusi?periode_id={}&evaluasi=tahunan", u.periode)).await;
        let unit = d["unit_id"].as_str().unwrap();
        let res = admin
            .put(&format!("/api/v1/unit/{unit}/predikat-organisasi"))
            .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan", "predikat": "istimewa", "version": 0 }))
            .send();
        assert_eq!(res.await.unwrap().status(), 200, "{backend:?}: the admin sets the predikat");
        let (status, f) = json_of(
            kabid1
                .post("/api/v1/penilai/distribusi/finalisasi")
                .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan" }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        // staf2's took over: only staf3's document is made; the pattern fits (no reason needed).
        assert_eq!((status, f["sesuai_pola"].as_bool()), (201, Some(true)), "{backend:?}: {f}");
        let dok3 = f["dokumen_ids"][0].as_str().unwrap();
        assert_eq!(f["dokumen_ids"].as_array().unwrap().len(), 1, "{f}");
        let (status, e) = langkah(&kabid1, dok3, "sign_by_penilai", 1, json!({})).await;
        assert_eq!((status, e["code"].as_str()), (409, Some("deadline_passed")), "{backend:?}: {e}");
    }
}

#[tokio::test]
async fn the_calendar_is_extended_by_the_admin_and_counts_in_deadlines() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let (admin, staf2) = (app.login(DEMO_ADMIN).await, app.login(DEMO_STAF2).await);
        let (_, k) = get(&staf2, "/api/v1/kalender?tahun=2026").await;
        let n2026 = k.as_array().unwrap().len();
        assert!(n2026 >= 20, "{backend:?}: the national holidays are built in: {k}");
        assert!(k.as_array().unwrap().iter().all(|h| h["instansi"] == false));
        let libur = json!({ "hari_libur": [
            { "tanggal": "2027-01-01", "nama": "Tahun Baru 2027 Masehi", "jenis": "libur_nasional" },
            { "tanggal": "2027-03-10", "nama": "Hari Jadi Daerah" }
        ]});
        let res = staf2.post("/api/v1/org/hari-libur").json(&libur).send().await.unwrap();
        assert_eq!(res.status(), 403, "{backend:?}: only the admin");
        let (status, k) = json_of(admin.post("/api/v1/org/hari-libur").json(&libur).send().await.unwrap()).await;
        assert_eq!(status, 200, "{backend:?}: {k}");
        let (_, k) = get(&staf2, "/api/v1/kalender?tahun=2027").await;
        assert_eq!(k.as_array().unwrap().len(), 2, "{k}");
        assert_eq!((k[1]["jenis"].as_str(), k[1]["instansi"].as_bool()), (Some("libur_instansi"), Some(true)));
        let (status, e) = json_of(
            admin
                .post("/api/v1/org/hari-libur")
                .json(&json!({ "hari_libur": [{ "tanggal": "2027-02-30", "nama": "" }] }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 422, "{e}");
        assert!(e["fields"]["hari_libur[0].tanggal"].is_array() && e["fields"]["hari_libur[0].nama"].is_array(), "{e}");
        // A past date is refused (it would move deadlines already run), and so
        // is a year with more than 40 of the instansi's own.
        let (status, e) = json_of(
            admin
                .post("/api/v1/org/hari-libur")
                .json(&json!({ "hari_libur": [{ "tanggal": "2020-01-02", "nama": "Terlambat" }] }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 422, "{backend:?}: {e}");
        assert!(e["fields"]["hari_libur[0].tanggal"].is_array(), "{e}");
        let banyak: Vec<Value> = (1..=39)
            .map(|i| json!({ "tanggal": format!("2028-{:02}-{:02}", 1 + (i - 1) / 28, 1 + (i - 1) % 28), "nama": "Libur" }))
            .collect();
        let (status, e) =
            json_of(admin.post("/api/v1/org/hari-libur").json(&json!({ "hari_libur": banyak })).send().await.unwrap())
                .await;
        assert_eq!(status, 200, "{backend:?}: 39 in 2028: {e}");
        let dua = json!({ "hari_libur": [
            { "tanggal": "2028-06-01", "nama": "Satu" }, { "tanggal": "2028-06-02", "nama": "Dua" }
        ]});
        let (status, e) = json_of(admin.post("/api/v1/org/hari-libur").json(&dua).send().await.unwrap()).await;
        assert_eq!(status, 422, "{backend:?}: 41 in 2028: {e}");
        assert!(e["fields"]["hari_libur"].is_array(), "{e}");
        let terlalu: Vec<Value> =
            (0..61).map(|i| json!({ "tanggal": format!("2029-03-{:02}", 1 + i % 28), "nama": "x" })).collect();
        let res = admin.post("/api/v1/org/hari-libur").json(&json!({ "hari_libur": terlalu })).send();
        assert_eq!(res.await.unwrap().status(), 422, "{backend:?}: 61 at once");
        // Every addition is kept with who made it and when.
        let db = app.connect().await;
        let (n, oleh): (i64, String) = sqlx::query_as(
            "SELECT COUNT(*), MIN(oleh) FROM hari_libur_riwayat WHERE instansi_id = (SELECT instansi_id FROM pegawai \
             WHERE nip = $1)",
        )
        .bind(DEMO_ADMIN)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!((n, oleh), (41, pegawai_id(&admin, DEMO_ADMIN).await), "{backend:?}");
        // Another instansi does not see this one's holidays.
        let (_, _, _, o_adm) = crate::matrix::other_instansi(&db).await;
        let (_, k) = get(&app.login(&o_adm).await, "/api/v1/kalender?tahun=2027").await;
        assert_eq!(k, json!([]), "{backend:?}");
    }
}

/// The seven BerAKHLAK values rated, in `NilaiBerakhlak::ALL` order.
fn tujuh(rating: [&str; 7]) -> Value {
    let kode = ["berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"];
    Value::Object(kode.iter().zip(rating).map(|(k, r)| ((*k).to_owned(), json!(r))).collect())
}

#[tokio::test]
async fn the_atasan_takes_over_rating_each_berakhlak_value_and_the_pdf_shows_them() {
    for backend in backends() {
        let tahun = server::clock::hari_ini().tahun() - 1;
        let app = spawn_app_with(backend, None, true).await;
        let u = unit_tahun(&app, tahun).await;
        let (staf2, staf3, kabid1, kepala, admin) = (
            app.login(DEMO_STAF2).await,
            app.login(DEMO_STAF3).await,
            app.login(DEMO_KABID1).await,
            app.login(DEMO_KEPALA).await,
            app.login(DEMO_ADMIN).await,
        );
        let b = |what: &str| format!("{backend:?}: {what}");
        let (atas, sesuai) = ("diatas_ekspektasi", "sesuai_ekspektasi");
        let empat_atas = tujuh([atas, atas, atas, atas, sesuai, sesuai, sesuai]);
        let body = |per_nilai: Value, perilaku: Value| {
            json!({ "version": 3, "perilaku_per_nilai": per_nilai, "penilaian": {
                "evaluasi": tahunan(), "rating_hasil_kerja": atas, "alasan": "Melampaui target tahunan.",
                "rating_perilaku": perilaku, "catatan": "Diambil alih.", "rekomendasi": "" } })
        };
        let take = |s: &Session, skp: &str, body: Value| {
            let req = s.post(&format!("/api/v1/skp/{skp}/take-over")).json(&body);
            async move { json_of(req.send().await.unwrap()).await }
        };

        // Refusals, each by its field, in both languages; none changes anything.
        let mut enam = empat_atas.clone();
        enam.as_object_mut().unwrap().remove("kolaboratif");
        let mut luar = empat_atas.clone();
        luar["akuntabel"] = json!("luar_biasa");
        let mut asing = empat_atas.clone();
        asing["jahat"] = json!(atas);
        let tabel = [
            (body(enam, Value::Null), "perilaku_per_nilai.kolaboratif", "a value missing"),
            (body(luar, Value::Null), "perilaku_per_nilai.akuntabel", "a value out of range"),
            (body(asing, Value::Null), "perilaku_per_nilai.jahat", "not a BerAKHLAK value"),
            (body(empat_atas.clone(), json!(sesuai)), "rating_perilaku", "a whole the values do not give"),
        ];
        for (isi, kolom, why) in tabel {
            let (status, e) = take(&kepala, &u.skp2, isi).await;
            assert_eq!(status, 422, "{}: {e}", b(why));
            assert!(is_teks(&e["fields"][kolom][0]), "{}: {kolom} in {e}", b(why));
        }
        let (_, e) = take(&kepala, &u.skp2, body(empat_atas.clone(), json!(sesuai))).await;
        let pesan = &e["fields"]["rating_perilaku"][0];
        assert!(pesan["id"].as_str().unwrap().contains("Di Atas Ekspektasi"), "{e}");
        assert!(pesan["en"].as_str().unwrap().contains("Above expectations"), "{e}");
        // Not the atasan: the penilai is refused, a colleague learns nothing, the admin never acts.
        let (status, e) = take(&kabid1, &u.skp2, body(empat_atas.clone(), Value::Null)).await;
        assert_eq!((status, e["code"].as_str()), (409, Some("not_allowed")), "{}: {e}", b("the penilai"));
        assert_eq!(take(&staf3, &u.skp2, body(empat_atas.clone(), Value::Null)).await.0, 404, "{}", b("colleague"));
        assert_eq!(take(&admin, &u.skp2, body(empat_atas.clone(), Value::Null)).await.0, 403, "{}", b("admin"));
        let (_, docs) = get(&staf2, &format!("/api/v1/skp/{}/dokumen-evaluasi", u.skp2)).await;
        assert_eq!(docs, json!([]), "{}", b("nothing was made by a refusal"));
        let (_, skp) = get(&staf2, &format!("/api/v1/skp/{}", u.skp2)).await;
        assert_eq!(skp["version"], 3, "{}", b("the SKP is untouched"));

        // The take-over: four values Di Atas, none below, so the whole is Di
        // Atas (left out, the server takes the values'); the predikat Sangat Baik.
        let (status, d) = take(&kepala, &u.skp2, body(empat_atas.clone(), Value::Null)).await;
        assert_eq!(status, 200, "{}: {d}", b("take-over"));
        assert_eq!(d["format"], "D.1.2", "{d}");
        assert_eq!(d["perilaku_per_nilai"], empat_atas, "{}: the answer carries the values", b("view"));
        assert_eq!(d["dokumen"]["penilaian"]["rating_perilaku"], atas, "{d}");
        assert_eq!(d["dokumen"]["penilaian"]["hasil"]["predikat"], "sangat_baik", "{d}");
        let dok = d["id"].as_str().unwrap().to_owned();
        // Stored: the document as its pegawai reads it, and the rating as the atasan reads it.
        let (_, v) = get(&staf2, &format!("/api/v1/dokumen-evaluasi/{dok}")).await;
        assert_eq!(v["perilaku_per_nilai"], empat_atas, "{}: {v}", b("stored"));
        let (_, p) = get(&kepala, &format!("/api/v1/skp/{}/penilaian?evaluasi=tahunan", u.skp2)).await;
        assert_eq!(p["penilaian"]["perilaku_per_nilai"], empat_atas, "{p}");
        assert_eq!(p["penilaian"]["predikat"], "sangat_baik", "{p}");
        // The PDF signed (recorded before the rating's row is written) shows each value as stored.
        let teks =
            crate::pdf::teks_pdf(&crate::pdf::unduh(&staf2, &format!("/api/v1/dokumen-evaluasi/{dok}/pdf")).await);
        for (nilai, rating) in [
            ("Berorientasi Pelayanan", "Di Atas Ekspektasi"),
            ("Akuntabel", "Di Atas Ekspektasi"),
            ("Kompeten", "Di Atas Ekspektasi"),
            ("Harmonis", "Di Atas Ekspektasi"),
            ("Loyal", "Sesuai Ekspektasi"),
            ("Adaptif", "Sesuai Ekspektasi"),
            ("Kolaboratif", "Sesuai Ekspektasi"),
            ("Rating Perilaku Kerja", "Di Atas Ekspektasi"),
            ("Predikat Kinerja", "Sangat Baik"),
        ] {
            assert!(teks.contains(&format!("{nilai} {rating}")), "{}: {nilai} {rating} missing from\n{teks}", b("PDF"));
        }
        assert!(teks.contains("D.1.2"), "{}: {teks}", b("the format"));

        // A client from before (no per-value rating): its one rating perilaku stands.
        let lama = json!({ "version": 3, "penilaian": penilaian(tahunan(), sesuai, "dibawah_ekspektasi", "") });
        let (status, d3) = take(&kepala, &u.skp3, lama).await;
        assert_eq!(status, 200, "{}: {d3}", b("an old client"));
        assert_eq!(d3["dokumen"]["penilaian"]["rating_perilaku"], "dibawah_ekspektasi", "{d3}");
        assert_eq!(d3["perilaku_per_nilai"], json!({}), "{d3}");
    }
}

#[tokio::test]
async fn attacks_on_the_evaluation_are_refused_and_change_nothing() {
    for backend in backends() {
        let tahun = server::clock::hari_ini().tahun() + 1;
        let app = spawn_app_with(backend, None, true).await;
        let u = unit_tahun(&app, tahun).await;
        let (staf2, admin, kabid1) =
            (app.login(DEMO_STAF2).await, app.login(DEMO_ADMIN).await, app.login(DEMO_KABID1).await);
        let p = penilaian(tahunan(), "diatas_ekspektasi", "diatas_ekspektasi", "Saya layak");
        // Rating one's own SKP.
        let (status, e) = nilai(&staf2, &u.skp2, 3, p.clone()).await;
        assert_eq!((status, e["code"].as_str()), (409, Some("not_allowed")), "{backend:?}: {e}");
        // The admin, through the mapping powers, may not rate nor take over:
        // nor make themselves the penilai first.
        assert_eq!(nilai(&admin, &u.skp2, 3, p.clone()).await.0, 403, "{backend:?}");
        let res = admin
            .put("/api/v1/org/atasan")
            .json(&json!({
                "periode_id": u.periode,
                "pegawai_id": pegawai_id(&admin, DEMO_STAF2).await,
                "penilai_id": pegawai_id(&admin, DEMO_ADMIN).await,
                "berlaku_mulai": format!("{tahun}-02-01"),
            }))
            .send();
        assert_eq!(res.await.unwrap().status(), 422, "{backend:?}: the admin maps themselves as penilai");
        let res = admin
            .post(&format!("/api/v1/skp/{}/take-over", u.skp2))
            .json(&json!({ "version": 3, "penilaian": p }))
            .send();
        assert_eq!(res.await.unwrap().status(), 403, "{backend:?}");
        // A huge body.
        let huge = "x".repeat(2 * 1024 * 1024);
        let res = kabid1
            .put(&format!("/api/v1/skp/{}/penilaian", u.skp2))
            .json(&json!({ "version": 3, "penilaian": penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", &huge) }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 413, "{backend:?}");
        // A long but small reason is a field error.
        let long = "x".repeat(1001);
        let (status, e) =
            nilai(&kabid1, &u.skp2, 3, penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", &long)).await;
        assert_eq!(status, 422, "{backend:?}: {e}");
        // An unknown BerAKHLAK value.
        let (status, e) = json_of(
            kabid1
                .put(&format!("/api/v1/skp/{}/penilaian", u.skp2))
                .json(&json!({ "version": 3, "penilaian": penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", ""),
                               "perilaku_per_nilai": { "jahat": "diatas_ekspektasi" } }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 422, "{backend:?}: {e}");
        assert!(e["fields"]["perilaku_per_nilai.jahat"].is_array(), "{e}");
        // A per-RHK rating for an RHK without a realisation is the server's
        // to give, never the form's (it would move the suggestion, and with
        // it the need for a reason).
        let mut p = penilaian(tahunan(), "diatas_ekspektasi", "sesuai_ekspektasi", "");
        p["rating_rhk"] = json!({ "r1": "diatas_ekspektasi" });
        let (status, e) = nilai(&kabid1, &u.skp2, 3, p).await;
        assert_eq!(status, 422, "{backend:?}: {e}");
        assert!(is_teks(&e["fields"]["rating_rhk.r1"][0]) || e["fields"]["rating_rhk.r1"].is_array(), "{e}");
        // Next year's period has not ended: nobody rates it yet.
        let (status, e) =
            nilai(&kabid1, &u.skp2, 3, penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", "")).await;
        assert_eq!((status, e["code"].as_str()), (409, Some("evaluasi_belum_berakhir")), "{backend:?}: {e}");
        assert!(is_teks(&e["message"]), "{e}");
        // Nothing was rated.
        let db = app.connect().await;
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM penilaian").fetch_one(db.pool()).await.unwrap();
        assert_eq!(n, 0, "{backend:?}");
        let (v,): (i64,) =
            sqlx::query_as("SELECT version FROM skp WHERE id = $1").bind(&u.skp2).fetch_one(db.pool()).await.unwrap();
        assert_eq!(v, 3, "{backend:?}");

        // Another instansi's admin and this instansi's unit: unseen and untouched.
        let (_, d) =
            get(&kabid1, &format!("/api/v1/penilai/distribusi?periode_id={}&evaluasi=tahunan", u.periode)).await;
        let unit = d["unit_id"].as_str().unwrap().to_owned();
        let (p2, _, _, o_adm) = crate::matrix::other_instansi(&db).await;
        let lain = app.login(&o_adm).await;
        for periode in [&u.periode, &p2] {
            let res = lain
                .put(&format!("/api/v1/unit/{unit}/predikat-organisasi"))
                .json(&json!({ "periode_id": periode, "evaluasi": "tahunan", "predikat": "istimewa", "version": 0 }))
                .send();
            assert_eq!(res.await.unwrap().status(), 404, "{backend:?}");
            let res = lain.get(&format!("/api/v1/unit/{unit}/predikat-organisasi?periode_id={periode}")).send();
            assert_eq!(res.await.unwrap().status(), 404, "{backend:?}");
        }
        // Nor may this admin set a predikat of the other instansi's unit.
        let res = admin
            .put("/api/v1/unit/u2/predikat-organisasi")
            .json(&json!({ "periode_id": p2, "evaluasi": "tahunan", "predikat": "istimewa", "version": 0 }))
            .send();
        assert_eq!(res.await.unwrap().status(), 404, "{backend:?}");
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM predikat_organisasi").fetch_one(db.pool()).await.unwrap();
        assert_eq!(n, 0, "{backend:?}: nothing set");
    }
}

/// Every evaluation route, called by every role on objects that are not
/// theirs (a colleague's here, a pegawai's in another instansi), is refused
/// with 404 (or 403 for an admin's change here), and changes nothing; lists
/// of one's own hold nothing of others.
#[tokio::test]
async fn every_role_is_refused_on_evaluation_objects_not_theirs() {
    for backend in backends() {
        let tahun = tahun_lalu();
        let app = spawn_app_with(backend, None, true).await;
        let u = unit_tahun(&app, tahun).await;
        let kabid1 = app.login(DEMO_KABID1).await;
        let admin = app.login(DEMO_ADMIN).await;
        // staf2 rated, the unit finalised: a document exists.
        let (status, _) =
            nilai(&kabid1, &u.skp2, 3, penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", "")).await;
        assert_eq!(status, 200);
        let (status, _) =
            nilai(&kabid1, &u.skp3, 3, penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", "")).await;
        assert_eq!(status, 200);
        let (_, d) =
            get(&kabid1, &format!("/api/v1/penilai/distribusi?periode_id={}&evaluasi=tahunan", u.periode)).await;
        let unit = d["unit_id"].as_str().unwrap().to_owned();
        let res = admin
            .put(&format!("/api/v1/unit/{unit}/predikat-organisasi"))
            .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan", "predikat": "istimewa", "version": 0 }))
            .send();
        assert_eq!(res.await.unwrap().status(), 200);
        let (status, f) = json_of(
            kabid1
                .post("/api/v1/penilai/distribusi/finalisasi")
                .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan" }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!((status, f["dokumen_ids"].as_array().map(Vec::len)), (201, Some(2)), "{f}");
        let (_, docs) = get(&kabid1, &format!("/api/v1/skp/{}/dokumen-evaluasi", u.skp2)).await;
        let dok = docs[0]["id"].as_str().unwrap().to_owned();
        let db = app.connect().await;
        let (_p2, _o_peg, _o_pen, o_adm) = crate::matrix::other_instansi(&db).await;

        let snapshot = || async {
            let db = app.connect().await;
            let mut all = Vec::new();
            for sql in [
                "SELECT id || ':' || version FROM skp ORDER BY id",
                "SELECT id || ':' || version FROM dokumen_evaluasi ORDER BY id",
                "SELECT skp_id || ':' || diubah FROM penilaian ORDER BY skp_id",
                "SELECT skp_id || ':' || diubah FROM penilaian_lama ORDER BY skp_id",
                "SELECT unit_id || ':' || version FROM predikat_organisasi ORDER BY unit_id",
                "SELECT periode_id || ':' || version FROM pengaturan_penilaian ORDER BY periode_id",
                "SELECT periode_id || ':' || penilai_id FROM finalisasi_distribusi ORDER BY penilai_id",
                "SELECT instansi_id || ':' || tanggal FROM hari_libur ORDER BY tanggal",
            ] {
                let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(db.pool()).await.unwrap();
                all.extend(rows.into_iter().map(|r| r.0));
            }
            all
        };
        let before = snapshot().await;
        let v = json!({ "version": 1, "alasan": "coba", "keputusan": "menguatkan" });
        let rating =
            json!({ "version": 4, "penilaian": penilaian(tahunan(), "diatas_ekspektasi", "diatas_ekspektasi", "x") });
        let rating_lama =
            json!({ "version": 4, "penilaian": { "evaluasi": tahunan(), "perilaku": { "komitmen": 90 } } });
        let skp_routes = |id: &str| {
            vec![
                (Method::GET, format!("/api/v1/skp/{id}/penilaian?evaluasi=tahunan"), Value::Null),
                (Method::PUT, format!("/api/v1/skp/{id}/penilaian"), rating.clone()),
                (Method::GET, format!("/api/v1/skp/{id}/angka-kredit"), Value::Null),
                (Method::GET, format!("/api/v1/skp/{id}/dokumen-evaluasi"), Value::Null),
                (Method::POST, format!("/api/v1/skp/{id}/take-over"), rating.clone()),
                (Method::PUT, format!("/api/v1/skp/{id}/penilaian-lama"), rating_lama.clone()),
            ]
        };
        let doc_routes = |id: &str| {
            let mut r = vec![(Method::GET, format!("/api/v1/dokumen-evaluasi/{id}"), Value::Null)];
            for aksi in [
                "sign_by_penilai",
                "deliver",
                "sign_by_pegawai",
                "file_keberatan",
                "reply_keberatan",
                "decide_keberatan",
                "report",
            ] {
                r.push((Method::POST, format!("/api/v1/dokumen-evaluasi/{id}/{aksi}"), v.clone()));
            }
            r
        };
        let unit_routes = |unit: &str, periode: &str| {
            vec![
                (Method::GET, format!("/api/v1/unit/{unit}/predikat-organisasi?periode_id={periode}"), Value::Null),
                (
                    Method::PUT,
                    format!("/api/v1/unit/{unit}/predikat-organisasi"),
                    json!({ "periode_id": periode, "evaluasi": "tahunan", "predikat": "sangat_kurang", "version": 1 }),
                ),
                (Method::GET, format!("/api/v1/pengaturan-penilaian?periode_id={periode}"), Value::Null),
                (
                    Method::PUT,
                    format!("/api/v1/org/periode/{periode}/pengaturan-penilaian"),
                    json!({ "mode_distribusi": "blokir", "version": 0 }),
                ),
            ]
        };
        let call = |s: &Session, m: &Method, path: &str, body: &Value| {
            let req = if *m == Method::GET { s.get(path) } else { s.send(m.clone(), path).json(body) };
            async move { req.send().await.unwrap().status().as_u16() }
        };
        // (who, expected status on SKP/document routes, on unit routes)
        let callers = [
            ("a colleague", app.login(DEMO_STAF3).await, 404, Some(403)),
            ("another unit's penilai", app.login(DEMO_KABID2).await, 404, Some(403)),
            ("the other instansi's admin", app.login(&o_adm).await, 404, None),
        ];
        for (who, s, expected, unit_change) in &callers {
            for (m, path, body) in skp_routes(&u.skp2).into_iter().chain(doc_routes(&dok)) {
                assert_eq!(call(s, &m, &path, &body).await, *expected, "{backend:?}: {who} → {m} {path}");
            }
            for (m, path, body) in unit_routes(&unit, &u.periode) {
                let status = call(s, &m, &path, &body).await;
                let ok = match (unit_change, m == Method::GET) {
                    (None, _) => status == 404,
                    (Some(_), true) => status == 200,
                    (Some(c), false) => status == *c,
                };
                assert!(ok, "{backend:?}: {who} → {m} {path}: {status}");
            }
            // Their own lists hold nothing of staf2's.
            for path in [
                format!("/api/v1/penilai/distribusi?periode_id={}&evaluasi=tahunan", u.periode),
                format!("/api/v1/antrian-evaluasi?periode_id={}", u.periode),
            ] {
                let res = s.get(&path).send().await.unwrap();
                let text = res.text().await.unwrap();
                assert!(!text.contains(&u.skp2) && !text.contains(&dok), "{backend:?}: {who} → {path}: {text}");
            }
            let res = s
                .post("/api/v1/penilai/distribusi/finalisasi")
                .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan", "alasan": "x" }))
                .send();
            let status = res.await.unwrap().status().as_u16();
            assert!(status == 404 || status == 409, "{backend:?}: {who} finalises nobody's unit: {status}");
            let res = s
                .post("/api/v1/org/hari-libur")
                .json(&json!({ "hari_libur": [{ "tanggal": "2027-05-05", "nama": "Dibajak" }] }))
                .send();
            let status = res.await.unwrap().status().as_u16();
            assert_eq!(
                status == 200,
                *who == "the other instansi's admin",
                "{backend:?}: {who} → POST /org/hari-libur: {status}"
            );
        }
        // This instansi's admin reads everything here, changes no evaluation.
        for (m, path, body) in skp_routes(&u.skp2).into_iter().chain(doc_routes(&dok)) {
            let status = call(&admin, &m, &path, &body).await;
            let expected = if m == Method::GET { 200 } else { 403 };
            assert_eq!(status, expected, "{backend:?}: the admin → {m} {path}");
        }
        let mut after = snapshot().await;
        // Only the other instansi's own holiday was written.
        after.retain(|r| !r.starts_with("i2:"));
        assert_eq!(after, before, "{backend:?}: a refusal changed nothing");
    }
}

/// A former rule set's period (PP 46/2011 before 2021) is not rated with the
/// 6/2022 kuadran, calibrated or finalised: it is rated with numbers
/// ([`a_former_rule_sets_period_is_rated_with_numbers`]).
#[tokio::test]
async fn a_former_rule_set_period_is_not_rated_here() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let u = unit_tahun(&app, 2020).await;
        let kabid1 = app.login(DEMO_KABID1).await;
        let (_, p) = get(&kabid1, &format!("/api/v1/skp/{}/penilaian?evaluasi=tahunan", u.skp2)).await;
        assert_eq!(p["rule_set"], "pp_46_2011", "{backend:?}: {p}");
        let (status, e) =
            nilai(&kabid1, &u.skp2, 3, penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", "")).await;
        assert_eq!((status, e["code"].as_str()), (409, Some("rule_set_lama")), "{backend:?}: {e}");
        assert!(is_teks(&e["message"]));
        let res = kabid1
            .post("/api/v1/penilai/distribusi/finalisasi")
            .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan", "alasan": "" }))
            .send();
        let (status, e) = json_of(res.await.unwrap()).await;
        assert_eq!((status, e["code"].as_str()), (409, Some("rule_set_lama")), "{backend:?}: {e}");
    }
}

/// A rating entered offline arrives through the outbox (`/sync`); a replayed
/// finalisation or document step with its key returns the first answer and
/// changes nothing.
#[tokio::test]
async fn ratings_sync_from_the_outbox_and_replays_change_nothing() {
    for backend in backends() {
        let tahun = tahun_lalu();
        let app = spawn_app_with(backend, None, true).await;
        let u = unit_tahun(&app, tahun).await;
        let (kabid1, admin) = (app.login(DEMO_KABID1).await, app.login(DEMO_ADMIN).await);
        let batch = json!({ "client_id": "tablet-kabid1", "mutations": [
            { "seq": 1, "idempotency_key": uuid::Uuid::new_v4().to_string(), "method": "PUT",
              "path": format!("/api/v1/skp/{}/penilaian", u.skp2),
              "body": { "version": 3, "penilaian": penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", "") } },
            { "seq": 2, "idempotency_key": uuid::Uuid::new_v4().to_string(), "method": "PUT",
              "path": format!("/api/v1/skp/{}/penilaian", u.skp3),
              "body": { "version": 3, "penilaian": penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", "") } },
        ]});
        for kali in ["first", "resent"] {
            let (status, out) = json_of(kabid1.post("/api/v1/sync").json(&batch).send().await.unwrap()).await;
            assert_eq!(status, 200, "{backend:?}: {kali}: {out}");
            for r in out["results"].as_array().unwrap() {
                assert_eq!(r["status"], 200, "{backend:?}: {kali}: {r}");
            }
        }
        let (_, skp) = get(&kabid1, &format!("/api/v1/skp/{}", u.skp2)).await;
        assert_eq!((skp["version"].as_i64(), skp["status"].as_str()), (Some(4), Some("dinilai_tahunan")), "{skp}");

        let (_, d) =
            get(&kabid1, &format!("/api/v1/penilai/distribusi?periode_id={}&evaluasi=tahunan", u.periode)).await;
        let unit = d["unit_id"].as_str().unwrap().to_owned();
        let res = admin
            .put(&format!("/api/v1/unit/{unit}/predikat-organisasi"))
            .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan", "predikat": "istimewa", "version": 0 }))
            .send();
        assert_eq!(res.await.unwrap().status(), 200);
        let key = uuid::Uuid::new_v4().to_string();
        let fin = || {
            crate::org::with_key(&kabid1, Method::POST, "/api/v1/penilai/distribusi/finalisasi", &key)
                .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan" }))
                .send()
        };
        let first = fin().await.unwrap();
        assert_eq!(first.status(), 201, "{backend:?}");
        let first: Value = first.json().await.unwrap();
        let again = fin().await.unwrap();
        assert_eq!(again.status(), 201, "{backend:?}: the replay answers as the first did");
        assert_eq!(again.headers().get("idempotent-replayed").and_then(|v| v.to_str().ok()), Some("true"));
        assert_eq!(again.json::<Value>().await.unwrap(), first);
        akhir_hari_ini(&app, tahun).await;

        let (_, docs) = get(&kabid1, &format!("/api/v1/skp/{}/dokumen-evaluasi", u.skp2)).await;
        let dok = docs[0]["id"].as_str().unwrap().to_owned();
        let key = uuid::Uuid::new_v4().to_string();
        let path = format!("/api/v1/dokumen-evaluasi/{dok}/sign_by_penilai");
        let sign = || crate::org::with_key(&kabid1, Method::POST, &path, &key).json(&json!({ "version": 1 })).send();
        let (status, first) = json_of(sign().await.unwrap()).await;
        assert_eq!(status, 200, "{backend:?}: {first}");
        let (status, again) = json_of(sign().await.unwrap()).await;
        assert_eq!((status, &again), (200, &first), "{backend:?}");
        let (_, doc) = get(&kabid1, &format!("/api/v1/dokumen-evaluasi/{dok}")).await;
        assert_eq!((doc["version"].as_i64(), doc["riwayat"].as_array().map(Vec::len)), (Some(2), Some(2)), "{doc}");
    }
}

/// Rates staf2 and staf3 in last year's unit, has the admin set the
/// organisation predikat, finalises and moves the documents' period end to
/// today; staf2's document id.
/// Both subordinates of the unit rated (sesuai / sesuai) for the year and
/// the organisation's predikat set (istimewa): the unit can be finalised.
pub(crate) async fn unit_siap_difinalisasi(app: &TestApp, u: &Unit) {
    let (kabid1, admin) = (app.login(DEMO_KABID1).await, app.login(DEMO_ADMIN).await);
    for skp in [&u.skp2, &u.skp3] {
        let (status, s) =
            nilai(&kabid1, skp, 3, penilaian(tahunan(), "sesuai_ekspektasi", "sesuai_ekspektasi", "")).await;
        assert_eq!(status, 200, "{s}");
    }
    let (_, d) = get(&kabid1, &format!("/api/v1/penilai/distribusi?periode_id={}&evaluasi=tahunan", u.periode)).await;
    let unit = d["unit_id"].as_str().unwrap().to_owned();
    let res = admin
        .put(&format!("/api/v1/unit/{unit}/predikat-organisasi"))
        .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan", "predikat": "istimewa", "version": 0 }))
        .send();
    assert_eq!(res.await.unwrap().status(), 200);
}

/// The unit rated and finalised, the year over: the id of `skp2`'s document.
pub(crate) async fn dokumen_siap(app: &TestApp, u: &Unit, tahun: i32) -> String {
    unit_siap_difinalisasi(app, u).await;
    let kabid1 = app.login(DEMO_KABID1).await;
    let res = kabid1
        .post("/api/v1/penilai/distribusi/finalisasi")
        .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan" }))
        .send();
    let (status, f) = json_of(res.await.unwrap()).await;
    assert_eq!(status, 201, "{f}");
    akhir_hari_ini(app, tahun).await;
    let (_, docs) = get(&kabid1, &format!("/api/v1/skp/{}/dokumen-evaluasi", u.skp2)).await;
    docs[0]["id"].as_str().unwrap().to_owned()
}

/// An objection on a document without an atasan pejabat penilai (the SKP
/// had none when it was made) is still decided: by the instansi admin, as
/// the instansi's official, recorded as `admin_instansi`; the admin's queue
/// lists it, and the SKP's live atasan has no say.
#[tokio::test]
async fn an_objection_without_an_atasan_is_decided_by_the_admin() {
    for backend in backends() {
        let tahun = tahun_lalu();
        let app = spawn_app_with(backend, None, true).await;
        let u = unit_tahun(&app, tahun).await;
        let dok = dokumen_siap(&app, &u, tahun).await;
        let (staf2, kabid1, kepala, admin) = (
            app.login(DEMO_STAF2).await,
            app.login(DEMO_KABID1).await,
            app.login(DEMO_KEPALA).await,
            app.login(DEMO_ADMIN).await,
        );
        let db = app.connect().await;
        sqlx::query("UPDATE dokumen_evaluasi SET atasan_penilai_id = NULL WHERE id = $1")
            .bind(&dok)
            .execute(db.pool())
            .await
            .unwrap();
        assert_eq!(langkah(&kabid1, &dok, "sign_by_penilai", 1, json!({})).await.0, 200);
        assert_eq!(langkah(&kabid1, &dok, "deliver", 2, json!({})).await.0, 200);
        // Before an objection the admin acts on nothing.
        let keputusan = json!({ "keputusan": "menguatkan", "alasan": "Penilaian sudah sesuai bukti." });
        let (_, e) = langkah(&admin, &dok, "decide_keberatan", 3, keputusan.clone()).await;
        assert_eq!(e["code"], "invalid_transition", "{backend:?}: {e}");
        let (status, d) = langkah(&staf2, &dok, "file_keberatan", 3, json!({ "alasan": "Tidak sesuai" })).await;
        assert_eq!(status, 200, "{backend:?}: {d}");
        let (_, q) = get(&admin, &format!("/api/v1/antrian-evaluasi?periode_id={}", u.periode)).await;
        let t = q["sebagai_admin"].as_array().unwrap();
        assert!(t.iter().any(|t| t["tugas"] == "putuskan_keberatan" && t["dokumen_id"] == dok.as_str()), "{q}");
        assert!(t.iter().all(|t| t["terlambat"] == false), "{q}");
        let (_, q) = get(&kabid1, &format!("/api/v1/antrian-evaluasi?periode_id={}", u.periode)).await;
        assert_eq!(q["sebagai_admin"], json!([]), "{q}");
        let (status, _) = langkah(&kepala, &dok, "decide_keberatan", 4, keputusan.clone()).await;
        assert_eq!(status, 404, "{backend:?}: the SKP's atasan is not the document's");
        let (status, d) = langkah(&admin, &dok, "decide_keberatan", 4, keputusan).await;
        assert_eq!((status, d["status"].as_str()), (200, Some("diputus")), "{backend:?}: {d}");
        let last = d["riwayat"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(
            (last["peran"].as_str(), last["oleh"].as_str()),
            (Some("admin_instansi"), Some(pegawai_id(&admin, DEMO_ADMIN).await.as_str()))
        );
        let (status, d) = langkah(&admin, &dok, "report", 5, json!({})).await;
        assert_eq!((status, d["status"].as_str()), (200, Some("dilaporkan")), "{backend:?}: {d}");
        // On a document with an atasan the admin still acts on nothing.
        let (_, docs) = get(&kabid1, &format!("/api/v1/skp/{}/dokumen-evaluasi", u.skp3)).await;
        let dok3 = docs[0]["id"].as_str().unwrap();
        assert_eq!(langkah(&admin, dok3, "sign_by_penilai", 1, json!({})).await.0, 403);
    }
}

async fn nilai_lama(s: &Session, id: &str, version: i64, p: Value) -> (u16, Value) {
    json_of(
        s.put(&format!("/api/v1/skp/{id}/penilaian-lama"))
            .json(&json!({ "version": version, "penilaian": p }))
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// The year's realisation of the fixture plan's one indicator (target 90).
async fn realisasi_tahunan(s: &Session, skp: &str, version: i64, nilai: &str) -> u16 {
    let body = json!({
        "indikator_id": "i1", "evaluasi": { "jenis": "tahunan" }, "nilai": nilai, "uraian": "Laporan tahunan",
        "bukti_dukung": ["https://drive.example/laporan.pdf"]
    });
    crate::realisasi::simpan(s, skp, version, body).await.status().as_u16()
}

/// A former rule set's period is rated with numbers from the same domain
/// code the browser previews with: PP 46/2011's nilai prestasi kerja and
/// sebutan (tugas tambahan, kreativitas, the perilaku aspects), PermenPANRB
/// 8/2021's nilai kinerja and predikat (weights, innovation); corrected by
/// the penilai; refused to everyone else, to bad numbers, to an SKP with no
/// number yet and to a PermenPANRB 6/2022 period.
#[tokio::test]
async fn a_former_rule_sets_period_is_rated_with_numbers() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let b = |what: &str| format!("{backend:?}: {what}");
        let (staf2, kabid1) = (app.login(DEMO_STAF2).await, app.login(DEMO_KABID1).await);
        let (kepala, admin, kabid2) =
            (app.login(DEMO_KEPALA).await, app.login(DEMO_ADMIN).await, app.login(DEMO_KABID2).await);

        // PP 46/2011 (2020): the kegiatan met its target (90 of 90).
        let u = unit_tahun(&app, 2020).await;
        assert_eq!(realisasi_tahunan(&staf2, &u.skp2, 3, "90").await, 200, "{}", b("realisasi"));
        let path = format!("/api/v1/skp/{}/penilaian?evaluasi=tahunan", u.skp2);
        let (status, p) = get(&kabid1, &path).await;
        assert_eq!(status, 200, "{p}");
        assert_eq!(p["dasar_lama"]["rule_set"], "pp_46_2011", "{p}");
        assert_eq!(p["dasar_lama"]["nilai_kegiatan"], json!([100.0]), "{p}");
        assert!(p["penilaian_lama"].is_null(), "{p}");

        let aspek_46 = |x: f64| json!({ "orientasi_pelayanan": x, "integritas": x, "komitmen": x, "disiplin": x, "kerja_sama": x });
        // Every bad field at once: an aspect missing, one out of range, one of 8/2021, kreativitas above 12.
        let (status, e) = nilai_lama(
            &kabid1,
            &u.skp2,
            4,
            json!({
                "evaluasi": tahunan(),
                "perilaku": { "orientasi_pelayanan": 101, "inisiatif_kerja": 80, "integritas": 80, "komitmen": 80 },
                "nilai_kreativitas": 13, "inovasi": true
            }),
        )
        .await;
        assert_eq!(status, 422, "{}: {e}", b("bad numbers"));
        for f in [
            "perilaku.orientasi_pelayanan",
            "perilaku.inisiatif_kerja",
            "perilaku.disiplin",
            "nilai_kreativitas",
            "inovasi",
        ] {
            assert!(e["fields"][f].is_array(), "{f}: {e}");
            assert!(is_teks(&e["fields"][f][0]), "{f}: {e}");
        }
        // Only the pejabat penilai rates: the pegawai, the atasan, the admin, another penilai.
        let baik = json!({ "evaluasi": tahunan(), "perilaku": aspek_46(80.0), "jumlah_tugas_tambahan": 2, "nilai_kreativitas": 3 });
        for (who, s, expected, code) in [
            ("the pegawai", &staf2, 409, Some("not_allowed")),
            ("the atasan", &kepala, 409, Some("not_allowed")),
            ("the admin", &admin, 403, None),
            ("another penilai", &kabid2, 404, None),
        ] {
            let (status, e) = nilai_lama(s, &u.skp2, 4, baik.clone()).await;
            assert_eq!(status, expected, "{}: {e}", b(who));
            if let Some(code) = code {
                assert_eq!(e["code"], code, "{}: {e}", b(who));
            }
        }
        // Kegiatan 100 + 1 (2 tugas tambahan) + 3 (kreativitas) = 104; perilaku 80;
        // 60% × 104 + 40% × 80 = 94.4: Sangat Baik.
        let (status, s) = nilai_lama(&kabid1, &u.skp2, 4, baik.clone()).await;
        assert_eq!(status, 200, "{}: {s}", b("rating"));
        assert_eq!((s["version"].as_i64(), s["status"].as_str()), (Some(5), Some("dinilai_tahunan")), "{s}");
        assert_eq!(
            (s["penilaian"]["nilai"].as_f64(), s["penilaian"]["sebutan"].as_str()),
            (Some(94.4), Some("sangat_baik"))
        );
        assert_eq!(s["penilaian"]["label"]["id"], "Sangat Baik", "{s}");
        // The unit's list shows it; a stale version is refused.
        let (_, d) =
            get(&kabid1, &format!("/api/v1/penilai/distribusi?periode_id={}&evaluasi=tahunan", u.periode)).await;
        let baris = d["pegawai"].as_array().unwrap().iter().find(|x| x["skp_id"] == u.skp2.as_str()).unwrap().clone();
        assert_eq!(baris["nilai_lama"], json!({ "nilai": 94.4, "sebutan": "sangat_baik" }), "{d}");
        assert!(baris["predikat"].is_null(), "no predikat is made up: {d}");
        let (status, e) = nilai_lama(&kabid1, &u.skp2, 4, baik.clone()).await;
        assert_eq!((status, e["code"].as_str()), (409, Some("stale_version")), "{e}");
        // Corrected: perilaku 60, no extras: 60% × 100 + 40% × 60 = 84, Baik; one record.
        let koreksi = json!({ "evaluasi": tahunan(), "perilaku": aspek_46(60.0), "catatan": "Dikoreksi." });
        let (status, s) = nilai_lama(&kabid1, &u.skp2, 5, koreksi).await;
        assert_eq!(status, 200, "{}: {s}", b("correction"));
        assert_eq!((s["penilaian"]["nilai"].as_f64(), s["penilaian"]["sebutan"].as_str()), (Some(84.0), Some("baik")));
        let db = app.connect().await;
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM penilaian_lama WHERE skp_id = $1")
            .bind(&u.skp2)
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(n, 1);
        // The pegawai reads their own result; the year's realisations are closed.
        let (status, p) = get(&staf2, &path).await;
        assert_eq!((status, p["penilaian_lama"]["sebutan"].as_str()), (200, Some("baik")), "{p}");
        assert_eq!(p["penilaian_lama"]["penilaian"]["catatan"], "Dikoreksi.", "{p}");
        assert_eq!(
            realisasi_tahunan(&staf2, &u.skp2, 6, "95").await,
            409,
            "{}",
            b("realisasi after the year's rating")
        );
        // staf3 recorded nothing: no number to rate yet.
        let (status, e) = nilai_lama(&kabid1, &u.skp3, 3, baik.clone()).await;
        assert_eq!(status, 422, "{e}");
        assert!(e["fields"]["nilai_skp"].is_array(), "{e}");

        // PermenPANRB 8/2021 (a 2024 period that keeps it): capaian 100% → nilai 109.
        let u8 = unit_periode(&app, 2024, json!({ "tahun": 2024, "rule_set": "permenpanrb_8_2021" })).await;
        assert_eq!(realisasi_tahunan(&staf2, &u8.skp2, 3, "90").await, 200);
        let (_, p) = get(&kabid1, &format!("/api/v1/skp/{}/penilaian?evaluasi=tahunan", u8.skp2)).await;
        assert_eq!(
            (p["dasar_lama"]["rule_set"].as_str(), p["dasar_lama"]["nilai_skp"].as_f64()),
            (Some("permenpanrb_8_2021"), Some(109.0)),
            "{p}"
        );
        let aspek_8 = json!({ "orientasi_pelayanan": 112, "komitmen": 112, "inisiatif_kerja": 112, "kerja_sama": 112 });
        let (status, e) = nilai_lama(
            &kabid1,
            &u8.skp2,
            4,
            json!({ "evaluasi": tahunan(), "perilaku": aspek_8, "jumlah_tugas_tambahan": 1 }),
        )
        .await;
        assert_eq!(status, 422, "{e}");
        assert!(e["fields"]["jumlah_tugas_tambahan"].is_array() && e["fields"]["perilaku.integritas"].is_null(), "{e}");
        // 60% × 109 + 40% × 112 = 110.2 with peers' input; with an innovation: Sangat Baik.
        let (status, s) = nilai_lama(
            &kabid1,
            &u8.skp2,
            4,
            json!({ "evaluasi": tahunan(), "perilaku": aspek_8, "perilaku_dari_rekan": true, "inovasi": true }),
        )
        .await;
        assert_eq!(status, 200, "{}: {s}", b("8/2021 rating"));
        assert_eq!(
            (s["penilaian"]["nilai"].as_f64(), s["penilaian"]["sebutan"].as_str()),
            (Some(110.2), Some("sangat_baik"))
        );

        // A PermenPANRB 6/2022 period is rated with predikat, not here.
        let u6 = unit_tahun(&app, tahun_lalu()).await;
        let (status, e) = nilai_lama(&kabid1, &u6.skp2, 3, json!({ "evaluasi": tahunan(), "perilaku": {} })).await;
        assert_eq!((status, e["code"].as_str()), (409, Some("rule_set_berbeda")), "{e}");
        assert!(is_teks(&e["message"]));
    }
}

/// The pegawai's numeric evaluations (a former rule set's periods) as they
/// read them at `GET /penilaian-lama`, any year, the latest first, and
/// their being told of each rating and correction; a colleague, another
/// unit's penilai and another instansi read none of it — on both databases.
#[tokio::test]
async fn the_pegawai_reads_their_own_numeric_evaluations_and_is_told_of_each() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let b = |what: &str| format!("{backend:?}: {what}");
        let (staf2, staf3, kabid1) =
            (app.login(DEMO_STAF2).await, app.login(DEMO_STAF3).await, app.login(DEMO_KABID1).await);
        let kabid2 = app.login(DEMO_KABID2).await;
        let (_, kosong) = get(&staf2, "/api/v1/penilaian-lama").await;
        assert_eq!(kosong, json!([]), "{}", b("nothing rated yet"));

        // PP 46/2011 (2020): 60% × 104 + 40% × 80 = 94.4, Sangat Baik.
        let u = unit_tahun(&app, 2020).await;
        assert_eq!(realisasi_tahunan(&staf2, &u.skp2, 3, "90").await, 200);
        let aspek = |x: f64| json!({ "orientasi_pelayanan": x, "integritas": x, "komitmen": x, "disiplin": x, "kerja_sama": x });
        let baik = json!({ "evaluasi": tahunan(), "perilaku": aspek(80.0), "jumlah_tugas_tambahan": 2,
                           "nilai_kreativitas": 3, "catatan": "Pertahankan.", "rekomendasi": "Pelatihan lanjutan." });
        let (status, s) = nilai_lama(&kabid1, &u.skp2, 4, baik).await;
        assert_eq!(status, 200, "{}: {s}", b("rating"));

        // Told: one notification for staf2 about that SKP, none for the rater or a colleague.
        let kabar = |s: &Session| {
            let s = s.clone();
            async move {
                let (_, n) = get(&s, "/api/v1/notifikasi").await;
                n["item"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|x| x["peristiwa"] == "penilaian_lama_diberikan")
                    .cloned()
                    .collect::<Vec<Value>>()
            }
        };
        let n = kabar(&staf2).await;
        assert_eq!(n.len(), 1, "{}: {n:?}", b("told once"));
        assert_eq!(n[0]["skp_id"], u.skp2.as_str(), "{n:?}");
        assert!(
            n[0]["teks"]["id"].as_str().unwrap().starts_with("Siti Rahmawati mencatat nilai evaluasi kinerja 2020")
        );
        assert!(n[0]["teks"]["en"].as_str().unwrap().contains("your 2020 evaluation"), "{n:?}");
        assert!(kabar(&kabid1).await.is_empty() && kabar(&staf3).await.is_empty(), "{}", b("only the pegawai"));

        // Read back: the nilai, the sebutan's label, the aspects, the SKP's number, the weights,
        // the explanation, the notes, who and when.
        let (status, daftar) = get(&staf2, "/api/v1/penilaian-lama").await;
        assert_eq!(status, 200, "{daftar}");
        let satu = &daftar[0];
        assert_eq!(daftar.as_array().map(Vec::len), Some(1), "{daftar}");
        assert_eq!(
            (satu["skp_id"].as_str(), satu["tahun"].as_i64(), satu["evaluasi"].as_str(), satu["rule_set"].as_str()),
            (Some(u.skp2.as_str()), Some(2020), Some("tahunan"), Some("pp_46_2011")),
            "{satu}"
        );
        assert_eq!(satu["penilai"], "Siti Rahmawati", "{satu}");
        let t = &satu["penilaian"];
        assert_eq!((t["nilai"].as_f64(), t["sebutan"].as_str()), (Some(94.4), Some("sangat_baik")), "{t}");
        assert_eq!(t["label"], json!({ "id": "Sangat Baik", "en": "Very Good" }), "{t}");
        assert!(t["diubah"].as_i64().unwrap() > 0, "{t}");
        let isi = &t["penilaian"];
        assert_eq!(isi["perilaku"]["disiplin"], 80.0, "{isi}");
        assert_eq!(isi["hasil"]["capaian"]["nilai_capaian_skp"], 104.0, "{isi}");
        assert_eq!(
            (isi["catatan"].as_str(), isi["rekomendasi"].as_str()),
            (Some("Pertahankan."), Some("Pelatihan lanjutan."))
        );
        let langkah = isi["hasil"]["prestasi"]["penjelasan"]["langkah"].to_string();
        assert!(langkah.contains("60% × 104 + 40% × 80 = 94,4"), "{langkah}");
        // The same record the rating screen reads, for the pegawai's own SKP.
        let path = format!("/api/v1/skp/{}/penilaian?evaluasi=tahunan", u.skp2);
        let (status, p) = get(&staf2, &path).await;
        assert_eq!((status, p["penilaian_lama"]["nilai"].as_f64()), (200, Some(94.4)), "{p}");

        // Corrected (84, Baik): told again; the list shows the correction.
        let koreksi = json!({ "evaluasi": tahunan(), "perilaku": aspek(60.0), "catatan": "Dikoreksi." });
        let (status, s) = nilai_lama(&kabid1, &u.skp2, 5, koreksi).await;
        assert_eq!(status, 200, "{}: {s}", b("correction"));
        assert_eq!(kabar(&staf2).await.len(), 2, "{}", b("told of the correction"));
        let (_, daftar) = get(&staf2, "/api/v1/penilaian-lama").await;
        assert_eq!(
            (daftar[0]["penilaian"]["nilai"].as_f64(), daftar[0]["penilaian"]["sebutan"].as_str()),
            (Some(84.0), Some("baik")),
            "{daftar}"
        );
        assert_eq!(daftar[0]["penilaian"]["penilaian"]["catatan"], "Dikoreksi.", "{daftar}");

        // A later year under PermenPANRB 8/2021 comes first.
        let u8 = unit_periode(&app, 2024, json!({ "tahun": 2024, "rule_set": "permenpanrb_8_2021" })).await;
        assert_eq!(realisasi_tahunan(&staf2, &u8.skp2, 3, "90").await, 200);
        let aspek_8 = json!({ "orientasi_pelayanan": 112, "komitmen": 112, "inisiatif_kerja": 112, "kerja_sama": 112 });
        let (status, s) = nilai_lama(&kabid1, &u8.skp2, 4, json!({ "evaluasi": tahunan(), "perilaku": aspek_8 })).await;
        assert_eq!(status, 200, "{}: {s}", b("8/2021 rating"));
        let (_, daftar) = get(&staf2, "/api/v1/penilaian-lama").await;
        let urut: Vec<_> = daftar.as_array().unwrap().iter().map(|x| x["tahun"].as_i64().unwrap()).collect();
        assert_eq!(urut, [2024, 2020], "{}: {daftar}", b("the latest first"));
        assert_eq!(daftar[0]["penilaian"]["penilaian"]["hasil"]["bobot_skp"], 70, "{daftar}");

        // Nobody else reads it: a colleague and another unit's penilai get a 404 on the SKP and
        // an own list without it; another instansi's pegawai and admin likewise.
        let db = app.connect().await;
        let (_p2, o_peg, _o_pen, o_adm) = crate::matrix::other_instansi(&db).await;
        for (who, s) in [
            ("a colleague", &staf3),
            ("another unit's penilai", &kabid2),
            ("another instansi's pegawai", &app.login(&o_peg).await),
            ("another instansi's admin", &app.login(&o_adm).await),
        ] {
            let (status, _) = get(s, &path).await;
            assert_eq!(status, 404, "{}", b(who));
            let (status, daftar) = get(s, "/api/v1/penilaian-lama").await;
            assert_eq!((status, &daftar), (200, &json!([])), "{}", b(who));
            assert!(kabar(s).await.is_empty(), "{}", b(who));
        }
        // The rater lists only their own (none): a rater reads a subordinate's on the rating screen.
        let (_, daftar) = get(&kabid1, "/api/v1/penilaian-lama").await;
        assert_eq!(daftar, json!([]), "{}", b("the rater"));
    }
}

/// The leader one level above lists the units whose organisation predikat
/// they set, with what is recorded; the unit's own penilai, a member and the
/// admin list none of them; another instansi learns nothing — on both
/// databases.
#[tokio::test]
async fn the_leader_above_lists_the_units_whose_predikat_they_set() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let u = unit_tahun(&app, tahun_lalu()).await;
        let (kepala, kabid1) = (app.login(DEMO_KEPALA).await, app.login(DEMO_KABID1).await);
        let (staf2, admin) = (app.login(DEMO_STAF2).await, app.login(DEMO_ADMIN).await);
        let (_, d) =
            get(&kabid1, &format!("/api/v1/penilai/distribusi?periode_id={}&evaluasi=tahunan", u.periode)).await;
        let unit = d["unit_id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/penilai/unit-bawahan?periode_id={}", u.periode);
        let (status, list) = get(&kepala, &path).await;
        assert_eq!(status, 200, "{backend:?}: {list}");
        let ids: Vec<&str> = list.as_array().unwrap().iter().map(|x| x["unit_id"].as_str().unwrap()).collect();
        assert_eq!(ids, [unit.as_str()], "{backend:?}: only the unit of the pegawai she rates as atasan: {list}");
        assert!(list[0]["nama"].as_str().is_some_and(|n| !n.is_empty()) && list[0]["predikat"] == json!([]), "{list}");
        // What the list offers, the change allows; then it shows.
        let res = kepala
            .put(&format!("/api/v1/unit/{unit}/predikat-organisasi"))
            .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan", "predikat": "istimewa", "version": 0 }))
            .send();
        assert_eq!(res.await.unwrap().status(), 200, "{backend:?}");
        let (_, list) = get(&kepala, &path).await;
        assert_eq!(
            (list[0]["predikat"][0]["evaluasi"].as_str(), list[0]["predikat"][0]["predikat"].as_str()),
            (Some("tahunan"), Some("istimewa")),
            "{backend:?}: {list}"
        );
        assert_eq!(list[0]["predikat"][0]["version"], 1);
        // Its own penilai, a member, the admin: nothing to set here.
        for s in [&kabid1, &staf2, &admin] {
            let (status, list) = get(s, &path).await;
            assert_eq!((status, list), (200, json!([])), "{backend:?}");
        }
        // Another instansi's admin, with this period: unseen.
        let db = app.connect().await;
        let (_, _, _, o_adm) = crate::matrix::other_instansi(&db).await;
        let lain = app.login(&o_adm).await;
        assert_eq!(get(&lain, &path).await.0, 404, "{backend:?}");
        // No period given: the server's own 422/400 for a missing query, never a 500.
        assert!((400..500).contains(&get(&kepala, "/api/v1/penilai/unit-bawahan").await.0), "{backend:?}");
    }
}
