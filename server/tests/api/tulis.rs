//! The durable writer (`db.write`): group commit with a savepoint per job on
//! SQLite, a transaction per job on PostgreSQL. No timings are asserted.

use std::sync::Arc;

use serde_json::{Value, json};
use server::db::Db;
use server::db::DbError;
use sqlx::{AnyConnection, Connection};
use tokio::sync::{Notify, oneshot};

use crate::helpers::*;

async fn db_with_table(backend: Backend) -> (TestDb, Db) {
    let test_db = fresh_db(backend).await;
    let db = Db::connect(&test_db.url).await.expect("connect");
    sqlx::query("CREATE TABLE uji_tulis (id BIGINT PRIMARY KEY, isi TEXT NOT NULL)")
        .execute(db.pool())
        .await
        .expect("a table");
    (test_db, db)
}

fn insert(db: &Db, id: i64, fail_after: bool) -> impl Future<Output = Result<i64, DbError>> + Send + 'static {
    let db = db.clone();
    async move {
        db.write(move |c| {
            Box::pin(async move {
                sqlx::query("INSERT INTO uji_tulis (id, isi) VALUES ($1, 'x')").bind(id).execute(&mut *c).await?;
                if fail_after {
                    return Err(DbError::conflict(
                        "uji",
                        "this job fails after writing",
                        "this job fails after writing",
                    ));
                }
                Ok(id)
            })
        })
        .await
    }
}

async fn ids(url: &str) -> Vec<i64> {
    // A fresh connection, not one of the pool's nor the writer's.
    let mut conn = AnyConnection::connect(url).await.expect("a fresh connection");
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM uji_tulis ORDER BY id").fetch_all(&mut conn).await.expect("select");
    conn.close().await.ok();
    rows.into_iter().map(|r| r.0).collect()
}

/// The demo staf2 signed in, with a new SKP (version 1): the app, the
/// session and the SKP's id.
pub async fn skp_baru(backend: Backend) -> (TestApp, Session, String) {
    let app = spawn_app_with(backend, None, true).await;
    let periode = crate::skp::periode_id(&app).await;
    let pegawai = app.login(DEMO_STAF2).await;
    let res = crate::skp::create(&pegawai, &periode, "Awal").await;
    assert_eq!(res.status(), 201, "{backend:?}");
    let id = res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned();
    (app, pegawai, id)
}

/// `PUT /api/v1/skp/{id}` with the Idempotency-Key `key` (not a fresh one).
async fn put_dengan_kunci(s: &Session, id: &str, key: &str, body: &Value) -> reqwest::Response {
    s.client
        .put(format!("{}/api/v1/skp/{id}", s.base))
        .header("cookie", &s.cookie)
        .header("x-csrf-token", &s.csrf)
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_failing_job_rolls_back_only_itself_in_a_shared_batch() {
    for backend in backends() {
        let (test_db, db) = db_with_table(backend).await;
        // Hold the writer in a first job so the next ones queue up and share one batch.
        let release = Arc::new(Notify::new());
        let (started_tx, started_rx) = oneshot::channel();
        let blocker = {
            let (db, release) = (db.clone(), release.clone());
            tokio::spawn(async move {
                db.write(move |_c| {
                    Box::pin(async move {
                        let _ = started_tx.send(());
                        release.notified().await;
                        Ok(())
                    })
                })
                .await
            })
        };
        started_rx.await.expect("the blocker runs");
        let a = tokio::spawn(insert(&db, 1, false));
        let b = tokio::spawn(insert(&db, 2, true));
        let bad_sql = {
            let db = db.clone();
            tokio::spawn(async move {
                db.write(|c| {
                    Box::pin(async move {
                        sqlx::query("INSERT INTO uji_tulis (id, isi) VALUES (3, 'x')").execute(&mut *c).await?;
                        sqlx::query("INSERT INTO tidak_ada (x) VALUES (1)").execute(&mut *c).await?;
                        Ok(())
                    })
                })
                .await
            })
        };
        let c = tokio::spawn(insert(&db, 4, false));
        tokio::time::sleep(std::time::Duration::from_millis(100)).await; // let them queue (not a timing assertion)
        release.notify_one();
        blocker.await.unwrap().expect("the blocker commits");
        assert_eq!(a.await.unwrap().expect("job 1 is acknowledged"), 1, "{backend:?}");
        assert!(matches!(b.await.unwrap(), Err(DbError::Conflict { code: "uji", .. })), "job 2 gets its own error");
        assert!(bad_sql.await.unwrap().is_err(), "a job whose SQL fails gets its error");
        assert_eq!(c.await.unwrap().expect("job 4 is acknowledged"), 4);
        assert_eq!(ids(&test_db.url).await, vec![1, 4], "{backend:?}: only the failed jobs were rolled back");
        db.close().await;
    }
}

#[tokio::test]
async fn a_panicking_job_fails_alone_and_the_writer_goes_on() {
    for backend in backends() {
        let (test_db, db) = db_with_table(backend).await;
        let ok = tokio::spawn(insert(&db, 1, false));
        let db2 = db.clone();
        let panics = tokio::spawn(async move {
            db2.write::<(), _>(|c| {
                Box::pin(async move {
                    sqlx::query("INSERT INTO uji_tulis (id, isi) VALUES (2, 'x')").execute(&mut *c).await?;
                    panic!("a bug in a job");
                })
            })
            .await
        });
        assert_eq!(ok.await.unwrap().unwrap(), 1);
        // On PostgreSQL the panic unwinds the caller's task; on SQLite the caller gets an error.
        assert!(!matches!(panics.await, Ok(Ok(()))), "{backend:?}");
        assert_eq!(insert(&db, 3, false).await.unwrap(), 3, "{backend:?}: the writer still runs");
        assert_eq!(ids(&test_db.url).await, vec![1, 3], "{backend:?}");
        db.close().await;
    }
}

#[tokio::test]
async fn many_concurrent_writes_are_all_acknowledged_and_each_ack_follows_its_commit() {
    for backend in backends() {
        let (test_db, db) = db_with_table(backend).await;
        let url = Arc::new(test_db.url.clone());
        let mut tasks = Vec::new();
        for id in 0..200 {
            let (db, url) = (db.clone(), url.clone());
            tasks.push(tokio::spawn(async move {
                let acked = insert(&db, id, false).await.expect("acknowledged");
                // Right after the ack, another connection already sees the row:
                // the answer came after the commit, never before.
                if id % 10 == 0 {
                    let mut conn = AnyConnection::connect(&url).await.expect("a fresh connection");
                    let seen: Option<(i64,)> = sqlx::query_as("SELECT id FROM uji_tulis WHERE id = $1")
                        .bind(acked)
                        .fetch_optional(&mut conn)
                        .await
                        .expect("select");
                    conn.close().await.ok();
                    assert_eq!(seen, Some((acked,)), "row {acked} visible after its ack");
                }
                acked
            }));
        }
        for t in tasks {
            t.await.expect("no task failed");
        }
        db.close().await;
        // Closed and reopened: everything acknowledged is there.
        assert_eq!(ids(&test_db.url).await, (0..200).collect::<Vec<_>>(), "{backend:?}");
    }
}

#[tokio::test]
async fn the_sqlite_writer_is_durable_wal_with_synchronous_full() {
    let (_test_db, db) = db_with_table(Backend::Sqlite).await;
    let (mode, sync) = db
        .write(|c| {
            Box::pin(async move {
                let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode").fetch_one(&mut *c).await?;
                let (sync,): (i64,) = sqlx::query_as("PRAGMA synchronous").fetch_one(&mut *c).await?;
                Ok((mode, sync))
            })
        })
        .await
        .unwrap();
    assert_eq!((mode.as_str(), sync), ("wal", 2), "WAL and synchronous=FULL on the writer");
    db.close().await;
}

#[tokio::test]
async fn concurrent_requests_with_one_key_change_the_skp_once() {
    for backend in backends() {
        let (_app, pegawai, id) = skp_baru(backend).await;
        let body = json!({ "version": 1, "rencana": crate::skp::rencana("Sekali") });
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (p, id, body) = (pegawai.clone(), id.clone(), body.clone());
            tasks.push(tokio::spawn(async move {
                let res = put_dengan_kunci(&p, &id, "satu-kunci", &body).await;
                let replayed = res.headers().contains_key("idempotent-replayed");
                let status = res.status().as_u16();
                let body: Value = res.json().await.unwrap();
                (status, replayed, body)
            }));
        }
        let mut ran = 0;
        for t in tasks {
            let (status, replayed, body) = t.await.unwrap();
            match (status, replayed) {
                (200, false) => ran += 1,
                (200, true) => assert_eq!(body["version"], 2, "a replay returns the first result"),
                (409, false) => assert_eq!(body["code"], "in_progress", "{body}"),
                other => panic!("{backend:?}: unexpected {other:?} {body}"),
            }
        }
        assert_eq!(ran, 1, "{backend:?}: exactly one request ran");
        let now: Value = pegawai.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(now["version"], 2, "{backend:?}: one change");
        let versi: Value = pegawai.get(&format!("/api/v1/skp/{id}/versi")).send().await.unwrap().json().await.unwrap();
        assert_eq!(versi.as_array().unwrap().len(), 2, "{backend:?}: create + one update in the history");
        // A replay after the fact: the stored first answer, nothing changes.
        let again = put_dengan_kunci(&pegawai, &id, "satu-kunci", &body).await;
        assert_eq!(again.status(), 200);
        assert_eq!(again.headers()["idempotent-replayed"], "true");
        // A settled error is stored too: a stale write replays its 409.
        let first = put_dengan_kunci(&pegawai, &id, "basi", &body).await;
        assert_eq!(first.status(), 409);
        let second = put_dengan_kunci(&pegawai, &id, "basi", &body).await;
        assert_eq!(second.status(), 409);
        assert_eq!(second.headers()["idempotent-replayed"], "true");
    }
}

/// Several edits based on the same version, each with its own key, race to
/// the write: one changes the SKP, every other gets a 409 and leaves no
/// trace — above all no history entry (the update and its history row are
/// one statement, written only when the version still matched).
#[tokio::test]
async fn concurrent_edits_of_one_version_leave_one_change_and_one_history_entry() {
    for backend in backends() {
        let (_app, pegawai, id) = skp_baru(backend).await;
        let mut tasks = Vec::new();
        for n in 0..8 {
            let (p, id) = (pegawai.clone(), id.clone());
            let body = json!({ "version": 1, "rencana": crate::skp::rencana(&format!("Versi {n}")) });
            tasks.push(tokio::spawn(async move {
                let res = p.put(&format!("/api/v1/skp/{id}")).json(&body).send().await.unwrap();
                (res.status().as_u16(), res.json::<Value>().await.unwrap())
            }));
        }
        let mut won = Vec::new();
        for t in tasks {
            match t.await.unwrap() {
                (200, body) => won.push(body),
                (409, body) => assert!(
                    matches!(body["code"].as_str(), Some("stale_version" | "concurrent_update")),
                    "{backend:?}: {body}"
                ),
                other => panic!("{backend:?}: unexpected {other:?}"),
            }
        }
        assert_eq!(won.len(), 1, "{backend:?}: exactly one edit of version 1 is written");
        let now: Value = pegawai.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(now["version"], 2, "{backend:?}");
        assert_eq!(now["isian"], won[0]["isian"], "{backend:?}: the stored plan is the winner's");
        let versi: Value = pegawai.get(&format!("/api/v1/skp/{id}/versi")).send().await.unwrap().json().await.unwrap();
        let versions: Vec<i64> = versi.as_array().unwrap().iter().map(|v| v["version"].as_i64().unwrap()).collect();
        assert_eq!(versions, [1, 2], "{backend:?}: create + the one edit, nothing from the losers");
        assert_eq!(versi[1]["aksi"], "update", "{backend:?}");
        assert_eq!(versi[1]["skp"], won[0]["skp"], "{backend:?}: the history entry is the winner's document");
    }
}

/// A key already stored, sent again with another change that would apply
/// (it is based on the current version): the update runs inside the write,
/// finds the key taken and is undone with it — 422, and the SKP, its history
/// and the stored answer stay as the first request left them.
#[tokio::test]
async fn a_reused_key_with_a_change_that_would_apply_changes_nothing() {
    for backend in backends() {
        let (_app, pegawai, id) = skp_baru(backend).await;
        let put = |version: i64, uraian: &str| {
            let body = json!({ "version": version, "rencana": crate::skp::rencana(uraian) });
            let (pegawai, id) = (&pegawai, &id);
            async move { put_dengan_kunci(pegawai, id, "kunci-dipakai", &body).await }
        };
        let first = put(1, "Pertama").await;
        assert_eq!(first.status(), 200, "{backend:?}");
        let first: Value = first.json().await.unwrap();
        let reused = put(2, "Kedua").await;
        assert_eq!(reused.status(), 422, "{backend:?}");
        assert_eq!(reused.json::<Value>().await.unwrap()["code"], "idempotency_key_reused", "{backend:?}");
        let now: Value = pegawai.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
        assert_eq!((&now["version"], &now["isian"]), (&first["version"], &first["isian"]), "{backend:?}");
        let versi: Value = pegawai.get(&format!("/api/v1/skp/{id}/versi")).send().await.unwrap().json().await.unwrap();
        assert_eq!(versi.as_array().unwrap().len(), 2, "{backend:?}: create + the first change only");
        let replay = put(1, "Pertama").await;
        assert_eq!(replay.headers()["idempotent-replayed"], "true", "{backend:?}");
        assert_eq!(replay.json::<Value>().await.unwrap(), first, "{backend:?}: the stored answer is the first");
    }
}

#[tokio::test]
async fn a_logged_out_session_stops_at_once_despite_the_session_cache() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let s = app.login(DEMO_STAF2).await;
        for _ in 0..3 {
            assert_eq!(s.get("/api/v1/auth/me").send().await.unwrap().status(), 200);
        }
        let out = s.post("/api/v1/auth/logout").send().await.unwrap();
        assert_eq!(out.status(), 204);
        assert_eq!(s.get("/api/v1/auth/me").send().await.unwrap().status(), 401, "{backend:?}");
        assert_eq!(s.get("/api/v1/skp").send().await.unwrap().status(), 401, "{backend:?}");
    }
}

#[tokio::test]
async fn the_sqlite_wal_is_checkpointed_in_the_background_while_writes_go_on() {
    let (test_db, db) = db_with_table(Backend::Sqlite).await;
    let file = test_db.url.trim_start_matches("sqlite://").to_owned();
    let main_size = || std::fs::metadata(&file).expect("the database file").len();
    let before = main_size();
    // ~2 MB of rows through the writer, which never checkpoints on its own commit path.
    let big = "x".repeat(2000);
    for chunk in 0..10 {
        let mut jobs = Vec::new();
        for i in 0..100 {
            let (db, big) = (db.clone(), big.clone());
            let id = chunk * 100 + i;
            jobs.push(tokio::spawn(async move {
                db.write(move |c| {
                    Box::pin(async move {
                        sqlx::query("INSERT INTO uji_tulis (id, isi) VALUES ($1, $2)")
                            .bind(id)
                            .bind(big)
                            .execute(&mut *c)
                            .await?;
                        Ok(())
                    })
                })
                .await
            }));
        }
        for j in jobs {
            j.await.expect("a job").expect("a write");
        }
    }
    // Without a checkpoint the rows would sit in the WAL and the main file would not grow.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while main_size() < before + 1_000_000 {
        assert!(
            std::time::Instant::now() < deadline,
            "the main file is still {} bytes (was {before}): nothing checkpointed the WAL",
            main_size()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(ids(&test_db.url).await.len(), 1000);
    db.close().await;
}

#[tokio::test]
async fn an_answer_is_replayed_for_thirty_days_and_purged_after_thirty_five() {
    for backend in backends() {
        let (app, pegawai, id) = skp_baru(backend).await;
        let body = json!({ "version": 1, "rencana": crate::skp::rencana("Sekali saja") });
        assert_eq!(put_dengan_kunci(&pegawai, &id, "kunci-lama", &body).await.status(), 200);
        let body2 = json!({ "version": 2, "rencana": crate::skp::rencana("Kedua") });
        assert_eq!(put_dengan_kunci(&pegawai, &id, "kunci-purba", &body2).await.status(), 200);
        let db = app.connect().await;
        let hari = 24 * 60 * 60;
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        for (kunci, umur) in [("kunci-lama", 31 * hari), ("kunci-purba", 36 * hari)] {
            sqlx::query("UPDATE idempotensi SET dibuat = $1 WHERE kunci = $2")
                .bind(now - umur)
                .bind(kunci)
                .execute(db.pool())
                .await
                .unwrap();
        }
        // A restart purges what is older than the promise allows (it also runs every six hours).
        let args = server::config::ServeArgs {
            port: 0,
            dist: std::path::PathBuf::from("/nonexistent-dist"),
            no_demo: true,
            berkas: server::config::BerkasArgs { objek: app.objek.path().display().to_string(), ..Default::default() },
            ..server::config::ServeArgs::default()
        };
        let restarted = server::Application::build(&app.db.url, &args).await.unwrap();
        let addr = restarted.local_addr();
        tokio::spawn(restarted.run_until_stopped());
        let kunci: Vec<(String,)> = sqlx::query_as("SELECT kunci FROM idempotensi WHERE pemilik = $1 ORDER BY kunci")
            .bind(&pegawai.pegawai_id)
            .fetch_all(db.pool())
            .await
            .unwrap();
        let kunci: Vec<&str> = kunci.iter().map(|k| k.0.as_str()).collect();
        assert!(kunci.contains(&"kunci-lama") && !kunci.contains(&"kunci-purba"), "{backend:?}: {kunci:?}");
        // 31 days on, the same request still gets its first answer and changes nothing.
        let lagi = Session { base: format!("http://{addr}"), ..pegawai.clone() };
        let replay = put_dengan_kunci(&lagi, &id, "kunci-lama", &body).await;
        assert_eq!(replay.status(), 200, "{backend:?}");
        assert!(replay.headers().contains_key("idempotent-replayed"), "{backend:?}");
        let (version,): (i64,) =
            sqlx::query_as("SELECT version FROM skp WHERE id = $1").bind(&id).fetch_one(db.pool()).await.unwrap();
        assert_eq!(version, 3, "{backend:?}: the replay changed nothing");
    }
}
