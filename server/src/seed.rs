//! The demo instansi for `make run`: a few units, a supervisor chain and a
//! dozen pegawai, and for `make run` the year so far in one unit
//! ([`seed_demo_kegiatan`]).
//! Seeding only ever touches an empty database.

use std::net::SocketAddr;

use anyhow::Context;
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt;
use uuid::Uuid;

use crate::db::Db;
use crate::password;

pub const DEMO_KODE: &str = "DEMO";
/// Printed at start; only the demo instansi uses it.
pub const DEMO_PASSWORD: &str = "demo-ekinerja";

struct DemoPegawai {
    kunci: &'static str,
    nip: &'static str,
    nama: &'static str,
    jenis_jabatan: &'static str,
    jabatan: &'static str,
    unit: &'static str,
    penilai: Option<&'static str>,
    peran: &'static str,
}

const UNITS: [(&str, &str, Option<&str>); 4] = [
    ("kepala", "Badan Kepegawaian Demo", None),
    ("sekretariat", "Sekretariat", Some("kepala")),
    ("pengembangan", "Bidang Pengembangan Kompetensi", Some("kepala")),
    ("penilaian", "Bidang Penilaian Kinerja", Some("kepala")),
];

#[rustfmt::skip]
const PEGAWAI: [DemoPegawai; 12] = [
    DemoPegawai { kunci: "kepala", nip: "197204152000032001", nama: "Dr. Rina Wulandari", jenis_jabatan: "jpt", jabatan: "Kepala Badan", unit: "kepala", penilai: None, peran: "pegawai" },
    DemoPegawai { kunci: "sekretaris", nip: "197811202003121002", nama: "Ahmad Fauzi", jenis_jabatan: "administrasi", jabatan: "Sekretaris", unit: "sekretariat", penilai: Some("kepala"), peran: "pegawai" },
    DemoPegawai { kunci: "kabid1", nip: "198001102005012003", nama: "Siti Rahmawati", jenis_jabatan: "administrasi", jabatan: "Kepala Bidang Pengembangan Kompetensi", unit: "pengembangan", penilai: Some("kepala"), peran: "pegawai" },
    DemoPegawai { kunci: "kabid2", nip: "198206252006041001", nama: "Budi Santoso", jenis_jabatan: "administrasi", jabatan: "Kepala Bidang Penilaian Kinerja", unit: "penilaian", penilai: Some("kepala"), peran: "pegawai" },
    DemoPegawai { kunci: "admin", nip: "199003152015032004", nama: "Dewi Lestari", jenis_jabatan: "pelaksana", jabatan: "Pengelola Data Kepegawaian", unit: "sekretariat", penilai: Some("sekretaris"), peran: "admin_instansi" },
    DemoPegawai { kunci: "staf1", nip: "199205082019031005", nama: "Rizky Pratama", jenis_jabatan: "pelaksana", jabatan: "Pengadministrasi Umum", unit: "sekretariat", penilai: Some("sekretaris"), peran: "pegawai" },
    DemoPegawai { kunci: "staf2", nip: "198811232014022006", nama: "Nur Aisyah", jenis_jabatan: "fungsional", jabatan: "Analis SDM Aparatur Ahli Pertama", unit: "pengembangan", penilai: Some("kabid1"), peran: "pegawai" },
    DemoPegawai { kunci: "staf3", nip: "199107172017011007", nama: "Agus Setiawan", jenis_jabatan: "fungsional", jabatan: "Widyaiswara Ahli Muda", unit: "pengembangan", penilai: Some("kabid1"), peran: "pegawai" },
    DemoPegawai { kunci: "staf4", nip: "199512302022032008", nama: "Putri Maharani", jenis_jabatan: "pelaksana", jabatan: "Pengolah Data Pelatihan", unit: "pengembangan", penilai: Some("kabid1"), peran: "pegawai" },
    DemoPegawai { kunci: "staf5", nip: "198709142012121009", nama: "Hendra Gunawan", jenis_jabatan: "fungsional", jabatan: "Analis Kinerja Ahli Pertama", unit: "penilaian", penilai: Some("kabid2"), peran: "pegawai" },
    DemoPegawai { kunci: "staf6", nip: "199402202020122010", nama: "Maya Sari", jenis_jabatan: "pelaksana", jabatan: "Pengelola Data Kinerja", unit: "penilaian", penilai: Some("kabid2"), peran: "pegawai" },
    DemoPegawai { kunci: "staf7", nip: "199606112023211011", nama: "Yusuf Hidayat", jenis_jabatan: "pelaksana", jabatan: "Operator Layanan Operasional (PPPK)", unit: "penilaian", penilai: Some("kabid2"), peran: "pegawai" },
];

/// Seeds the demo instansi in one transaction when no instansi exists yet.
/// Returns whether it seeded.
pub async fn seed_demo_if_empty(db: &Db) -> anyhow::Result<bool> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM instansi").fetch_one(db.pool()).await.context("counting instansi")?;
    if count > 0 {
        return Ok(false);
    }
    let hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let instansi = Uuid::new_v4().to_string();
    let periode = Uuid::new_v4().to_string();
    let unit_id = |k: &str| -> String { format!("{instansi}-unit-{k}") };
    let pegawai_id = |k: &str| -> String { format!("{instansi}-pegawai-{k}") };

    let mut tx = db.pool().begin().await?;
    sqlx::query("INSERT INTO instansi (id, instansi_id, kode, nama) VALUES ($1, $1, $2, $3)")
        .bind(&instansi)
        .bind(DEMO_KODE)
        .bind("Badan Kepegawaian Demo")
        .execute(&mut *tx)
        .await?;
    for (kunci, nama, induk) in UNITS {
        sqlx::query("INSERT INTO unit_kerja (id, instansi_id, induk_id, nama) VALUES ($1, $2, $3, $4)")
            .bind(unit_id(kunci))
            .bind(&instansi)
            .bind(induk.map(unit_id))
            .bind(nama)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO periode (id, instansi_id, tahun, rule_set, siklus, mulai, selesai) \
         VALUES ($1, $2, 2026, 'permenpanrb_6_2022', 'triwulanan', '2026-01-01', '2026-12-31')",
    )
    .bind(&periode)
    .bind(&instansi)
    .execute(&mut *tx)
    .await?;
    for p in &PEGAWAI {
        let jenis = if p.jabatan.contains("(PPPK)") { "pppk" } else { "pns" };
        sqlx::query(
            "INSERT INTO pegawai (id, instansi_id, nip, nama, jenis_pegawai, jenis_jabatan, jabatan, unit_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(pegawai_id(p.kunci))
        .bind(&instansi)
        .bind(p.nip)
        .bind(p.nama)
        .bind(jenis)
        .bind(p.jenis_jabatan)
        .bind(p.jabatan)
        .bind(unit_id(p.unit))
        .execute(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO akun (pegawai_id, instansi_id, password_hash, peran) VALUES ($1, $2, $3, $4)")
            .bind(pegawai_id(p.kunci))
            .bind(&instansi)
            .bind(&hash)
            .bind(p.peran)
            .execute(&mut *tx)
            .await?;
    }
    for p in &PEGAWAI {
        let atasan_penilai = p.penilai.and_then(|k| PEGAWAI.iter().find(|q| q.kunci == k)).and_then(|q| q.penilai);
        sqlx::query(
            "INSERT INTO atasan (id, instansi_id, periode_id, pegawai_id, penilai_id, atasan_penilai_id, berlaku_mulai) \
             VALUES ($1, $2, $3, $4, $5, $6, '2026-01-01')",
        )
        .bind(Uuid::new_v4().to_string())
        .bind(&instansi)
        .bind(&periode)
        .bind(pegawai_id(p.kunci))
        .bind(p.penilai.map(pegawai_id))
        .bind(atasan_penilai.map(pegawai_id))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await.context("committing the demo seed")?;
    tracing::info!(pegawai = PEGAWAI.len(), "demo instansi seeded");
    Ok(true)
}

/// Prints the demo accounts when the demo instansi exists.
pub async fn print_demo_accounts(db: &Db) -> anyhow::Result<()> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT p.nip, p.nama, p.jabatan, a.peran FROM pegawai p \
         JOIN akun a ON a.pegawai_id = p.id JOIN instansi i ON i.id = p.instansi_id \
         WHERE i.kode = $1 ORDER BY p.nip",
    )
    .bind(DEMO_KODE)
    .fetch_all(db.pool())
    .await
    .context("listing demo accounts")?;
    if rows.is_empty() {
        return Ok(());
    }
    println!("Akun demo / demo accounts (kata sandi / password: {DEMO_PASSWORD}):");
    for (nip, nama, jabatan, peran) in rows {
        let peran = if peran == "admin_instansi" { "  [admin instansi]" } else { "" };
        println!("  NIP {nip}  {nama} — {jabatan}{peran}");
    }
    Ok(())
}

/// The demo's year so far, made through the API itself (in process, as the
/// app would make it, so every rule and every history row is the real
/// one): in the Bidang Penilaian Kinerja, Hendra, Maya and Yusuf have a set
/// SKP with monthly documentation, so their penilai Budi Santoso can give
/// feedback and they can record realisasi; Maya proposed Hendra and Yusuf
/// as rekan setingkat for her 360, Budi confirmed them and added Rizky
/// (Sekretariat, of the same level): three colleagues asked to answer, the
/// smallest group whose answers the aggregate shows.
pub async fn seed_demo_kegiatan(db: &Db, router: &Router) -> anyhow::Result<()> {
    // The instansi documents monthly in the year the demo shows (a period
    // with no SKP yet takes the change).
    sqlx::query(
        "UPDATE periode SET siklus = 'bulanan' WHERE instansi_id = (SELECT id FROM instansi WHERE kode = $1) \
         AND NOT EXISTS (SELECT 1 FROM skp WHERE skp.periode_id = periode.id)",
    )
    .bind(DEMO_KODE)
    .execute(db.pool())
    .await
    .context("the demo period's documentation cycle")?;
    let api = Api { router };
    let id_of = |nip: &'static str| async move {
        let (id,): (String,) = sqlx::query_as("SELECT id FROM pegawai WHERE nip = $1")
            .bind(nip)
            .fetch_one(db.pool())
            .await
            .with_context(|| format!("the demo pegawai {nip}"))?;
        anyhow::Ok(id)
    };
    let nip = |k: &str| PEGAWAI.iter().find(|p| p.kunci == k).map(|p| p.nip).expect("a demo pegawai");
    let budi = api.masuk(nip("kabid2")).await?;
    let periode = budi.get("/api/v1/org/periode").await?;
    let periode_id = periode[0]["id"].as_str().context("the demo period")?.to_owned();
    for (kunci, rencana) in RENCANA_DEMO {
        let s = api.masuk(nip(kunci)).await?;
        let rencana: Value = serde_json::from_str(rencana).context("a demo plan")?;
        let skp = s.kirim(Method::POST, "/api/v1/skp", json!({ "periode_id": periode_id, "rencana": rencana })).await?;
        let id = skp["id"].as_str().context("the demo SKP's id")?;
        s.kirim(Method::POST, &format!("/api/v1/skp/{id}/submit"), json!({ "version": 1, "catatan": "" })).await?;
        budi.kirim(Method::POST, &format!("/api/v1/skp/{id}/approve"), json!({ "version": 2, "catatan": "" })).await?;
    }
    let maya = api.masuk(nip("staf6")).await?;
    let maya_id = id_of(nip("staf6")).await?;
    for rekan in ["staf5", "staf7"] {
        let usul = json!({ "periode_id": periode_id, "pegawai_id": maya_id, "penilai_id": id_of(nip(rekan)).await?, "kelompok": "rekan" });
        let baris = maya.kirim(Method::POST, "/api/v1/penilai-360", usul).await?;
        let id = baris["id"].as_str().context("a proposed rater's id")?;
        budi.kirim(Method::POST, &format!("/api/v1/penilai-360/{id}/konfirmasi"), Value::Null).await?;
    }
    // A third peer of the same level from the Sekretariat, set by the penilai:
    // a group of three, the smallest whose answers are shown.
    let rekan = json!({ "periode_id": periode_id, "pegawai_id": maya_id, "penilai_id": id_of(nip("staf1")).await?, "kelompok": "rekan" });
    budi.kirim(Method::POST, "/api/v1/penilai-360", rekan).await?;
    tracing::info!("demo year seeded: three set SKPs and a 360");
    Ok(())
}

/// How far the demo's year goes (`serve --demo-tahap`), so that nobody
/// waits a year to try the evaluation: the clock is moved with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TahapDemo {
    /// The year so far (the default of `make run`): plans set, a 360 asked.
    Berjalan,
    /// The year has ended (the server's day is 5 January of the next
    /// year): every indicator's realisation of the year recorded, the
    /// organisation's predikat set; the penilai rates the unit.
    Penilaian,
    /// The unit is rated and finalised: the documents wait for the
    /// penilai's signature.
    TandaTangan,
}

impl TahapDemo {
    /// The server's day for the stage (`None`: the machine's).
    pub fn tanggal(self) -> Option<domain::tanggal::Tanggal> {
        match self {
            TahapDemo::Berjalan => None,
            TahapDemo::Penilaian | TahapDemo::TandaTangan => domain::tanggal::Tanggal::new(DEMO_TAHUN + 1, 1, 5),
        }
    }
}

impl TahapDemo {
    /// The day a later stage's year was planned on (`None`: the running year's).
    pub fn awal(self) -> Option<domain::tanggal::Tanggal> {
        (self != TahapDemo::Berjalan).then(|| domain::tanggal::Tanggal::new(DEMO_TAHUN, 1, 15)).flatten()
    }
}

/// The demo period's year.
const DEMO_TAHUN: i32 = 2026;

/// The demo's year to `tahap`, after [`seed_demo_kegiatan`], through the
/// API: Hendra, Maya and Yusuf record the year's realisations (above, on
/// and below target), the admin sets the Bidang's organisation predikat
/// ("Baik") and, for [`TahapDemo::TandaTangan`], Budi Santoso rates and
/// finalises the unit.
pub async fn seed_demo_tahap(router: &Router, tahap: TahapDemo) -> anyhow::Result<()> {
    if tahap == TahapDemo::Berjalan {
        return Ok(());
    }
    let api = Api { router };
    let nip = |k: &str| PEGAWAI.iter().find(|p| p.kunci == k).map(|p| p.nip).expect("a demo pegawai");
    let budi = api.masuk(nip("kabid2")).await?;
    let periode = budi.get("/api/v1/org/periode").await?;
    let periode_id = periode[0]["id"].as_str().context("the demo period")?.to_owned();
    // The year's results: per indicator a share of the target.
    let mut skp_ids = Vec::new();
    for ((kunci, rencana), persen) in RENCANA_DEMO.iter().zip([110, 100, 80]) {
        let s = api.masuk(nip(kunci)).await?;
        let skp = s.get("/api/v1/skp").await?;
        let id = skp
            .as_array()
            .and_then(|a| a.iter().find(|x| x["periode_id"] == periode_id.as_str()))
            .and_then(|x| x["id"].as_str())
            .context("the demo SKP")?
            .to_owned();
        let rencana: Value = serde_json::from_str(rencana).context("a demo plan")?;
        for rhk in rencana["rhk"].as_array().into_iter().flatten() {
            for iki in rhk["indikator"].as_array().into_iter().flatten() {
                let target: f64 = iki["target"].as_str().and_then(|t| t.parse().ok()).unwrap_or(1.0);
                let nilai = (target * f64::from(persen) / 100.0).round().to_string();
                let version = s.get(&format!("/api/v1/skp/{id}")).await?["version"].clone();
                let realisasi = json!({
                    "indikator_id": iki["id"], "evaluasi": { "jenis": "tahunan" }, "nilai": nilai,
                    "uraian": "Rekap capaian tahun berjalan", "bukti_dukung": ["https://arsip.example/laporan-tahunan.pdf"]
                });
                s.kirim(
                    Method::PUT,
                    &format!("/api/v1/skp/{id}/realisasi"),
                    json!({ "version": version, "realisasi": realisasi }),
                )
                .await?;
            }
        }
        skp_ids.push(id);
    }
    let admin = api.masuk(nip("admin")).await?;
    let unit = budi.get(&format!("/api/v1/penilai/distribusi?periode_id={periode_id}&evaluasi=tahunan")).await?;
    let unit_id = unit["unit_id"].as_str().context("the Bidang's unit")?;
    admin
        .kirim(
            Method::PUT,
            &format!("/api/v1/unit/{unit_id}/predikat-organisasi"),
            json!({ "periode_id": periode_id, "evaluasi": "tahunan", "predikat": "baik", "version": 0 }),
        )
        .await?;
    if tahap == TahapDemo::TandaTangan {
        // Hendra above, Maya on, Yusuf below target: very good, good, needs improvement.
        for (id, (hasil, perilaku)) in skp_ids.iter().zip([
            ("diatas_ekspektasi", "diatas_ekspektasi"),
            ("sesuai_ekspektasi", "sesuai_ekspektasi"),
            ("dibawah_ekspektasi", "sesuai_ekspektasi"),
        ]) {
            let p = budi.get(&format!("/api/v1/skp/{id}/penilaian?evaluasi=tahunan")).await?;
            let alasan = if p["saran"]["saran"] == hasil { "" } else { "Sesuai kalibrasi unit." };
            let penilaian = json!({
                "evaluasi": { "jenis": "tahunan" }, "rating_hasil_kerja": hasil, "alasan": alasan,
                "rating_perilaku": perilaku, "catatan": "Pertahankan capaian.", "rekomendasi": "Pelatihan lanjutan."
            });
            budi.kirim(
                Method::PUT,
                &format!("/api/v1/skp/{id}/penilaian"),
                json!({ "version": p["version"], "penilaian": penilaian, "perilaku_per_nilai": {} }),
            )
            .await?;
        }
        budi.kirim(
            Method::POST,
            "/api/v1/penilai/distribusi/finalisasi",
            json!({ "periode_id": periode_id, "evaluasi": "tahunan", "alasan": "" }),
        )
        .await?;
    }
    tracing::info!(?tahap, "demo year seeded to its stage");
    Ok(())
}

/// The demo plans: (pegawai, `SkpInput` as the API takes it).
const RENCANA_DEMO: [(&str, &str); 3] = [
    (
        "staf5",
        r#"{"pendekatan":"kuantitatif","ekspektasi_khusus":[],"lampiran":{"dukungan_sumber_daya":["Aplikasi e-Kinerja"],"skema_pertanggungjawaban":["Laporan bulanan kepada Kepala Bidang"],"konsekuensi":[]},"rhk":[{"id":"rhk-1","uraian":"Tersusunnya analisis capaian kinerja unit kerja","jenis":"utama","rhk_atasan_id":"","perspektif":null,"indikator":[{"id":"iki-1","uraian":"Jumlah laporan analisis capaian kinerja unit kerja","aspek":"kuantitas","target":"12","target_maks":"","satuan":"laporan","polaritas":"normal"},{"id":"iki-2","uraian":"Persentase laporan analisis yang disampaikan tepat waktu","aspek":"waktu","target":"100","target_maks":"","satuan":"persen","polaritas":"normal"}]}]}"#,
    ),
    (
        "staf6",
        r#"{"pendekatan":"kuantitatif","ekspektasi_khusus":[],"lampiran":{"dukungan_sumber_daya":["Aplikasi e-Kinerja","Data SKP seluruh unit"],"skema_pertanggungjawaban":["Laporan bulanan kepada Kepala Bidang"],"konsekuensi":[]},"rhk":[{"id":"rhk-1","uraian":"Terkelolanya data kinerja pegawai","jenis":"utama","rhk_atasan_id":"","perspektif":null,"indikator":[{"id":"iki-1","uraian":"Jumlah data kinerja pegawai yang divalidasi","aspek":"kuantitas","target":"1200","target_maks":"","satuan":"data","polaritas":"normal"},{"id":"iki-2","uraian":"Persentase data kinerja yang mutakhir","aspek":"kualitas","target":"95","target_maks":"","satuan":"persen","polaritas":"normal"}]},{"id":"rhk-2","uraian":"Terlaksananya layanan informasi kinerja bagi pegawai","jenis":"utama","rhk_atasan_id":"","perspektif":null,"indikator":[{"id":"iki-3","uraian":"Jumlah permintaan informasi kinerja yang dilayani","aspek":"kuantitas","target":"120","target_maks":"","satuan":"permintaan","polaritas":"normal"}]}]}"#,
    ),
    (
        "staf7",
        r#"{"pendekatan":"kuantitatif","ekspektasi_khusus":[],"lampiran":{"dukungan_sumber_daya":[],"skema_pertanggungjawaban":["Laporan bulanan kepada Kepala Bidang"],"konsekuensi":[]},"rhk":[{"id":"rhk-1","uraian":"Terlaksananya layanan operasional bidang","jenis":"utama","rhk_atasan_id":"","perspektif":null,"indikator":[{"id":"iki-1","uraian":"Jumlah permintaan layanan operasional yang diselesaikan","aspek":"kuantitas","target":"240","target_maks":"","satuan":"permintaan","polaritas":"normal"}]}]}"#,
    ),
];

/// The API in process, for [`seed_demo_kegiatan`].
struct Api<'a> {
    router: &'a Router,
}

/// One demo person's session: its cookie and CSRF token.
struct Sesi<'a> {
    api: &'a Api<'a>,
    cookie: String,
    csrf: String,
}

impl<'a> Api<'a> {
    async fn panggil(&self, req: Request<Body>) -> anyhow::Result<(StatusCode, HeaderMap, Value)> {
        let mut req = req;
        // As the listener would give it (the sign-in's rate limits are per address).
        req.extensions_mut().insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 0))));
        let res = self.router.clone().oneshot(req).await.context("the API in process")?;
        let (parts, body) = res.into_parts();
        let bytes = axum::body::to_bytes(body, 1 << 20).await.context("reading an answer")?;
        let v = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap_or(Value::Null) };
        Ok((parts.status, parts.headers, v))
    }

    async fn masuk(&'a self, nip: &str) -> anyhow::Result<Sesi<'a>> {
        let body = json!({ "nip": nip, "password": DEMO_PASSWORD }).to_string();
        let req = Request::post("/api/v1/auth/login")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))?;
        let (status, headers, v) = self.panggil(req).await?;
        anyhow::ensure!(status == StatusCode::OK, "signing in demo pegawai {nip}: HTTP {status}");
        let cookie = headers
            .get(header::SET_COOKIE)
            .and_then(|c| c.to_str().ok())
            .and_then(|c| c.split(';').next())
            .context("the session cookie")?
            .to_owned();
        let csrf = v["csrf_token"].as_str().context("the CSRF token")?.to_owned();
        Ok(Sesi { api: self, cookie, csrf })
    }
}

impl Sesi<'_> {
    async fn get(&self, path: &str) -> anyhow::Result<Value> {
        let req = Request::get(path).header(header::COOKIE, &self.cookie).body(Body::empty())?;
        let (status, _, v) = self.api.panggil(req).await?;
        anyhow::ensure!(status.is_success(), "GET {path}: HTTP {status}");
        Ok(v)
    }

    async fn kirim(&self, method: Method, path: &str, body: Value) -> anyhow::Result<Value> {
        let req = Request::builder()
            .method(method.clone())
            .uri(path)
            .header(header::COOKIE, &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .header("idempotency-key", Uuid::new_v4().to_string())
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(if body.is_null() { String::new() } else { body.to_string() }))?;
        let (status, _, v) = self.api.panggil(req).await?;
        anyhow::ensure!(status.is_success(), "{method} {path}: HTTP {status} {v}");
        Ok(v)
    }
}
