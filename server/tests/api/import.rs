//! `POST /api/v1/admin/import`: the CSV import of pegawai.

use serde_json::Value;

use crate::helpers::{
    Backend, DEMO_ADMIN, DEMO_KABID1, DEMO_KABID2, DEMO_STAF2, Session, TestApp, backends, spawn_app_with,
};

const HEADER: &str = "nip;nama;jenis_pegawai;jabatan;jenis_jabatan;unit;nip_atasan";

/// Three new pegawai under the demo admin's sekretaris, in a new subunit, and
/// one existing demo pegawai exactly as stored.
fn valid_csv() -> String {
    [
        HEADER,
        "199801012022031001;Baru Satu;PNS;Kepala Subbagian Umum;administrasi;Sekretariat/Subbagian Umum;197811202003121002",
        "199802022023212002;Baru Dua;PPPK;Operator;pelaksana;Sekretariat/Subbagian Umum;199801012022031001",
        "199803032021011003;Baru Tiga;pns;Pranata Komputer;fungsional;Badan Kepegawaian Demo/Sekretariat/Subbagian Umum;199801012022031001",
        "198811232014022006;Nur Aisyah;pns;Analis SDM Aparatur Ahli Pertama;fungsional;Bidang Pengembangan Kompetensi;198001102005012003",
    ]
    .join("\r\n")
}

/// `POST /api/v1/admin/import` of `csv`, applied or only checked.
pub async fn import(s: &Session, csv: &str, terapkan: bool) -> (u16, Value) {
    let res = s
        .post(&format!("/api/v1/admin/import?terapkan={terapkan}"))
        .header("content-type", "text/csv; charset=utf-8")
        .body(csv.to_owned())
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

/// Every row's version in the organisation tables, for "nothing changed" checks.
async fn versions(app: &TestApp) -> Vec<(String, i64)> {
    let db = app.connect().await;
    let mut all = Vec::new();
    for table in ["pegawai", "unit_kerja", "atasan", "periode"] {
        let rows: Vec<(String, i64)> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT id, version FROM {table} ORDER BY id")))
                .fetch_all(db.pool())
                .await
                .unwrap();
        all.extend(rows);
    }
    all
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let db = app.connect().await;
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(db.pool())
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn the_template_as_downloaded_checks_as_two_new_pegawai() {
    let app = spawn_app_with(Backend::Sqlite, None, true).await;
    let admin = app.login(DEMO_ADMIN).await;
    let (status, dry) = import(&admin, &domain::api::impor::templat_impor(), false).await;
    assert_eq!(status, 200, "{dry}");
    assert_eq!((dry["baris"].as_i64(), dry["dibuat"].as_i64()), (Some(2), Some(2)), "{dry}");
}

#[tokio::test]
async fn a_valid_file_is_checked_then_applied_and_importing_it_again_changes_nothing() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let admin = app.login(DEMO_ADMIN).await;
        let before = versions(&app).await;

        let (status, dry) = import(&admin, &valid_csv(), false).await;
        assert_eq!(status, 200, "{backend:?}: {dry}");
        assert_eq!(dry["terapkan"], false);
        assert_eq!((dry["dibuat"].as_i64(), dry["tidak_berubah"].as_i64()), (Some(3), Some(1)), "{dry}");
        assert_eq!(versions(&app).await, before, "a dry run writes nothing");

        let (status, applied) = import(&admin, &valid_csv(), true).await;
        assert_eq!(status, 200, "{applied}");
        assert_eq!(applied["terapkan"], true);
        for (field, n) in
            [("baris", 4), ("dibuat", 3), ("diubah", 0), ("tidak_berubah", 1), ("unit_dibuat", 1), ("atasan_diubah", 3)]
        {
            assert_eq!(applied[field], n, "{field}: {applied}");
            assert_eq!(dry[field], n, "the dry run counted the same: {field}");
        }
        assert_eq!(count(&app, "pegawai").await, 15);

        // The unit tree grew one level and the mapping names penilai and atasan penilai.
        let db = app.connect().await;
        let (unit, induk): (String, String) = sqlx::query_as(
            "SELECT u.nama, i.nama FROM pegawai p JOIN unit_kerja u ON u.id = p.unit_id \
             JOIN unit_kerja i ON i.id = u.induk_id WHERE p.nip = '199803032021011003'",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!((unit.as_str(), induk.as_str()), ("Subbagian Umum", "Sekretariat"));
        let (penilai, atasan_penilai): (String, String) = sqlx::query_as(
            "SELECT pn.nip, apn.nip FROM atasan a JOIN pegawai p ON p.id = a.pegawai_id \
             JOIN pegawai pn ON pn.id = a.penilai_id JOIN pegawai apn ON apn.id = a.atasan_penilai_id \
             WHERE p.nip = '199802022023212002' AND a.berlaku_sampai IS NULL",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!((penilai.as_str(), atasan_penilai.as_str()), ("199801012022031001", "197811202003121002"));
        let (atasan_dari_db,): (String,) = sqlx::query_as(
            "SELECT apn.nip FROM atasan a JOIN pegawai p ON p.id = a.pegawai_id \
             JOIN pegawai apn ON apn.id = a.atasan_penilai_id WHERE p.nip = '199801012022031001'",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(atasan_dari_db, "197204152000032001", "an atasan from the database brings their own atasan");

        let after = versions(&app).await;
        let (status, again) = import(&admin, &valid_csv(), true).await;
        assert_eq!(status, 200);
        for (field, n) in [("dibuat", 0), ("diubah", 0), ("tidak_berubah", 4), ("unit_dibuat", 0), ("atasan_diubah", 0)]
        {
            assert_eq!(again[field], n, "{field}: {again}");
        }
        assert_eq!(versions(&app).await, after, "a re-import leaves every version as it was");

        let changed = valid_csv().replace("Operator;", "Operator Senior;");
        let (_, once_more) = import(&admin, &changed, true).await;
        assert_eq!((once_more["diubah"].as_i64(), once_more["tidak_berubah"].as_i64()), (Some(1), Some(3)));
    }
}

#[tokio::test]
async fn a_file_with_problems_gets_the_row_report_and_nothing_is_written() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let admin = app.login(DEMO_ADMIN).await;
        let before = versions(&app).await;
        let csv = [
            HEADER,
            "199801012022031001;Baru Satu;pns;Analis;fungsional;Sekretariat;197811202003121002",
            "199801012022131001;Bulan Salah;pns;Analis;fungsional;Sekretariat;",
            "199801012022031001;Ganda;pns;Analis;fungsional;Sekretariat;",
            "199804042022031004;Tanpa Unit;pns;Analis;struktural;;199999999999999999",
        ]
        .join("\n");
        let (status, body) = import(&admin, &csv, true).await;
        assert_eq!(status, 422, "{backend:?}: {body}");
        assert_eq!(body["code"], "import_invalid");
        assert!(body["message"]["id"].as_str().unwrap().contains("tidak ada yang diubah"));
        let rows: Vec<(i64, &str, &str)> = body["laporan"]["kesalahan"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| (k["baris"].as_i64().unwrap(), k["kolom"].as_str().unwrap(), k["kode"].as_str().unwrap()))
            .collect();
        assert_eq!(
            rows,
            [
                (3, "nip", "nip_tidak_valid"),
                (4, "nip", "nip_ganda"),
                (5, "jenis_jabatan", "jenis_jabatan_tidak_dikenal"),
                (5, "unit", "wajib_diisi"),
                (5, "nip_atasan", "nip_atasan_tidak_valid"),
            ]
        );
        assert_eq!(body["laporan"]["total"], 5);
        assert_eq!(body["laporan"]["kesalahan"][0]["diperbaiki_oleh"]["id"], "pegawai ybs / BKN (SIASN)");
        assert!(body["fields"]["baris[3].nip"][0]["id"].as_str().unwrap().contains("pegawai ybs / BKN (SIASN)"));
        assert_eq!(versions(&app).await, before, "nothing written");
        assert_eq!(count(&app, "pegawai").await, 12);

        let taken = format!("{HEADER}\n{};Orang Lain;pns;Analis;fungsional;Sekretariat;", crate::org::LAIN_NIP);
        crate::org::admin_lain(&app).await;
        let (status, body) = import(&admin, &taken, true).await;
        assert_eq!(status, 422);
        assert_eq!(body["laporan"]["kesalahan"][0]["kode"], "nip_di_instansi_lain");
        assert_eq!(body["laporan"]["kesalahan"][0]["perbaikan"], "instansi_asal");
    }
}

#[tokio::test]
async fn only_an_admin_may_import_and_only_csv() {
    for backend in backends() {
        only_an_admin_may_import_and_only_csv_on(backend).await;
    }
}

async fn only_an_admin_may_import_and_only_csv_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let staf = app.login(DEMO_STAF2).await;
    let (status, _) = import(&staf, &valid_csv(), false).await;
    assert_eq!(status, 403);
    let admin = app.login(DEMO_ADMIN).await;
    let res = admin.post("/api/v1/admin/import").json(&serde_json::json!({ "csv": "x" })).send().await.unwrap();
    assert_eq!(res.status(), 415);
    let res = admin
        .post("/api/v1/admin/import?periode_id=tidak-ada")
        .header("content-type", "text/csv")
        .body(valid_csv())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let (status, body) = import(&admin, "", false).await;
    assert_eq!((status, body["laporan"]["kesalahan"][0]["kode"].as_str()), (422, Some("berkas_kosong")));
}

#[tokio::test]
async fn a_file_larger_than_the_json_limit_is_accepted() {
    for backend in backends() {
        a_file_larger_than_the_json_limit_is_accepted_on(backend).await;
    }
}

async fn a_file_larger_than_the_json_limit_is_accepted_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let admin = app.login(DEMO_ADMIN).await;
    let mut csv = valid_csv();
    // ~1.5 MB of ignored columns' worth of padding on valid rows.
    csv = csv.replace("nip_atasan", "nip_atasan;catatan");
    let pad = "x".repeat(1_600_000);
    csv.push_str(&format!("\r\n199805052022031005;Baru Lima;pns;Analis;fungsional;Sekretariat;;{pad}"));
    let (status, body) = import(&admin, &csv, false).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["dibuat"], 4);
}

#[tokio::test]
async fn an_import_replayed_with_its_key_returns_the_first_summary_and_changes_nothing() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let admin = app.login(DEMO_ADMIN).await;
        let send = |terapkan: bool, key: &'static str| {
            let req = crate::org::with_key(
                &admin,
                reqwest::Method::POST,
                &format!("/api/v1/admin/import?terapkan={terapkan}"),
                key,
            );
            async move {
                let res = req.header("content-type", "text/csv").body(valid_csv()).send().await.unwrap();
                let replayed = res.headers().get("idempotent-replayed").is_some();
                (res.status().as_u16(), replayed, res.json::<Value>().await.unwrap())
            }
        };
        let (status, replayed, first) = send(true, "impor").await;
        assert_eq!((status, replayed, first["dibuat"].as_i64()), (200, false, Some(3)), "{backend:?}: {first}");
        let after = versions(&app).await;
        let again = send(true, "impor").await;
        assert_eq!(again, (200, true, first), "the first summary, not a re-import's");
        assert_eq!(versions(&app).await, after, "the replay wrote nothing");
        assert_eq!(count(&app, "pegawai").await, 15);

        // A dry run's answer is kept with its key as well, and writes nothing.
        let (status, replayed, dry) = send(false, "periksa").await;
        assert_eq!((status, replayed, dry["tidak_berubah"].as_i64()), (200, false, Some(4)), "{dry}");
        assert_eq!(send(false, "periksa").await, (200, true, dry));
        assert_eq!(versions(&app).await, after);
    }
}

#[tokio::test]
async fn a_transfer_by_import_moves_an_existing_skp_to_the_new_penilai() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let admin = app.login(DEMO_ADMIN).await;
        let pegawai = app.login(DEMO_STAF2).await;
        let periode = crate::skp::periode_id(&app).await;
        let skp: Value =
            crate::skp::create(&pegawai, &periode, "Terlaksananya pelatihan teknis").await.json().await.unwrap();
        let id = skp["id"].as_str().unwrap();
        // Nur Aisyah's row now names kabid2 as her atasan.
        let row = "198811232014022006;Nur Aisyah;pns;Analis SDM Aparatur Ahli Pertama;fungsional;Bidang Pengembangan Kompetensi";
        let csv = format!("{HEADER}\r\n{row};{DEMO_KABID2}");
        let (status, applied) = import(&admin, &csv, true).await;
        assert_eq!((status, applied["atasan_diubah"].as_i64()), (200, Some(1)), "{backend:?}: {applied}");
        let baru = app.login(DEMO_KABID2).await;
        let lama = app.login(DEMO_KABID1).await;
        assert_eq!(baru.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().status(), 200, "{backend:?}");
        assert_eq!(lama.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().status(), 404, "{backend:?}");
    }
}

/// `POST /api/v1/admin/import?sebagian=true`: the rows that pass, checked or applied.
async fn import_sebagian(s: &Session, csv: &str, terapkan: bool, key: &str) -> (u16, bool, Value) {
    let res = crate::org::with_key(
        s,
        reqwest::Method::POST,
        &format!("/api/v1/admin/import?terapkan={terapkan}&sebagian=true"),
        key,
    )
    .header("content-type", "text/csv; charset=utf-8")
    .body(csv.to_owned())
    .send()
    .await
    .unwrap();
    let replayed = res.headers().get("idempotent-replayed").is_some();
    (res.status().as_u16(), replayed, res.json().await.unwrap())
}

fn kode_dilewati(r: &Value) -> Vec<(i64, String, String)> {
    r["dilewati"]["kesalahan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (k["baris"].as_i64().unwrap(), k["kolom"].as_str().unwrap().into(), k["kode"].as_str().unwrap().into())
        })
        .collect()
}

/// Two new pegawai and a transfer that pass; a kepala seksi with an unknown
/// jenis_jabatan (row 3) and the pegawai rated by them (row 4), who are left out.
fn partly_valid_csv() -> String {
    [
        HEADER,
        "199801012022031001;Baru Satu;pns;Kepala Subbagian Umum;administrasi;Sekretariat/Subbagian Umum;197811202003121002",
        "199804042022031004;Kepala Salah;pns;Kepala Seksi;struktural;Sekretariat;197811202003121002",
        "199805052022031005;Bawahan Salah;pns;Analis;fungsional;Sekretariat;199804042022031004",
        "198811232014022006;Nur Aisyah;pns;Analis SDM Aparatur Ahli Pertama;fungsional;Bidang Pengembangan Kompetensi;198206252006041001",
        "199802022023212002;Baru Dua;PPPK;Operator;pelaksana;Sekretariat/Subbagian Umum;199801012022031001",
    ]
    .join("\r\n")
}

#[tokio::test]
async fn with_sebagian_the_rows_that_pass_land_and_the_bad_and_dependent_rows_are_reported() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let admin = app.login(DEMO_ADMIN).await;
        let before = versions(&app).await;
        let csv = partly_valid_csv();

        // The default stays all or nothing.
        let (status, body) = import(&admin, &csv, true).await;
        assert_eq!((status, body["code"].as_str()), (422, Some("import_invalid")), "{backend:?}: {body}");
        assert_eq!(body["laporan"]["total"], 1, "{body}");
        assert_eq!(versions(&app).await, before, "nothing written");

        // Checked: what would land, and what would not, and why.
        let (status, _, dry) = import_sebagian(&admin, &csv, false, "periksa-sebagian").await;
        assert_eq!(status, 200, "{dry}");
        assert_eq!(versions(&app).await, before, "a dry run writes nothing");
        let expected_dilewati = vec![
            (3, "jenis_jabatan".to_owned(), "jenis_jabatan_tidak_dikenal".to_owned()),
            (4, "nip_atasan".to_owned(), "atasan_dilewati".to_owned()),
        ];
        assert_eq!(kode_dilewati(&dry), expected_dilewati);
        assert!(dry["dilewati"]["kesalahan"][1]["pesan"]["id"].as_str().unwrap().contains("baris 3"), "{dry}");

        // Applied: the same, in one go.
        let (status, replayed, applied) = import_sebagian(&admin, &csv, true, "terapkan-sebagian").await;
        assert_eq!((status, replayed), (200, false), "{applied}");
        for (field, n) in [
            ("baris", 5),
            ("baris_diterapkan", 3),
            ("baris_dilewati", 2),
            ("dibuat", 2),
            ("diubah", 0),
            ("tidak_berubah", 1),
            ("unit_dibuat", 1),
            ("atasan_diubah", 3),
        ] {
            assert_eq!(applied[field], n, "{field}: {applied}");
            assert_eq!(dry[field], n, "the dry run counted the same: {field}");
        }
        assert_eq!((applied["sebagian"].as_bool(), applied["terapkan"].as_bool()), (Some(true), Some(true)));
        assert_eq!(kode_dilewati(&applied), expected_dilewati);
        assert_eq!(applied["dilewati"]["total"], 2);
        assert_eq!(count(&app, "pegawai").await, 14);
        let db = app.connect().await;
        let nips: Vec<(String,)> = sqlx::query_as(
            "SELECT nip FROM pegawai WHERE nip IN ('199801012022031001', '199802022023212002', '199804042022031004', \
             '199805052022031005') ORDER BY nip",
        )
        .fetch_all(db.pool())
        .await
        .unwrap();
        let nips: Vec<&str> = nips.iter().map(|(n,)| n.as_str()).collect();
        assert_eq!(nips, ["199801012022031001", "199802022023212002"], "the rows left out did not land");
        let (penilai,): (String,) = sqlx::query_as(
            "SELECT pn.nip FROM atasan a JOIN pegawai p ON p.id = a.pegawai_id JOIN pegawai pn ON pn.id = a.penilai_id \
             WHERE p.nip = '198811232014022006' AND a.berlaku_sampai IS NULL",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(penilai, DEMO_KABID2, "the transfer in a passing row landed");

        // The same key: the first answer, nothing written again.
        let after = versions(&app).await;
        let (status, replayed, again) = import_sebagian(&admin, &csv, true, "terapkan-sebagian").await;
        assert_eq!((status, replayed, &again), (200, true, &applied));
        assert_eq!(versions(&app).await, after);
        // A new key: the rows that landed are unchanged, the others still left out.
        let (status, _, once_more) = import_sebagian(&admin, &csv, true, "terapkan-sebagian-lagi").await;
        assert_eq!(status, 200, "{once_more}");
        assert_eq!((once_more["tidak_berubah"].as_i64(), once_more["atasan_diubah"].as_i64()), (Some(3), Some(0)));
        assert_eq!(kode_dilewati(&once_more), expected_dilewati);
        assert_eq!(versions(&app).await, after, "a re-import leaves every version as it was");

        // Only an admin.
        let staf = app.login(DEMO_STAF2).await;
        let (status, _, _) = import_sebagian(&staf, &csv, true, "staf").await;
        assert_eq!(status, 403);
    }
}

#[tokio::test]
async fn with_sebagian_a_file_without_a_row_that_passes_is_refused_and_nothing_is_written() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let admin = app.login(DEMO_ADMIN).await;
        let before = versions(&app).await;
        let csv = [
            HEADER,
            "199804042022031004;Kepala Salah;pns;Kepala Seksi;struktural;Sekretariat;197811202003121002",
            "199805052022031005;Bawahan Salah;pns;Analis;fungsional;Sekretariat;199804042022031004",
        ]
        .join("\n");
        let (status, _, body) = import_sebagian(&admin, &csv, true, "semua-salah").await;
        assert_eq!((status, body["code"].as_str()), (422, Some("import_invalid")), "{backend:?}: {body}");
        let kode: Vec<&str> =
            body["laporan"]["kesalahan"].as_array().unwrap().iter().map(|k| k["kode"].as_str().unwrap()).collect();
        assert_eq!(kode, ["jenis_jabatan_tidak_dikenal", "atasan_dilewati"]);
        assert_eq!(versions(&app).await, before, "nothing written");
    }
}
