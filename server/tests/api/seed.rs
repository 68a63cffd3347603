use server::seed::{DEMO_PASSWORD, seed_demo_if_empty};

use crate::helpers::{Backend, backends, spawn_app_configured, spawn_app_with};

async fn count(db: &server::db::Db, table: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(db.pool())
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn the_demo_instansi_is_seeded_once_and_never_again() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let db = app.connect().await;
        assert_eq!(count(&db, "pegawai").await, 12, "{backend:?}");
        assert_eq!(count(&db, "unit_kerja").await, 4);
        assert_eq!(count(&db, "akun").await, 12);
        // Everyone but the head of the instansi has a pejabat penilai.
        let (tanpa,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM atasan WHERE penilai_id IS NULL").fetch_one(db.pool()).await.unwrap();
        assert_eq!(tanpa, 1);
        assert!(!seed_demo_if_empty(&db).await.unwrap(), "a second seed must not run");
        assert_eq!(count(&db, "pegawai").await, 12);
    }
}

#[tokio::test]
async fn seeding_never_touches_a_database_that_already_holds_data() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, false).await;
        let db = app.connect().await;
        sqlx::query("INSERT INTO instansi (id, instansi_id, kode, nama) VALUES ('x', 'x', 'LAIN', 'Instansi Lain')")
            .execute(db.pool())
            .await
            .unwrap();
        assert!(!seed_demo_if_empty(&db).await.unwrap());
        assert_eq!(count(&db, "pegawai").await, 0, "{backend:?}");
    }
}

#[tokio::test]
async fn demo_accounts_verify_with_the_printed_password() {
    for backend in backends() {
        demo_accounts_verify_with_the_printed_password_on(backend).await;
    }
}

async fn demo_accounts_verify_with_the_printed_password_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let db = app.connect().await;
    let (hash,): (String,) = sqlx::query_as(
        "SELECT a.password_hash FROM akun a JOIN pegawai p ON p.id = a.pegawai_id WHERE p.nip = '199003152015032004'",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert!(server::password::verify_blocking(DEMO_PASSWORD, &hash));
    assert!(!server::password::verify_blocking("salah", &hash));
}

/// `make run`'s demo has the year so far in the Bidang Penilaian Kinerja:
/// three set SKPs (monthly documentation) for Budi Santoso to give feedback
/// on, and Maya Sari's 360 with three colleagues asked to answer.
#[tokio::test]
async fn the_demo_has_three_set_skps_and_a_360_with_three_colleagues_asked() {
    for backend in backends() {
        let app = spawn_app_configured(backend, None, true, |a| a.demo_kegiatan = true).await;
        let budi = app.login("198206252006041001").await;
        let periode: serde_json::Value = budi.get("/api/v1/org/periode").send().await.unwrap().json().await.unwrap();
        assert_eq!(periode[0]["siklus"], "bulanan", "{backend:?}: a month's realisasi");
        let periode_id = periode[0]["id"].as_str().unwrap();
        let antrian: serde_json::Value = budi
            .get(&format!("/api/v1/penilai/umpan-balik?periode_id={periode_id}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let nama: Vec<&str> =
            antrian["item"].as_array().unwrap().iter().map(|i| i["pegawai"]["nama"].as_str().unwrap()).collect();
        assert_eq!(nama.len(), 3, "{backend:?}: {antrian}");
        for n in ["Hendra Gunawan", "Maya Sari", "Yusuf Hidayat"] {
            assert!(nama.contains(&n), "{n} in {nama:?}");
        }
        // Maya's SKP is set and can be documented now.
        let maya = app.login("199402202020122010").await;
        let belum: serde_json::Value = maya.get("/api/v1/realisasi/belum").send().await.unwrap().json().await.unwrap();
        assert_eq!(belum["status"], "ditetapkan", "{backend:?}: {belum}");
        assert!(!belum["sub_periode"].as_array().unwrap().is_empty());
        // The three colleagues each have Maya's request to answer.
        for nip in ["198709142012121009", "199606112023211011", "199205082019031005"] {
            let s = app.login(nip).await;
            let tugas: serde_json::Value = s.get("/api/v1/tugas-360").send().await.unwrap().json().await.unwrap();
            let tugas = tugas.as_array().unwrap();
            assert_eq!(tugas.len(), 1, "{backend:?} {nip}: {tugas:?}");
            assert_eq!(tugas[0]["pegawai"]["nama"], "Maya Sari");
        }
    }
}
