//! The holes found by probing the running server as an attacker would
//! (issue 20), each shut at its depth and tested from outside, on both
//! databases: an admin naming herself penilai, the atasan penilai acting
//! before the deadline, a body buffered before its limit, throttling turned
//! against the account's owner, and one bad path wedging a device's sync;
//! and the error shape of what axum answers by itself.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{
    Backend, DEMO_ADMIN, DEMO_KABID1, DEMO_KABID2, DEMO_KEPALA, DEMO_STAF2, DEMO_STAF5, Session, TestApp, backends,
    is_teks, spawn_app_with,
};
use crate::org::pegawai_id;
use crate::skp::{create, periode_id, rencana};

async fn json(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn act(s: &Session, id: &str, aksi: &str, version: i64, catatan: &str) -> (u16, Value) {
    json(
        s.post(&format!("/api/v1/skp/{id}/{aksi}"))
            .json(&json!({ "version": version, "catatan": catatan }))
            .send()
            .await
            .unwrap(),
    )
    .await
}

fn pesan_field(body: &Value, field: &str) -> String {
    body["fields"][field].to_string()
}

// ------------------------------------------------------------------ hole 1

#[tokio::test]
async fn an_admin_cannot_make_herself_penilai_and_every_mapping_change_is_recorded() {
    for backend in backends() {
        an_admin_cannot_make_herself_penilai_on(backend).await;
    }
}

async fn an_admin_cannot_make_herself_penilai_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let periode = periode_id(&app).await;
    let admin = app.login(DEMO_ADMIN).await;
    let pegawai = app.login(DEMO_STAF2).await;
    let staf2 = pegawai_id(&admin, DEMO_STAF2).await;
    let kabid1 = pegawai_id(&admin, DEMO_KABID1).await;
    let kabid2 = pegawai_id(&admin, DEMO_KABID2).await;
    let kepala = pegawai_id(&admin, DEMO_KEPALA).await;
    let staf4 = pegawai_id(&admin, "199512302022032008").await; // a pelaksana
    let put = async |body: Value| json(admin.put("/api/v1/org/atasan").json(&body).send().await.unwrap()).await;

    // The probe: the admin names herself staf2's penilai, then approves staf2's SKP.
    let skp: Value = create(&pegawai, &periode, "Rencana yang diajukan").await.json().await.unwrap();
    let id = skp["id"].as_str().unwrap().to_owned();
    assert_eq!(act(&pegawai, &id, "submit", 1, "").await.0, 200);
    let (status, body) = put(json!({
        "periode_id": periode, "pegawai_id": staf2, "penilai_id": admin.pegawai_id, "berlaku_mulai": "2026-07-01",
    }))
    .await;
    assert_eq!(status, 422, "{backend:?}: {body}");
    assert!(pesan_field(&body, "penilai_id").contains("minta admin lain"), "{body}");
    let (status, _) = act(&admin, &id, "approve", 2, "").await;
    assert_eq!(status, 403, "{backend:?}: the admin is still not the penilai");
    let seen: Value = pegawai.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
    assert_eq!(seen["status"], "diajukan", "{backend:?}");

    // Nor as atasan penilai (who takes over after the deadline), nor her own mapping.
    let (status, body) = put(json!({
        "periode_id": periode, "pegawai_id": staf2, "penilai_id": kabid1, "atasan_penilai_id": admin.pegawai_id,
        "berlaku_mulai": "2026-07-01",
    }))
    .await;
    assert_eq!(status, 422, "{backend:?}");
    assert!(pesan_field(&body, "atasan_penilai_id").contains("diri Anda sendiri"), "{body}");
    let (status, body) = put(json!({
        "periode_id": periode, "pegawai_id": admin.pegawai_id, "penilai_id": kabid1, "berlaku_mulai": "2026-07-01",
    }))
    .await;
    assert_eq!(status, 422, "{backend:?}");
    assert!(pesan_field(&body, "pegawai_id").contains("minta admin lain"), "{body}");
    // A pelaksana cannot be made penilai (RULES.md §3.1), by anyone.
    let (status, body) = put(json!({
        "periode_id": periode, "pegawai_id": staf2, "penilai_id": staf4, "berlaku_mulai": "2026-07-01",
    }))
    .await;
    assert_eq!(status, 422, "{backend:?}");
    assert!(pesan_field(&body, "penilai_id").contains("pelaksana tidak dapat menilai"), "{body}");

    // Through her other power, the CSV import: the same refusals, per row.
    let csv = "nip;nama;jenis_pegawai;jabatan;jenis_jabatan;unit;nip_atasan\n\
               198811232014022006;Nur Aisyah;pns;Analis SDM Aparatur Ahli Pertama;fungsional;Bidang Pengembangan Kompetensi;199003152015032004\n\
               199003152015032004;Dewi Lestari;pns;Pengelola Data Kepegawaian;pelaksana;Sekretariat;198001102005012003\n";
    let (status, body) = crate::import::import(&admin, csv, true).await;
    assert_eq!(status, 422, "{backend:?}: {body}");
    let kode: Vec<&str> =
        body["laporan"]["kesalahan"].as_array().unwrap().iter().map(|k| k["kode"].as_str().unwrap()).collect();
    assert!(kode.contains(&"atasan_diri_sendiri_pengimpor"), "{kode:?}");
    assert!(kode.contains(&"atasan_tidak_boleh_menilai"), "{kode:?}");
    assert_eq!(kode.iter().filter(|k| **k == "atasan_diri_sendiri_pengimpor").count(), 2, "{kode:?}");

    // Nothing refused was recorded; a change that is allowed is, with who, when, before and after.
    let riwayat = async |pegawai: &str| {
        json(
            admin
                .get(&format!("/api/v1/org/atasan/riwayat?periode_id={periode}&pegawai_id={pegawai}"))
                .send()
                .await
                .unwrap(),
        )
        .await
    };
    let (status, awal) = riwayat(&staf2).await;
    assert_eq!((status, awal.as_array().map(Vec::len)), (200, Some(0)), "{backend:?}: {awal}");
    let sebelum = server::clock::now();
    let (status, body) = put(json!({
        "periode_id": periode, "pegawai_id": staf2, "penilai_id": kabid2, "atasan_penilai_id": kepala,
        "berlaku_mulai": "2026-07-01", "version": 1,
    }))
    .await;
    assert_eq!(status, 200, "{backend:?}: {body}");
    let (_, list) = riwayat(&staf2).await;
    let r = &list[0];
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(r["diubah_oleh"], admin.pegawai_id.as_str());
    assert_eq!(r["diubah_oleh_nama"], "Dewi Lestari");
    assert_eq!(r["sumber"], "api");
    assert!(r["waktu"].as_i64().unwrap() >= sebelum, "{r}");
    assert_eq!(
        (r["penilai_sebelum"].as_str(), r["penilai_sesudah"].as_str()),
        (Some(kabid1.as_str()), Some(kabid2.as_str()))
    );
    assert_eq!(
        (r["atasan_penilai_sebelum"].as_str(), r["atasan_penilai_sesudah"].as_str()),
        (Some(kepala.as_str()), Some(kepala.as_str()))
    );
    assert_eq!(r["berlaku_mulai"], "2026-07-01");
    // An import's change is recorded too, as the import's.
    let staf5 = pegawai_id(&admin, DEMO_STAF5).await;
    let csv = "nip;nama;jenis_pegawai;jabatan;jenis_jabatan;unit;nip_atasan\n\
               198709142012121009;Hendra Gunawan;pns;Analis Kinerja Ahli Pertama;fungsional;Bidang Penilaian Kinerja;198001102005012003\n";
    let (status, body) = crate::import::import(&admin, csv, true).await;
    assert_eq!(status, 200, "{backend:?}: {body}");
    let (_, list) = riwayat(&staf5).await;
    assert_eq!(list[0]["sumber"], "impor", "{list}");
    assert_eq!(list[0]["penilai_sesudah"], kabid1.as_str());
    assert_eq!(list[0]["penilai_sebelum"], kabid2.as_str());
    // The history is the admin's: a pegawai gets 403, another instansi's admin 404.
    let (status, _) = json(
        pegawai
            .get(&format!("/api/v1/org/atasan/riwayat?periode_id={periode}&pegawai_id={staf2}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403);
    let lain = crate::org::admin_lain(&app).await;
    let (status, _) = json(
        lain.get(&format!("/api/v1/org/atasan/riwayat?periode_id={periode}&pegawai_id={staf2}")).send().await.unwrap(),
    )
    .await;
    assert_eq!(status, 404);
}

// ------------------------------------------------------------------ hole 2

/// A period of `tahun` with staf2 rated by kabid1 and kabid1's atasan (kepala) above.
pub async fn periode_dengan_skp_diajukan(app: &TestApp, tahun: i32) -> (String, String) {
    let admin = app.login(DEMO_ADMIN).await;
    let (status, periode) =
        json(admin.post("/api/v1/org/periode").json(&json!({ "tahun": tahun })).send().await.unwrap()).await;
    assert_eq!(status, 201, "{periode}");
    let periode = periode["id"].as_str().unwrap().to_owned();
    let (status, body) = json(
        admin
            .put("/api/v1/org/atasan")
            .json(&json!({
                "periode_id": periode,
                "pegawai_id": pegawai_id(&admin, DEMO_STAF2).await,
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
    let pegawai = app.login(DEMO_STAF2).await;
    let skp: Value = create(&pegawai, &periode, "Rencana tahun ini").await.json().await.unwrap();
    let id = skp["id"].as_str().unwrap_or_else(|| panic!("{skp}")).to_owned();
    assert_eq!(act(&pegawai, &id, "submit", 1, "").await.0, 200);
    (periode, id)
}

#[tokio::test]
async fn the_atasan_penilai_takes_over_only_after_the_skp_deadline() {
    let tahun = server::clock::hari_ini().tahun();
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let kepala = app.login(DEMO_KEPALA).await;
        let kabid1 = app.login(DEMO_KABID1).await;

        // Next year's period: its deadline (31 January) has not passed.
        let (_, id) = periode_dengan_skp_diajukan(&app, tahun + 1).await;
        let (status, body) = act(&kepala, &id, "approve", 2, "").await;
        assert_eq!((status, body["code"].as_str()), (409, Some("before_deadline")), "{backend:?}: {body}");
        let pesan = &body["message"];
        assert!(pesan["id"].as_str().unwrap().contains(&format!("31 Januari {}", tahun + 1)), "{pesan}");
        assert!(pesan["en"].as_str().unwrap().contains("31 January"), "{pesan}");
        let (status, body) = act(&kepala, &id, "return", 2, "Perjelas target").await;
        assert_eq!((status, body["code"].as_str()), (409, Some("before_deadline")), "{backend:?}: {body}");
        // The penilai decides before the deadline.
        let (status, body) = act(&kabid1, &id, "approve", 2, "").await;
        assert_eq!((status, body["status"].as_str()), (200, Some("ditetapkan")), "{backend:?}: {body}");

        // A past year's period (never the seeded 2026's): the deadline has
        // passed, the atasan may set it.
        let (_, id) = periode_dengan_skp_diajukan(&app, (tahun - 1).min(2025)).await;
        let (status, body) = act(&kepala, &id, "approve", 2, "").await;
        assert_eq!((status, body["status"].as_str()), (200, Some("ditetapkan")), "{backend:?}: {body}");
    }
}

// ------------------------------------------------------------------ hole 3

/// Sends a mutation with a chunked body of up to `total` bytes on a raw
/// connection, as an attacker's client would, and returns the status the
/// server answered and how many body bytes it took before answering.
async fn kirim_besar(
    app: &TestApp,
    s: &Session,
    method: &str,
    path: &str,
    total: usize,
    panjang: Option<usize>,
) -> (u16, usize) {
    let stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let (mut baca, mut tulis) = stream.into_split();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\nX-CSRF-Token: {}\r\nIdempotency-Key: {}\r\n\
         Content-Type: application/json\r\n",
        app.addr,
        s.cookie,
        s.csrf,
        uuid::Uuid::new_v4()
    );
    head.push_str(&match panjang {
        Some(n) => format!("Content-Length: {n}\r\n\r\n"),
        None => "Transfer-Encoding: chunked\r\n\r\n".to_owned(),
    });
    tulis.write_all(head.as_bytes()).await.unwrap();
    let penulis = tokio::spawn(async move {
        let potong = vec![b' '; 64 * 1024];
        let mut terkirim = 0usize;
        while terkirim < total {
            let frame = if panjang.is_some() {
                potong.clone()
            } else {
                [format!("{:x}\r\n", potong.len()).into_bytes(), potong.clone(), b"\r\n".to_vec()].concat()
            };
            match tokio::time::timeout(Duration::from_secs(5), tulis.write_all(&frame)).await {
                Ok(Ok(())) => terkirim += potong.len(),
                _ => break,
            }
        }
        terkirim
    });
    let mut jawaban = vec![0u8; 256];
    let n = tokio::time::timeout(Duration::from_secs(60), baca.read(&mut jawaban)).await.expect("an answer").unwrap();
    let teks = String::from_utf8_lossy(&jawaban[..n]).to_string();
    let status = teks.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("{teks}"));
    drop(baca);
    let terkirim = tokio::time::timeout(Duration::from_secs(30), penulis).await.map(|r| r.unwrap()).unwrap_or(total);
    (status, terkirim)
}

#[tokio::test]
async fn a_mutation_body_is_limited_before_it_is_buffered() {
    const BESAR: usize = 60 * 1024 * 1024;
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let pegawai = app.login(DEMO_STAF2).await;
        // 60 MiB sent chunked to a JSON route (1 MiB): refused once the limit is passed.
        let (status, diambil) = kirim_besar(&app, &pegawai, "PUT", "/api/v1/skp/x", BESAR, None).await;
        assert_eq!(status, 413, "{backend:?}");
        assert!(diambil < 24 * 1024 * 1024, "{backend:?}: the server took {diambil} bytes of 60 MiB before answering");
        // To the import a pegawai may not use: the JSON limit too, not the import's 64 MiB.
        let (status, diambil) = kirim_besar(&app, &pegawai, "POST", "/api/v1/admin/import", BESAR, None).await;
        assert_eq!(status, 413, "{backend:?}");
        assert!(diambil < 24 * 1024 * 1024, "{backend:?}: {diambil} bytes");
        // A body that says it is too large is refused before a byte of it is sent.
        let (status, diambil) = kirim_besar(&app, &pegawai, "PUT", "/api/v1/skp/x", 0, Some(BESAR)).await;
        assert_eq!((status, diambil), (413, 0), "{backend:?}");
        // The import itself still takes a large file from an admin (its own limit).
        let admin = app.login(DEMO_ADMIN).await;
        let mut csv = String::from("nip;nama;jenis_pegawai;jabatan;jenis_jabatan;unit;nip_atasan;catatan\n");
        let pad = "x".repeat(2 * 1024 * 1024);
        csv.push_str(&format!("199801012022031001;Baru Satu;pns;Analis;fungsional;Sekretariat;;{pad}\n"));
        let (status, body) = crate::import::import(&admin, &csv, false).await;
        assert_eq!(status, 200, "{backend:?}: {body}");
    }
}

// ------------------------------------------------------------------ hole 4

fn klien_dari(ip: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder().local_address(IpAddr::V4(Ipv4Addr::from(ip))).build().unwrap()
}

async fn login_dari(app: &TestApp, client: &reqwest::Client, nip: &str, password: &str) -> reqwest::Response {
    client.post(app.url("/api/v1/auth/login")).json(&json!({ "nip": nip, "password": password })).send().await.unwrap()
}

#[tokio::test]
async fn the_owner_signs_in_from_their_own_address_while_an_attacker_hammers_their_nip() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let penyerang = klien_dari([127, 0, 0, 2]);
        let mut status = Vec::new();
        for _ in 0..8 {
            let res = login_dari(&app, &penyerang, DEMO_STAF2, "tebakan-salah-sekali").await;
            if res.status() == 429 {
                assert!(res.headers().contains_key("retry-after"), "429 says when to retry");
            }
            status.push(res.status().as_u16());
        }
        assert_eq!(status, [401, 401, 401, 401, 401, 429, 429, 429], "{backend:?}: the attacker is throttled");
        // Even the right password from the attacker's address waits.
        assert_eq!(login_dari(&app, &penyerang, DEMO_STAF2, server::seed::DEMO_PASSWORD).await.status(), 429);
        // The owner, from their own address, is not kept out.
        let pemilik = klien_dari([127, 0, 0, 1]);
        let res = login_dari(&app, &pemilik, DEMO_STAF2, server::seed::DEMO_PASSWORD).await;
        assert_eq!(res.status(), 200, "{backend:?}: the owner signs in");

        // An office's one address: five failed sign-ins there do not block activation there.
        let kantor = klien_dari([127, 0, 0, 3]);
        for nip in [DEMO_KABID1, DEMO_KABID2, DEMO_KEPALA, DEMO_STAF5, DEMO_ADMIN] {
            assert_eq!(login_dari(&app, &kantor, nip, "salah-ketik-sandi").await.status(), 401);
        }
        let res = kantor
            .post(app.url("/api/v1/auth/aktivasi"))
            .json(&json!({ "nip": "199801012022031001", "kode": "ABCDEFGHJK", "password": "sandi-baru-yang-panjang" }))
            .send()
            .await
            .unwrap();
        let (status, body) = json(res).await;
        assert_eq!(status, 422, "{backend:?}: a wrong code is a wrong code, not a lock: {body}");
        assert!(body["fields"]["kode"].is_array(), "{body}");
    }
}

// ------------------------------------------------------------------ hole 5

#[tokio::test]
async fn a_bad_path_in_a_sync_batch_is_that_change_s_own_422_and_the_rest_carry_on() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let periode = periode_id(&app).await;
        let pegawai = app.login(DEMO_STAF2).await;
        let skp: Value = create(&pegawai, &periode, "Versi awal").await.json().await.unwrap();
        let id = skp["id"].as_str().unwrap();
        let batch = json!({
            "client_id": "hp-lapangan",
            "mutations": [
                { "seq": 1, "idempotency_key": "b-1", "method": "PUT", "path": format!("/api/v1/skp/{id}"),
                  "body": { "version": 1, "rencana": rencana("Diubah di lapangan") } },
                { "seq": 2, "idempotency_key": "b-2", "method": "POST", "path": "/api/v1/skp/<script>/submit", "body": {} },
                { "seq": 3, "idempotency_key": "b-3", "method": "POST", "path": "/api/v1/skp/`id`/submit", "body": {} },
                { "seq": 4, "idempotency_key": "b-4", "method": "POST", "path": "/api/v1/skp/a>b", "body": {} },
                { "seq": 5, "idempotency_key": "b-5 dengan spasi", "method": "POST", "path": format!("/api/v1/skp/{id}/submit"), "body": { "version": 2 } },
                { "seq": 6, "idempotency_key": "b-6", "method": "POST", "path": format!("/api/v1/skp/{id}/submit"),
                  "body": { "version": 2 } }
            ]
        });
        for kali in 0..2 {
            let (status, out) = json(pegawai.post("/api/v1/sync").json(&batch).send().await.unwrap()).await;
            assert_eq!(status, 200, "{backend:?}: {out}");
            let statuses: Vec<u64> =
                out["results"].as_array().unwrap().iter().map(|r| r["status"].as_u64().unwrap()).collect();
            assert_eq!(statuses, [200, 422, 422, 422, 422, 200], "{backend:?} (send {kali}): {out}");
            assert_eq!(out["results"][1]["body"]["fields"]["path"].as_array().map(Vec::len), Some(1));
            assert_eq!(out["results"][5]["body"]["status"], "diajukan");
            assert_eq!(out["results"][0]["replayed"], kali == 1, "a resend is answered from the keys");
        }
        let now: Value = pegawai.get(&format!("/api/v1/skp/{id}")).send().await.unwrap().json().await.unwrap();
        assert_eq!(
            (now["version"].as_i64(), now["status"].as_str()),
            (Some(3), Some("diajukan")),
            "{backend:?}: applied once"
        );
    }
}

// ------------------------------------------------------------- error shape

#[tokio::test]
async fn what_axum_answers_by_itself_comes_in_the_one_error_shape() {
    let app = spawn_app_with(Backend::Sqlite, None, true).await;
    let pegawai = app.login(DEMO_STAF2).await;
    let cek = async |res: reqwest::Response, status: u16, code: &str| {
        assert_eq!(res.status().as_u16(), status, "{}", res.url());
        let jenis = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert!(jenis.starts_with("application/json"), "{jenis}");
        let allow = res.headers().get("allow").is_some();
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], code, "{body}");
        assert!(is_teks(&body["message"]), "{body}");
        allow
    };
    // 405 (it had an empty body and no content type), with its Allow header.
    let res = app.client.get(app.url("/api/v1/auth/login")).send().await.unwrap();
    assert!(cek(res, 405, "method_not_allowed").await, "Allow is kept");
    // TRACE is a method the API does not have: 405, not 401 or 422.
    for path in ["/api/v1/skp", "/api/v1/org/unit", "/api/v1/health"] {
        let res = app.client.request(reqwest::Method::TRACE, app.url(path)).send().await.unwrap();
        cek(res, 405, "method_not_allowed").await;
    }
    // A path parameter that is not UTF-8 (it was text/plain).
    let res = pegawai.get("/api/v1/skp/%FF%FE").send().await.unwrap();
    cek(res, 400, "bad_request").await;
    // The sign-in answer carries the CSRF token: never cached.
    let res = login_dari(&app, &app.client, DEMO_STAF2, server::seed::DEMO_PASSWORD).await;
    assert_eq!(res.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    // Activation reports a password that is not allowed under its own field.
    let res = app
        .client
        .post(app.url("/api/v1/auth/aktivasi"))
        .json(&json!({ "nip": "199801012022031001", "kode": "ABCDEFGHJK", "password": "pendek" }))
        .send()
        .await
        .unwrap();
    let (status, body) = json(res).await;
    assert_eq!(status, 422);
    assert!(body["fields"]["password"].to_string().contains("minimal 10"), "{body}");
    assert!(body["fields"].get("baru").is_none(), "{body}");
}

#[tokio::test]
async fn activation_codes_are_stored_keyed_not_as_a_plain_hash() {
    use sha2::Digest;
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let admin = app.login(DEMO_ADMIN).await;
        let csv = "nip,nama,jenis_pegawai,jabatan,jenis_jabatan,unit,nip_atasan\n\
                   199801012022031001,Baru Satu,pns,Analis,fungsional,Sekretariat,197811202003121002\n";
        assert_eq!(crate::import::import(&admin, csv, true).await.0, 200);
        let (status, codes) = json(admin.post("/api/v1/admin/aktivasi").json(&json!({})).send().await.unwrap()).await;
        assert_eq!(status, 201, "{codes}");
        let kode = codes["kode"][0]["kode"].as_str().unwrap().to_owned();
        let db = app.connect().await;
        let (stored,): (String,) = sqlx::query_as(
            "SELECT a.kode_aktivasi_hash FROM akun a JOIN pegawai p ON p.id = a.pegawai_id WHERE p.nip = $1",
        )
        .bind("199801012022031001")
        .fetch_one(db.pool())
        .await
        .unwrap();
        // A copy of the database alone does not give the code up: its SHA-256 is not what is stored.
        assert_ne!(stored, hex::encode(sha2::Sha256::digest(kode.as_bytes())), "{backend:?}");
        assert_eq!(stored.len(), 64, "an HMAC-SHA256");
        // And the code works.
        let res = app
            .client
            .post(app.url("/api/v1/auth/aktivasi"))
            .json(&json!({ "nip": "199801012022031001", "kode": kode, "password": "sandi-baru-yang-panjang" }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204, "{backend:?}");
    }
}
