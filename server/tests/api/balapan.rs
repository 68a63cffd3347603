//! Races on the evaluation (issue 24): the same write sent many times at
//! once, as a penilai double-tapping on a slow connection, two tablets of
//! one penilai, or a script would. Exactly one wins; the others get the
//! conflict a single late request gets (never a 500, never a lost or doubled
//! row), and what is stored agrees with itself — on both databases.

use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::helpers::{DEMO_KABID1, DEMO_STAF2, backends, spawn_app_with};
use crate::penilaian::{
    dokumen_siap, get, json_of, langkah, nilai, penilaian, tahun_lalu, tahunan, unit_siap_difinalisasi, unit_tahun,
};

const SERENTAK: usize = 8;

/// The status and error code of each answer, sorted: the winners first.
fn ringkas(mut hasil: Vec<(u16, Value)>) -> Vec<(u16, Option<String>)> {
    hasil.sort_by_key(|(s, _)| *s);
    hasil.into_iter().map(|(s, b)| (s, b["code"].as_str().map(str::to_owned))).collect()
}

/// `n` copies of one request at once, each from its own task.
async fn serentak<F, Fut>(n: usize, buat: F) -> Vec<(u16, Value)>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = (u16, Value)> + Send + 'static,
{
    let mut set = JoinSet::new();
    for i in 0..n {
        set.spawn(buat(i));
    }
    let mut out = Vec::new();
    while let Some(r) = set.join_next().await {
        out.push(r.expect("a request task panicked"));
    }
    out
}

async fn hitung(app: &crate::helpers::TestApp, sql: &'static str, id: &str) -> i64 {
    let db = app.connect().await;
    sqlx::query_scalar::<_, i64>(sql).bind(id.to_owned()).fetch_one(db.pool()).await.unwrap()
}

#[tokio::test]
async fn many_ratings_of_one_skp_at_once_keep_exactly_one() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let u = unit_tahun(&app, tahun_lalu()).await;
        let kabid1 = app.login(DEMO_KABID1).await;
        // Different ratings on the same version: whichever is stored, it is
        // one of them, whole, and the SKP moved one version.
        let pilihan = ["sesuai_ekspektasi", "diatas_ekspektasi", "dibawah_ekspektasi"];
        let hasil = serentak(SERENTAK, |i| {
            let (s, skp) = (kabid1.clone(), u.skp2.clone());
            let r = pilihan[i % 3];
            async move { nilai(&s, &skp, 3, penilaian(tahunan(), "sesuai_ekspektasi", r, "")).await }
        })
        .await;
        let menang: Vec<&Value> = hasil.iter().filter(|(s, _)| *s == 200).map(|(_, b)| b).collect();
        let r = ringkas(hasil.clone());
        assert_eq!(menang.len(), 1, "{backend:?}: {r:?}");
        // A late one is refused as stale, or as a concurrent change when it
        // read the same version while the winner was being written.
        assert!(
            r[1..]
                .iter()
                .all(|(s, c)| *s == 409 && matches!(c.as_deref(), Some("stale_version" | "concurrent_update"))),
            "{backend:?}: every other answer is a conflict: {r:?}"
        );
        let disimpan = menang[0]["penilaian"]["penilaian"]["rating_perilaku"].clone();
        let (status, p) = get(&kabid1, &format!("/api/v1/skp/{}/penilaian?evaluasi=tahunan", u.skp2)).await;
        assert_eq!(status, 200, "{p}");
        assert_eq!(p["version"], 4, "{backend:?}: one version more, not {SERENTAK}: {p}");
        assert_eq!(p["penilaian"]["penilaian"]["rating_perilaku"], disimpan, "{backend:?}: the winner is stored");
        let versi = hitung(&app, "SELECT COUNT(*) FROM skp_versi WHERE skp_id = $1", &u.skp2).await;
        assert_eq!(versi, 4, "{backend:?}: one history row for the one rating");
    }
}

#[tokio::test]
async fn many_finalisations_at_once_make_one_set_of_documents() {
    for backend in backends() {
        let tahun = tahun_lalu();
        let app = spawn_app_with(backend, None, true).await;
        let u = unit_tahun(&app, tahun).await;
        unit_siap_difinalisasi(&app, &u).await;
        let kabid1 = app.login(DEMO_KABID1).await;
        let hasil = serentak(SERENTAK, |_| {
            let (s, periode) = (kabid1.clone(), u.periode.clone());
            async move {
                let res = s
                    .post("/api/v1/penilai/distribusi/finalisasi")
                    .json(&json!({ "periode_id": periode, "evaluasi": "tahunan" }))
                    .send()
                    .await
                    .unwrap();
                json_of(res).await
            }
        })
        .await;
        let r = ringkas(hasil);
        assert_eq!(r[0].0, 201, "{backend:?}: {r:?}");
        assert!(
            r[1..].iter().all(|(s, c)| *s == 409 && c.as_deref() == Some("sudah_difinalisasi")),
            "{backend:?}: the others are told it is done: {r:?}"
        );
        for skp in [&u.skp2, &u.skp3] {
            let (_, docs) = get(&kabid1, &format!("/api/v1/skp/{skp}/dokumen-evaluasi")).await;
            assert_eq!(docs.as_array().map(Vec::len), Some(1), "{backend:?}: one document per SKP: {docs}");
        }
        let n = hitung(&app, "SELECT COUNT(*) FROM finalisasi_distribusi WHERE periode_id = $1", &u.periode).await;
        assert_eq!(n, 1, "{backend:?}");
    }
}

#[tokio::test]
async fn many_signatures_at_once_record_one_signing_act() {
    for backend in backends() {
        let tahun = tahun_lalu();
        let app = spawn_app_with(backend, None, true).await;
        let u = unit_tahun(&app, tahun).await;
        let dok = dokumen_siap(&app, &u, tahun).await;
        let kabid1 = app.login(DEMO_KABID1).await;
        let hasil = serentak(SERENTAK, |_| {
            let (s, dok) = (kabid1.clone(), dok.clone());
            async move { langkah(&s, &dok, "sign_by_penilai", 1, json!({})).await }
        })
        .await;
        let r = ringkas(hasil.clone());
        assert_eq!(r[0].0, 200, "{backend:?}: {r:?}");
        assert!(r[1..].iter().all(|(s, _)| *s == 409), "{backend:?}: {r:?}");
        let hash = hasil.iter().find(|(s, _)| *s == 200).map(|(_, b)| b["sha256_pdf"].clone()).unwrap();
        assert_eq!(
            hitung(&app, "SELECT COUNT(*) FROM dokumen_pdf WHERE dokumen_id = $1", &dok).await,
            1,
            "{backend:?}"
        );
        assert_eq!(
            hitung(&app, "SELECT COUNT(*) FROM dokumen_evaluasi_versi WHERE dokumen_id = $1", &dok).await,
            2,
            "{backend:?}: made, then signed once"
        );
        let (_, d) = get(&kabid1, &format!("/api/v1/dokumen-evaluasi/{dok}")).await;
        assert_eq!((d["version"].as_i64(), &d["sha256_pdf"]), (Some(2), &hash), "{backend:?}: {d}");
    }
}

/// A rating changed while the unit is being finalised: either the change
/// came first and the document carries it, or it is refused because the
/// unit is final — never a document that disagrees with the stored rating.
#[tokio::test]
async fn a_rating_racing_the_finalisation_never_disagrees_with_the_document() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let u = unit_tahun(&app, tahun_lalu()).await;
        unit_siap_difinalisasi(&app, &u).await;
        let kabid1 = app.login(DEMO_KABID1).await;
        let fin = {
            let (s, periode) = (kabid1.clone(), u.periode.clone());
            tokio::spawn(async move {
                let res = s
                    .post("/api/v1/penilai/distribusi/finalisasi")
                    .json(&json!({ "periode_id": periode, "evaluasi": "tahunan" }))
                    .send()
                    .await
                    .unwrap();
                json_of(res).await
            })
        };
        let ubah = {
            let (s, skp) = (kabid1.clone(), u.skp2.clone());
            tokio::spawn(async move {
                nilai(&s, &skp, 4, penilaian(tahunan(), "sesuai_ekspektasi", "dibawah_ekspektasi", "")).await
            })
        };
        let (fin, ubah): ((u16, Value), (u16, Value)) = (fin.await.unwrap(), ubah.await.unwrap());
        // The finalisation refused because a rating changed under it is
        // simply asked again (the penilai's button); the rating refused
        // because the unit became final stays as it was.
        assert!(fin.0 == 201 || (fin.0 == 409 && fin.1["code"] == "concurrent_update"), "{backend:?}: {}", fin.1);
        assert!(
            ubah.0 == 200 || (ubah.0 == 409 && ubah.1["code"] == "sudah_difinalisasi"),
            "{backend:?}: {} {}",
            ubah.0,
            ubah.1
        );
        if fin.0 != 201 {
            assert_eq!(ubah.0, 200, "{backend:?}: one of the two went through");
            let res = kabid1
                .post("/api/v1/penilai/distribusi/finalisasi")
                .json(&json!({ "periode_id": u.periode, "evaluasi": "tahunan" }))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 201, "{backend:?}: finalised when asked again");
        }
        let (_, p) = get(&kabid1, &format!("/api/v1/skp/{}/penilaian?evaluasi=tahunan", u.skp2)).await;
        let (_, docs) = get(&kabid1, &format!("/api/v1/skp/{}/dokumen-evaluasi", u.skp2)).await;
        let dok = docs[0]["id"].as_str().unwrap();
        let (_, d) = get(&kabid1, &format!("/api/v1/dokumen-evaluasi/{dok}")).await;
        let di_dokumen = &d["dokumen"]["penilaian"]["hasil"]["predikat"];
        assert_eq!(&p["penilaian"]["predikat"], di_dokumen, "{backend:?}: stored {p} document {d}");
        let harapan = if ubah.0 == 200 { "kurang" } else { "baik" };
        assert_eq!(di_dokumen, harapan, "{backend:?}: the rating that won is the one in the document");
        let staf2 = app.login(DEMO_STAF2).await;
        assert_eq!(get(&staf2, &format!("/api/v1/dokumen-evaluasi/{dok}")).await.0, 200);
    }
}
