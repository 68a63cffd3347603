use server::seed::{DEMO_PASSWORD, seed_demo_if_empty};

use crate::helpers::{Backend, backends, spawn_app_with};

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
