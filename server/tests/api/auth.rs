use serde_json::{Value, json};

use crate::helpers::{Backend, DEMO_ADMIN, DEMO_KABID1, DEMO_STAF2, backends, is_teks, spawn_app_with};

#[tokio::test]
async fn a_demo_pegawai_logs_in_sees_who_they_are_and_logs_out() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let s = app.login(DEMO_STAF2).await;
        assert!(s.cookie.starts_with("ekinerja_sesi="));
        let me: Value = s.get("/api/v1/auth/me").send().await.unwrap().json().await.unwrap();
        assert_eq!(me["nip"], DEMO_STAF2, "{backend:?}");
        assert_eq!(me["peran"], "pegawai");
        assert_eq!(me["penilai"], false, "staf2 rates nobody");
        let out = s.send(reqwest::Method::POST, "/api/v1/auth/logout").send().await.unwrap();
        assert_eq!(out.status(), 204);
        let after = s.get("/api/v1/auth/me").send().await.unwrap();
        assert_eq!(after.status(), 401, "logout revokes the session");
    }
}

#[tokio::test]
async fn the_session_says_whether_the_pegawai_rates_anyone() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let res = app
            .client
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({ "nip": DEMO_KABID1, "password": server::seed::DEMO_PASSWORD }))
            .send()
            .await
            .unwrap();
        let login: Value = res.json().await.unwrap();
        assert_eq!(login["penilai"], true, "kabid1 rates staf2 and staf3 ({backend:?})");
        let s = app.login(DEMO_KABID1).await;
        let sesi: Value = s.get("/api/v1/auth/session").send().await.unwrap().json().await.unwrap();
        assert_eq!(sesi["session"]["penilai"], true, "{backend:?}");
        let staf: Value =
            app.login(DEMO_STAF2).await.get("/api/v1/auth/me").send().await.unwrap().json().await.unwrap();
        assert_eq!(staf["penilai"], false, "{backend:?}");
    }
}

#[tokio::test]
async fn the_session_cookie_is_httponly_and_samesite_strict() {
    for backend in backends() {
        the_session_cookie_is_httponly_and_samesite_strict_on(backend).await;
    }
}

async fn the_session_cookie_is_httponly_and_samesite_strict_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let res = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "nip": " 1990 0315 2015 03 2 004 ", "password": server::seed::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "spaces in the NIP are ignored");
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    let token = cookie.split(';').next().unwrap().split('=').nth(1).unwrap();
    assert_eq!(token.len(), 32, "a 128-bit token in hex");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_nip_get_the_same_401() {
    for backend in backends() {
        a_wrong_password_and_an_unknown_nip_get_the_same_401_on(backend).await;
    }
}

async fn a_wrong_password_and_an_unknown_nip_get_the_same_401_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let wrong = app.try_login(DEMO_ADMIN, "salah sekali").await.err().unwrap();
    assert_eq!(wrong.status(), 401);
    let wrong: Value = wrong.json().await.unwrap();
    let unknown = app.try_login("199912312020121999", "salah sekali").await.err().unwrap();
    assert_eq!(unknown.status(), 401);
    let unknown: Value = unknown.json().await.unwrap();
    assert_eq!(wrong, unknown, "no hint about which NIPs exist");
    assert!(
        wrong["message"]["id"].as_str().unwrap().starts_with("NIP atau kata sandi salah") && is_teks(&wrong["message"])
    );
}

#[tokio::test]
async fn repeated_failures_on_one_account_get_429_with_retry_after() {
    for backend in backends() {
        repeated_failures_on_one_account_get_429_with_retry_after_on(backend).await;
    }
}

async fn repeated_failures_on_one_account_get_429_with_retry_after_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    for _ in 0..5 {
        assert_eq!(app.try_login(DEMO_STAF2, "bukan sandinya").await.err().unwrap().status(), 401);
    }
    let blocked = app.try_login(DEMO_STAF2, server::seed::DEMO_PASSWORD).await.err().unwrap();
    assert_eq!(blocked.status(), 429, "even the right password waits");
    let retry: u64 = blocked.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 15 * 60);
    // Another account from the same address still works.
    app.login(DEMO_ADMIN).await;
}

#[tokio::test]
async fn a_change_without_the_csrf_token_is_refused() {
    for backend in backends() {
        a_change_without_the_csrf_token_is_refused_on(backend).await;
    }
}

async fn a_change_without_the_csrf_token_is_refused_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let s = app.login(DEMO_STAF2).await;
    let res = app.client.post(app.url("/api/v1/auth/logout")).header("cookie", &s.cookie).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let still = s.get("/api/v1/auth/me").send().await.unwrap();
    assert_eq!(still.status(), 200, "the refused logout changed nothing");
}

#[tokio::test]
async fn changing_the_password_checks_the_old_one_and_ends_other_sessions() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let laptop = app.login(DEMO_STAF2).await;
        let phone = app.login(DEMO_STAF2).await;
        let wrong = laptop
            .post("/api/v1/auth/password")
            .json(&json!({ "lama": "bukan", "baru": "sandi-baru-yang-panjang" }))
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), 422);
        let short = laptop
            .post("/api/v1/auth/password")
            .json(&json!({ "lama": server::seed::DEMO_PASSWORD, "baru": "pendek" }))
            .send()
            .await
            .unwrap();
        assert_eq!(short.status(), 422);
        let body: Value = short.json().await.unwrap();
        assert!(body["fields"]["baru"][0]["id"].as_str().unwrap().contains("minimal 10"));
        let ok = laptop
            .post("/api/v1/auth/password")
            .json(&json!({ "lama": server::seed::DEMO_PASSWORD, "baru": "sandi-baru-yang-panjang" }))
            .send()
            .await
            .unwrap();
        assert_eq!(ok.status(), 204, "{backend:?}");
        assert_eq!(laptop.get("/api/v1/auth/me").send().await.unwrap().status(), 200);
        assert_eq!(phone.get("/api/v1/auth/me").send().await.unwrap().status(), 401);
        assert!(app.try_login(DEMO_STAF2, server::seed::DEMO_PASSWORD).await.is_err());
        assert!(app.try_login(DEMO_STAF2, "sandi-baru-yang-panjang").await.is_ok());
    }
}

#[tokio::test]
async fn without_a_session_the_api_answers_401() {
    for backend in backends() {
        without_a_session_the_api_answers_401_on(backend).await;
    }
}

async fn without_a_session_the_api_answers_401_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let res = app.client.get(app.url("/api/v1/auth/me")).send().await.unwrap();
    assert_eq!(res.status(), 401);
    let forged = app.client.get(app.url("/api/v1/auth/me")).header("cookie", "ekinerja_sesi=00").send().await.unwrap();
    assert_eq!(forged.status(), 401);
}

#[tokio::test]
async fn the_session_probe_answers_200_for_guests_and_members() {
    for backend in backends() {
        the_session_probe_answers_200_for_guests_and_members_on(backend).await;
    }
}

async fn the_session_probe_answers_200_for_guests_and_members_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let guest: Value = app.client.get(app.url("/api/v1/auth/session")).send().await.unwrap().json().await.unwrap();
    assert_eq!(guest, json!({ "session": null }));
    let s = app.login(DEMO_STAF2).await;
    let res = s.get("/api/v1/auth/session").send().await.unwrap();
    assert_eq!(res.status(), 200);
    let member: Value = res.json().await.unwrap();
    assert_eq!(member["session"]["nip"], DEMO_STAF2);
}

fn sekarang() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

#[tokio::test]
async fn a_session_ends_when_idle_too_long_or_too_old_and_activity_keeps_it_alive() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let db = app.connect().await;
        let idle = server::config::SecurityArgs::default().session_idle_secs;
        let set = async |sql: &str, nilai: i64, pegawai: &str| {
            sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
                .bind(nilai)
                .bind(pegawai)
                .execute(db.pool())
                .await
                .unwrap();
        };
        // (Each change is made before the session's first request, so no cached row hides it.)
        // Quiet for just under the idle timeout: still valid, and the request renews it.
        let s = app.login(DEMO_STAF2).await;
        set("UPDATE sesi SET aktif_terakhir = $1 WHERE pegawai_id = $2", sekarang() - idle + 30, &s.pegawai_id).await;
        assert_eq!(s.get("/api/v1/auth/me").send().await.unwrap().status(), 200, "{backend:?}");
        let (aktif,): (i64,) = sqlx::query_as("SELECT aktif_terakhir FROM sesi WHERE pegawai_id = $1")
            .bind(&s.pegawai_id)
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert!(aktif >= sekarang() - 5, "{backend:?}: activity renews the idle timeout");

        // Quiet for longer than the idle timeout: ended.
        let s = app.login(DEMO_ADMIN).await;
        set("UPDATE sesi SET aktif_terakhir = $1 WHERE pegawai_id = $2", sekarang() - idle - 1, &s.pegawai_id).await;
        assert_eq!(s.get("/api/v1/auth/me").send().await.unwrap().status(), 401, "{backend:?}: idle timeout");

        // Active, but past the absolute end: ended.
        let s = app.login(crate::helpers::DEMO_KABID1).await;
        set("UPDATE sesi SET berakhir = $1 WHERE pegawai_id = $2", sekarang() - 1, &s.pegawai_id).await;
        assert_eq!(s.get("/api/v1/auth/me").send().await.unwrap().status(), 401, "{backend:?}: absolute timeout");
    }
}
