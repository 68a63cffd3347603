//! `/api/v1/org/…` and `/api/v1/admin/aktivasi`.

use reqwest::StatusCode;
use serde_json::{Value, json};
use server::db::org::{AdminBaru, buat_admin};

use crate::helpers::{
    Backend, DEMO_ADMIN, DEMO_KABID1, DEMO_KABID2, DEMO_KEPALA, DEMO_STAF2, DEMO_STAF3, DEMO_STAF5, Session, TestApp,
    backends, spawn_app_with,
};

pub const LAIN_NIP: &str = "198502142010011003";
pub const LAIN_PASSWORD: &str = "sandi-admin-lain-panjang";

/// An admin of a second instansi, made as `ekinerja create-admin` makes one.
pub async fn admin_lain(app: &TestApp) -> Session {
    let db = app.connect().await;
    let dibuat = buat_admin(
        &db,
        &AdminBaru {
            kode_instansi: "LAIN".into(),
            nama_instansi: Some("Dinas Lain".into()),
            nip: LAIN_NIP.into(),
            nama: "Admin Lain".into(),
            super_admin: false,
            password: LAIN_PASSWORD.into(),
        },
    )
    .await
    .expect("create-admin");
    assert!(dibuat.instansi_baru && dibuat.pegawai_baru && dibuat.akun_baru);
    app.try_login(LAIN_NIP, LAIN_PASSWORD).await.map_err(|r| r.status()).expect("the new admin logs in")
}

/// A change sent with the given Idempotency-Key, as a retry sends it.
pub fn with_key(s: &Session, method: reqwest::Method, path: &str, key: &str) -> reqwest::RequestBuilder {
    s.client
        .request(method, format!("{}{}", s.base, path))
        .header("cookie", &s.cookie)
        .header("x-csrf-token", &s.csrf)
        .header("idempotency-key", key)
}

async fn json(res: reqwest::Response) -> (StatusCode, Value) {
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn periode_demo(s: &Session) -> String {
    let (_, list) = json(s.get("/api/v1/org/periode").send().await.unwrap()).await;
    list[0]["id"].as_str().unwrap().to_owned()
}

pub async fn pegawai_id(admin: &Session, nip: &str) -> String {
    let (_, page) = json(admin.get(&format!("/api/v1/org/pegawai?q={nip}")).send().await.unwrap()).await;
    page["items"][0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_admin_sees_the_unit_tree_and_others_are_refused() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let admin = app.login(DEMO_ADMIN).await;
        let (status, tree) = json(admin.get("/api/v1/org/unit").send().await.unwrap()).await;
        assert_eq!(status, 200, "{backend:?}: {tree}");
        assert_eq!(tree.as_array().unwrap().len(), 1);
        assert_eq!(tree[0]["nama"], "Badan Kepegawaian Demo");
        assert_eq!(tree[0]["jumlah_pegawai"], 1);
        let anak: Vec<&str> = tree[0]["anak"].as_array().unwrap().iter().map(|u| u["nama"].as_str().unwrap()).collect();
        assert_eq!(anak, ["Bidang Pengembangan Kompetensi", "Bidang Penilaian Kinerja", "Sekretariat"]);

        let staf = app.login(DEMO_STAF2).await;
        assert_eq!(staf.get("/api/v1/org/unit").send().await.unwrap().status(), 403);
        assert_eq!(app.client.get(app.url("/api/v1/org/unit")).send().await.unwrap().status(), 401);

        let lain = admin_lain(&app).await;
        let (_, tree) = json(lain.get("/api/v1/org/unit").send().await.unwrap()).await;
        assert_eq!(tree.as_array().unwrap().len(), 1, "only its own instansi: {tree}");
        assert_eq!(tree[0]["nama"], "Dinas Lain");
        assert_eq!(tree[0]["jumlah_pegawai"], 1, "the admin sits in the top unit");
    }
}

#[tokio::test]
async fn an_admin_searches_pegawai_by_name_nip_and_unit_a_page_at_a_time() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let admin = app.login(DEMO_ADMIN).await;
        let get = |path: &str| {
            let admin = admin.clone();
            let path = path.to_owned();
            async move { json(admin.get(&path).send().await.unwrap()).await }
        };
        let (_, all) = get("/api/v1/org/pegawai").await;
        assert_eq!(all["total"], 12, "{backend:?}");
        let names: Vec<&str> = all["items"].as_array().unwrap().iter().map(|p| p["nama"].as_str().unwrap()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "sorted by name");
        assert_eq!(all["items"][0]["status_akun"], "aktif");

        let (_, sari) = get("/api/v1/org/pegawai?q=SARI").await;
        assert_eq!(sari["total"], 1);
        assert_eq!(sari["items"][0]["nama"], "Maya Sari");
        let (_, by_nip) = get("/api/v1/org/pegawai?q=1990%200315").await;
        assert_eq!(by_nip["items"][0]["nip"], DEMO_ADMIN);
        assert_eq!(by_nip["items"][0]["peran"], "admin_instansi");
        let (_, wildcard) = get("/api/v1/org/pegawai?q=%25").await;
        assert_eq!(wildcard["total"], 0, "a % is searched for, not a wildcard");

        let (_, tree) = get("/api/v1/org/unit").await;
        let pengembangan = tree[0]["anak"][0]["id"].as_str().unwrap().to_owned();
        let (_, unit) = get(&format!("/api/v1/org/pegawai?unit_id={pengembangan}")).await;
        assert_eq!(unit["total"], 4);
        let root = tree[0]["id"].as_str().unwrap();
        let (_, subtree) = get(&format!("/api/v1/org/pegawai?unit_id={root}")).await;
        assert_eq!(subtree["total"], 12, "a unit includes the units below it");

        let (_, page) = get("/api/v1/org/pegawai?limit=5&offset=10").await;
        assert_eq!((page["total"].as_i64(), page["items"].as_array().unwrap().len()), (Some(12), 2));
        assert_eq!(page["items"][1]["nama"], names[11]);

        let (status, body) = get("/api/v1/org/pegawai?limit=0&offset=-1").await;
        assert_eq!(status, 422);
        assert!(body["fields"]["limit"].is_array() && body["fields"]["offset"].is_array());
        assert_eq!(get("/api/v1/org/pegawai?limit=x").await.0, 400);

        let lain = admin_lain(&app).await;
        let (status, _) =
            json(lain.get(&format!("/api/v1/org/pegawai?unit_id={pengembangan}")).send().await.unwrap()).await;
        assert_eq!(status, 404, "another instansi's unit does not exist for this admin");
        let (_, own) = json(lain.get("/api/v1/org/pegawai").send().await.unwrap()).await;
        assert_eq!(own["total"], 1);
        let staf = app.login(DEMO_STAF2).await;
        assert_eq!(staf.get("/api/v1/org/pegawai").send().await.unwrap().status(), 403);
    }
}

#[tokio::test]
async fn periods_are_listed_for_everyone_and_created_by_admins() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let staf = app.login(DEMO_STAF2).await;
        let (status, list) = json(staf.get("/api/v1/org/periode").send().await.unwrap()).await;
        assert_eq!(status, 200, "{backend:?}");
        assert_eq!(list[0]["tahun"], 2026);
        assert_eq!(list[0]["rule_set"], "permenpanrb_6_2022");
        assert_eq!((list[0]["mulai"].as_str(), list[0]["selesai"].as_str()), (Some("2026-01-01"), Some("2026-12-31")));
        let body = json!({ "tahun": 2027, "siklus": "bulanan" });
        assert_eq!(staf.post("/api/v1/org/periode").json(&body).send().await.unwrap().status(), 403);

        let admin = app.login(DEMO_ADMIN).await;
        let (status, created) = json(admin.post("/api/v1/org/periode").json(&body).send().await.unwrap()).await;
        assert_eq!(status, 201, "{created}");
        assert_eq!(created["siklus"], "bulanan");
        assert_eq!(created["rule_set"], "permenpanrb_6_2022");
        let (status, again) = json(admin.post("/api/v1/org/periode").json(&body).send().await.unwrap()).await;
        assert_eq!((status, again["code"].as_str()), (StatusCode::CONFLICT, Some("periode_exists")));

        let (status, old) = json(
            admin
                .post("/api/v1/org/periode")
                .json(&json!({ "tahun": "2028", "rule_set": "pp_46_2011" }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 201);
        assert!(old["peringatan"]["rule_set"].is_array(), "an older rule set is only a warning: {old}");

        let invalid = [
            (json!({ "tahun": 2029, "rule_set": "permen_lama" }), "rule_set"),
            (json!({ "tahun": "1999" }), "tahun"),
            (json!({ "tahun": 2029, "mulai": "2029-07-01", "selesai": "2029-06-30" }), "selesai"),
            (json!({ "tahun": 2029, "catatan": "x" }), "catatan"),
        ];
        for (body, field) in invalid {
            let (status, res) = json(admin.post("/api/v1/org/periode").json(&body).send().await.unwrap()).await;
            assert_eq!(status, 422, "{body}: {res}");
            assert!(res["fields"].as_object().unwrap().keys().any(|k| k.contains(field)), "{body}: {res}");
        }
        let (_, list) = json(staf.get("/api/v1/org/periode").send().await.unwrap()).await;
        let years: Vec<i64> = list.as_array().unwrap().iter().map(|p| p["tahun"].as_i64().unwrap()).collect();
        assert_eq!(years, [2028, 2027, 2026]);

        let lain = admin_lain(&app).await;
        let (_, own) = json(lain.get("/api/v1/org/periode").send().await.unwrap()).await;
        assert_eq!(own.as_array().unwrap().len(), 1, "create-admin makes this year's period: {own}");
    }
}

#[tokio::test]
async fn the_atasan_mapping_lists_the_unrated_first_and_records_a_mid_year_transfer() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let admin = app.login(DEMO_ADMIN).await;
        let periode = periode_demo(&admin).await;
        let (status, map) =
            json(admin.get(&format!("/api/v1/org/atasan?periode_id={periode}")).send().await.unwrap()).await;
        assert_eq!(status, 200, "{backend:?}: {map}");
        assert_eq!(
            (map["total"].as_i64(), map["tanpa_penilai"].as_i64()),
            (Some(12), Some(0)),
            "the head has no penilai by design"
        );
        let staf2 = map["items"].as_array().unwrap().iter().find(|r| r["nip"] == DEMO_STAF2).unwrap().clone();
        assert_eq!(staf2["penilai_nama"], "Siti Rahmawati");
        assert_eq!(staf2["atasan_penilai_nama"], "Dr. Rina Wulandari");

        let staf2_id = staf2["pegawai_id"].as_str().unwrap().to_owned();
        let kabid1 = pegawai_id(&admin, DEMO_KABID1).await;
        let kabid2 = pegawai_id(&admin, DEMO_KABID2).await;
        let kepala = pegawai_id(&admin, DEMO_KEPALA).await;
        let put = |body: Value| {
            let admin = admin.clone();
            async move { json(admin.put("/api/v1/org/atasan").json(&body).send().await.unwrap()).await }
        };
        let transfer = json!({
            "periode_id": periode, "pegawai_id": staf2_id, "penilai_id": kabid2, "atasan_penilai_id": kepala,
            "berlaku_mulai": "2026-07-01", "version": 1,
        });
        let (status, res) = put(transfer.clone()).await;
        assert_eq!(status, 200, "{res}");
        assert_eq!(res["berubah"], true);
        let segmen = res["segmen"].as_array().unwrap();
        assert_eq!(segmen[1]["version"], 2, "the open segment's version keeps growing across a transfer");
        assert_eq!(segmen.len(), 2);
        assert_eq!(
            (segmen[0]["penilai_id"].as_str(), segmen[0]["berlaku_sampai"].as_str()),
            (Some(kabid1.as_str()), Some("2026-06-30"))
        );
        assert_eq!(
            (segmen[1]["penilai_id"].as_str(), segmen[1]["berlaku_mulai"].as_str()),
            (Some(kabid2.as_str()), Some("2026-07-01"))
        );
        assert!(segmen[1]["berlaku_sampai"].is_null());

        let (status, stale) = put(transfer.clone()).await;
        assert_eq!((status, stale["code"].as_str()), (StatusCode::CONFLICT, Some("stale_version")), "{stale}");
        let (status, same) = put(json!({
            "periode_id": periode, "pegawai_id": staf2_id, "penilai_id": kabid2, "atasan_penilai_id": kepala,
            "berlaku_mulai": "2026-08-01",
        }))
        .await;
        assert_eq!((status, same["berubah"].as_bool()), (StatusCode::OK, Some(false)));
        let (status, early) = put(json!({
            "periode_id": periode, "pegawai_id": staf2_id, "penilai_id": kabid1, "berlaku_mulai": "2026-03-01",
        }))
        .await;
        assert_eq!((status, early["code"].as_str()), (StatusCode::CONFLICT, Some("segment_order")));

        let (_, map) = json(admin.get(&format!("/api/v1/org/atasan?periode_id={periode}")).send().await.unwrap()).await;
        let rows: Vec<&Value> = map["items"].as_array().unwrap().iter().filter(|r| r["nip"] == DEMO_STAF2).collect();
        assert_eq!(rows.len(), 2, "one row per segment");
        assert_eq!(rows[1]["penilai_nama"], "Budi Santoso");

        let invalid = [
            (
                json!({ "periode_id": periode, "pegawai_id": staf2_id, "penilai_id": staf2_id, "berlaku_mulai": "2026-09-01" }),
                "penilai_id",
            ),
            (
                json!({ "periode_id": periode, "pegawai_id": staf2_id, "penilai_id": kabid2, "atasan_penilai_id": kabid2, "berlaku_mulai": "2026-09-01" }),
                "atasan_penilai_id",
            ),
            (
                json!({ "periode_id": periode, "pegawai_id": staf2_id, "penilai_id": kabid2, "berlaku_mulai": "2027-01-01" }),
                "berlaku_mulai",
            ),
            (
                json!({ "periode_id": periode, "pegawai_id": staf2_id, "penilai_id": kabid2, "berlaku_mulai": "1 Juli" }),
                "berlaku_mulai",
            ),
        ];
        for (body, field) in invalid {
            let (status, res) = put(body.clone()).await;
            assert_eq!(status, 422, "{body}: {res}");
            assert!(res["fields"][field].is_array(), "{body}: {res}");
        }

        let lain = admin_lain(&app).await;
        let lain_id = lain.pegawai_id.clone();
        let (status, res) = put(json!({
            "periode_id": periode, "pegawai_id": staf2_id, "penilai_id": lain_id, "berlaku_mulai": "2026-09-01",
        }))
        .await;
        assert_eq!(
            (status, res["fields"]["penilai_id"].is_array()),
            (StatusCode::UNPROCESSABLE_ENTITY, true),
            "a penilai outside the instansi"
        );
        assert_eq!(lain.get(&format!("/api/v1/org/atasan?periode_id={periode}")).send().await.unwrap().status(), 404);
        let res = lain.put("/api/v1/org/atasan").json(&transfer).send().await.unwrap();
        assert_eq!(res.status(), 404, "another instansi's objects do not exist for this admin");
        let staf = app.login(DEMO_STAF2).await;
        assert_eq!(staf.get(&format!("/api/v1/org/atasan?periode_id={periode}")).send().await.unwrap().status(), 403);
        assert_eq!(staf.put("/api/v1/org/atasan").json(&transfer).send().await.unwrap().status(), 403);
    }
}

#[tokio::test]
async fn the_head_of_the_instansi_is_not_flagged_without_a_penilai_but_everyone_else_is() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let admin = app.login(DEMO_ADMIN).await;
        let periode = periode_demo(&admin).await;
        let mapping = || {
            let admin = admin.clone();
            let periode = periode.clone();
            async move { json(admin.get(&format!("/api/v1/org/atasan?periode_id={periode}")).send().await.unwrap()).await.1 }
        };
        let row = |map: &Value, nip: &str| -> Value {
            map["items"].as_array().unwrap().iter().rev().find(|r| r["nip"] == nip).unwrap().clone()
        };
        let map = mapping().await;
        assert_eq!(map["tanpa_penilai"], 0, "{backend:?}: {map}");
        let kepala = row(&map, DEMO_KEPALA);
        assert_eq!((kepala["tanpa_penilai"].as_bool(), kepala["pimpinan"].as_bool()), (Some(false), Some(true)));
        assert!(kepala["penilai_id"].is_null());
        assert_ne!(map["items"][0]["nip"], DEMO_KEPALA, "the head is not listed first as unrated");

        // Another pegawai without a penilai is still flagged, and listed first.
        let staf2 = row(&map, DEMO_STAF2);
        let (status, res) = json(
            admin
                .put("/api/v1/org/atasan")
                .json(&json!({
                    "periode_id": periode, "pegawai_id": staf2["pegawai_id"], "penilai_id": null,
                    "berlaku_mulai": staf2["berlaku_mulai"], "version": staf2["version"],
                }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{res}");
        let map = mapping().await;
        assert_eq!(map["tanpa_penilai"], 1, "{map}");
        assert_eq!(
            (map["items"][0]["nip"].as_str(), map["items"][0]["tanpa_penilai"].as_bool()),
            (Some(DEMO_STAF2), Some(true))
        );
        assert_eq!(row(&map, DEMO_STAF2)["pimpinan"], false);

        // A second jpt at the top without a penilai: which is the head cannot
        // be told, so both are flagged until one is mapped.
        let wakil = "197501012000031009";
        let csv = format!(
            "nip;nama;jenis_pegawai;jabatan;jenis_jabatan;unit;nip_atasan\n\
             {wakil};Wakil Kepala;pns;Wakil Kepala Badan;jpt;Badan Kepegawaian Demo;"
        );
        let (status, res) = crate::import::import(&admin, &csv, true).await;
        assert_eq!(status, 200, "{res}");
        let map = mapping().await;
        assert_eq!(map["tanpa_penilai"], 3, "{map}");
        for nip in [DEMO_KEPALA, wakil] {
            let r = row(&map, nip);
            assert_eq!((r["tanpa_penilai"].as_bool(), r["pimpinan"].as_bool()), (Some(true), Some(false)), "{nip}");
        }
        let (status, res) = crate::import::import(&admin, &format!("{csv}{DEMO_KEPALA}"), true).await;
        assert_eq!(status, 200, "{res}");
        let map = mapping().await;
        assert_eq!(map["tanpa_penilai"], 1, "{map}");
        assert_eq!(row(&map, DEMO_KEPALA)["pimpinan"], true);
        assert_eq!(row(&map, wakil)["tanpa_penilai"], false);

        // A jpt below the top unit is no head.
        let csv = "nip;nama;jenis_pegawai;jabatan;jenis_jabatan;unit;nip_atasan\n\
                   197601012000031010;Kepala Pusat;pns;Kepala Pusat;jpt;Sekretariat;";
        let (status, res) = crate::import::import(&admin, csv, true).await;
        assert_eq!(status, 200, "{res}");
        let map = mapping().await;
        assert_eq!(map["tanpa_penilai"], 2, "{map}");
        assert_eq!(row(&map, "197601012000031010")["tanpa_penilai"], true);
    }
}

#[tokio::test]
async fn activation_codes_let_imported_pegawai_set_their_first_password_once() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let admin = app.login(DEMO_ADMIN).await;
        let csv = "nip,nama,jenis_pegawai,jabatan,jenis_jabatan,unit,nip_atasan\n\
                   199801012022031001,Baru Satu,pns,Analis,fungsional,Sekretariat,197811202003121002\n\
                   199802022023212002,Baru Dua,pppk,Operator,pelaksana,Sekretariat,197811202003121002\n";
        assert_eq!(crate::import::import(&admin, csv, true).await.0, 200, "{backend:?}");

        let key = uuid::Uuid::new_v4().to_string();
        let issue = || {
            app.client
                .post(app.url("/api/v1/admin/aktivasi"))
                .header("cookie", &admin.cookie)
                .header("x-csrf-token", &admin.csrf)
                .header("idempotency-key", &key)
                .json(&json!({}))
        };
        let (status, codes) = json(issue().send().await.unwrap()).await;
        assert_eq!(status, 201, "{codes}");
        assert_eq!(codes["jumlah"], 2, "only pegawai without a password: {codes}");
        let first = &codes["kode"][0];
        assert_eq!(first["nama"], "Baru Dua");
        let kode = first["kode"].as_str().unwrap().to_owned();
        assert_eq!(kode.len(), 10);
        assert!(kode.chars().all(|c| "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".contains(c)), "{kode}");

        let replay = issue().send().await.unwrap();
        assert_eq!(replay.status(), 410, "codes are never stored for a replay");
        let db = app.connect().await;
        let (stored,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM idempotensi WHERE respons LIKE $1")
            .bind(format!("%{kode}%"))
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(stored, 0);

        let activate = |kode: String, password: &str| {
            app.client
                .post(app.url("/api/v1/auth/aktivasi"))
                .json(&json!({ "nip": "199802022023212002", "kode": kode, "password": password }))
                .send()
        };
        assert!(app.try_login("199802022023212002", "sandi-pertama-saya").await.is_err());
        let res = activate(format!(" {} ", kode.to_lowercase()), "sandi-pertama-saya").await.unwrap();
        assert_eq!(res.status(), 204, "the code works, in any case");
        assert!(app.try_login("199802022023212002", "sandi-pertama-saya").await.is_ok());
        let again = activate(kode.clone(), "sandi-kedua-saya-x").await.unwrap();
        assert_eq!(again.status(), 422, "a code works once");

        let baru_dua = pegawai_id(&admin, "199802022023212002").await;
        let (status, res) = json(
            admin.post("/api/v1/admin/aktivasi").json(&json!({ "pegawai_ids": [baru_dua] })).send().await.unwrap(),
        )
        .await;
        assert_eq!(status, 422, "an activated account gets no code: {res}");
        assert!(res["fields"]["pegawai_ids[0]"].is_array());
        let baru_satu = pegawai_id(&admin, "199801012022031001").await;
        let (status, res) = json(
            admin
                .post("/api/v1/admin/aktivasi")
                .json(&json!({ "pegawai_ids": [baru_satu, baru_satu] }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!((status, res["jumlah"].as_i64()), (StatusCode::CREATED, Some(1)), "{res}");

        let lain = admin_lain(&app).await;
        let res =
            lain.post("/api/v1/admin/aktivasi").json(&json!({ "pegawai_ids": [baru_satu] })).send().await.unwrap();
        assert_eq!(res.status(), 404);
        let staf = app.login(DEMO_STAF2).await;
        assert_eq!(staf.post("/api/v1/admin/aktivasi").json(&json!({})).send().await.unwrap().status(), 403);
    }
}

#[tokio::test]
async fn an_org_change_replayed_with_its_key_returns_the_first_answer_and_changes_nothing() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let admin = app.login(DEMO_ADMIN).await;
        let send = |method: reqwest::Method, path: &'static str, body: Value, key: &'static str| {
            let admin = admin.clone();
            async move {
                let res = with_key(&admin, method, path, key).json(&body).send().await.unwrap();
                let replayed = res.headers().get("idempotent-replayed").is_some();
                let (status, body) = json(res).await;
                (status, replayed, body)
            }
        };

        let baru = json!({ "tahun": 2027, "siklus": "bulanan" });
        let (status, replayed, first) = send(reqwest::Method::POST, "/api/v1/org/periode", baru.clone(), "p").await;
        assert_eq!((status, replayed), (StatusCode::CREATED, false), "{backend:?}: {first}");
        let again = send(reqwest::Method::POST, "/api/v1/org/periode", baru.clone(), "p").await;
        assert_eq!(again, (StatusCode::CREATED, true, first.clone()), "the first answer, not periode_exists");
        let (_, list) = json(admin.get("/api/v1/org/periode").send().await.unwrap()).await;
        assert_eq!(list.as_array().unwrap().len(), 2, "one period made: {list}");
        let lain = send(reqwest::Method::POST, "/api/v1/org/periode", json!({ "tahun": 2028 }), "p").await;
        assert_eq!(lain.0, StatusCode::UNPROCESSABLE_ENTITY, "the key with another body: {}", lain.2);

        let periode = list.as_array().unwrap().iter().find(|p| p["tahun"] == 2026).unwrap()["id"].clone();
        let staf2 = pegawai_id(&admin, DEMO_STAF2).await;
        let kabid2 = pegawai_id(&admin, DEMO_KABID2).await;
        let transfer = json!({
            "periode_id": periode, "pegawai_id": staf2, "penilai_id": kabid2, "berlaku_mulai": "2026-07-01",
            "version": 1,
        });
        let (status, replayed, first) = send(reqwest::Method::PUT, "/api/v1/org/atasan", transfer.clone(), "a").await;
        assert_eq!((status, replayed, first["berubah"].as_bool()), (StatusCode::OK, false, Some(true)), "{first}");
        let mapping = || async {
            let path = format!("/api/v1/org/atasan?periode_id={}", periode.as_str().unwrap());
            json(admin.get(&path).send().await.unwrap()).await.1
        };
        let after = mapping().await;
        let again = send(reqwest::Method::PUT, "/api/v1/org/atasan", transfer.clone(), "a").await;
        assert_eq!(again, (StatusCode::OK, true, first), "the first answer, not stale_version");
        assert_eq!(mapping().await, after, "the replay changed no segment");

        // A refusal is an answer too: replayed, and still nothing changes.
        let (status, _, stale) = send(reqwest::Method::PUT, "/api/v1/org/atasan", transfer.clone(), "b").await;
        assert_eq!((status, stale["code"].as_str()), (StatusCode::CONFLICT, Some("stale_version")));
        let again = send(reqwest::Method::PUT, "/api/v1/org/atasan", transfer, "b").await;
        assert_eq!(again, (StatusCode::CONFLICT, true, stale));
        assert_eq!(mapping().await, after);
    }
}

#[tokio::test]
async fn concurrent_org_auth_and_skp_writes_all_succeed() {
    for backend in backends() {
        concurrent_org_auth_and_skp_writes_all_succeed_on(backend).await;
    }
}

async fn concurrent_org_auth_and_skp_writes_all_succeed_on(backend: Backend) {
    let app = spawn_app_with(backend, None, true).await;
    let admin = app.login(DEMO_ADMIN).await;
    let periode = crate::skp::periode_id(&app).await;
    let kabid1 = pegawai_id(&admin, DEMO_KABID1).await;
    let kabid2 = pegawai_id(&admin, DEMO_KABID2).await;
    let staf6 = pegawai_id(&admin, "199402202020122010").await;
    let mut tasks: Vec<tokio::task::JoinHandle<Vec<(String, u16, String)>>> = Vec::new();
    let hasil = |apa: String, res: reqwest::Response| async move {
        let status = res.status().as_u16();
        (apa, status, res.text().await.unwrap_or_default())
    };

    // Three pegawai each save their own SKP over and over.
    for nip in [DEMO_STAF2, DEMO_STAF3, DEMO_STAF5] {
        let pegawai = app.login(nip).await;
        let periode = periode.clone();
        tasks.push(tokio::spawn(async move {
            let res = crate::skp::create(&pegawai, &periode, "Awal").await;
            let skp: Value = res.json().await.unwrap();
            let id = skp["id"].as_str().unwrap_or_default().to_owned();
            let mut out = Vec::new();
            for version in 1..=10 {
                let body = json!({ "version": version, "rencana": crate::skp::rencana(&format!("Versi {version}")) });
                let res = pegawai.put(&format!("/api/v1/skp/{id}")).json(&body).send().await.unwrap();
                out.push(hasil(format!("{nip} skp v{version}"), res).await);
            }
            out
        }));
    }
    // The admin moves one pegawai between two penilai, creates periods,
    // imports a file and issues activation codes, all at the same time.
    let a = admin.clone();
    tasks.push(tokio::spawn(async move {
        let mut out = Vec::new();
        for i in 0..10 {
            let penilai = if i % 2 == 0 { &kabid1 } else { &kabid2 };
            let body = json!({
                "periode_id": periode, "pegawai_id": staf6, "penilai_id": penilai, "berlaku_mulai": "2026-01-01",
            });
            out.push(hasil(format!("atasan {i}"), a.put("/api/v1/org/atasan").json(&body).send().await.unwrap()).await);
        }
        out
    }));
    for tahun in 2030..2036 {
        let a = admin.clone();
        tasks.push(tokio::spawn(async move {
            let res = a.post("/api/v1/org/periode").json(&json!({ "tahun": tahun })).send().await.unwrap();
            vec![hasil(format!("periode {tahun}"), res).await]
        }));
    }
    let a = admin.clone();
    tasks.push(tokio::spawn(async move {
        let mut csv = String::from("nip;nama;jenis_pegawai;jabatan;jenis_jabatan;unit;nip_atasan");
        for i in 1..=300 {
            csv.push_str(&format!(
                "\n199801012022031{i:03};Baru {i};pns;Analis;fungsional;Sekretariat;197811202003121002"
            ));
        }
        let (status, body) = crate::import::import(&a, &csv, true).await;
        vec![("impor".to_owned(), status, body.to_string())]
    }));
    for i in 0..3 {
        let a = admin.clone();
        tasks.push(tokio::spawn(async move {
            let res = a.post("/api/v1/admin/aktivasi").json(&json!({})).send().await.unwrap();
            vec![hasil(format!("aktivasi {i}"), res).await]
        }));
    }
    for nip in [DEMO_KABID1, DEMO_KABID2, DEMO_STAF2] {
        let app_url = app.url("/api/v1/auth/login");
        let client = app.client.clone();
        tasks.push(tokio::spawn(async move {
            let body = json!({ "nip": nip, "password": server::seed::DEMO_PASSWORD });
            let res = client.post(app_url).json(&body).send().await.unwrap();
            vec![hasil(format!("login {nip}"), res).await]
        }));
    }

    let mut semua = Vec::new();
    for t in tasks {
        semua.extend(t.await.expect("no task panicked"));
    }
    let gagal: Vec<&(String, u16, String)> =
        semua.iter().filter(|(_, status, _)| !(200..300).contains(status)).collect();
    assert!(gagal.is_empty(), "every write succeeds: {gagal:#?}");
    assert_eq!(semua.len(), 3 * 10 + 10 + 6 + 1 + 3 + 3);
    let (_, list) = json(admin.get("/api/v1/org/periode").send().await.unwrap()).await;
    assert_eq!(list.as_array().unwrap().len(), 7, "{list}");
    let (_, cari) = json(admin.get("/api/v1/org/pegawai?q=Baru").send().await.unwrap()).await;
    assert_eq!(cari["total"], 300);
}

#[tokio::test]
async fn one_activation_code_sets_one_password_even_when_sent_twice_at_once() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let admin = app.login(DEMO_ADMIN).await;
        let csv = "nip,nama,jenis_pegawai,jabatan,jenis_jabatan,unit,nip_atasan\n\
                   199801012022031001,Baru Satu,pns,Analis,fungsional,Sekretariat,197811202003121002\n";
        assert_eq!(crate::import::import(&admin, csv, true).await.0, 200, "{backend:?}");
        let (_, codes) = json(admin.post("/api/v1/admin/aktivasi").json(&json!({})).send().await.unwrap()).await;
        let kode = codes["kode"][0]["kode"].as_str().unwrap().to_owned();
        let activate = |password: &'static str| {
            let req = app.client.post(app.url("/api/v1/auth/aktivasi")).json(&json!({
                "nip": "199801012022031001", "kode": kode, "password": password,
            }));
            async move {
                let res = req.send().await.unwrap();
                (res.status(), password)
            }
        };
        let (a, b) = tokio::join!(activate("sandi-pertama-satu"), activate("sandi-pertama-dua"));
        let set: Vec<&str> = [a, b].iter().filter(|(s, _)| *s == StatusCode::NO_CONTENT).map(|(_, p)| *p).collect();
        assert_eq!(set.len(), 1, "{backend:?}: exactly one request used the code ({a:?}, {b:?})");
        let other = if set[0] == "sandi-pertama-satu" { "sandi-pertama-dua" } else { "sandi-pertama-satu" };
        assert!(app.try_login("199801012022031001", set[0]).await.is_ok(), "the password that was set works");
        assert!(app.try_login("199801012022031001", other).await.is_err(), "the refused one does not");
    }
}

#[tokio::test]
async fn create_admin_refuses_a_missing_instansi_name_and_a_weak_password() {
    for backend in backends() {
        create_admin_refuses_a_missing_instansi_name_and_a_weak_password_on(backend).await;
    }
}

async fn create_admin_refuses_a_missing_instansi_name_and_a_weak_password_on(backend: Backend) {
    let app = spawn_app_with(backend, None, false).await;
    let db = app.connect().await;
    let base = AdminBaru {
        kode_instansi: "BARU".into(),
        nama_instansi: None,
        nip: LAIN_NIP.into(),
        nama: "Admin".into(),
        super_admin: true,
        password: "cukup-panjang-sekali".into(),
    };
    let e = buat_admin(&db, &base).await.unwrap_err().to_string();
    assert!(e.contains("--nama-instansi"), "{e}");
    let e = buat_admin(&db, &AdminBaru { password: "pendek".into(), ..base.clone() }).await.unwrap_err().to_string();
    assert!(e.contains("minimal 10"), "{e}");
    let e = buat_admin(&db, &AdminBaru { nip: "123".into(), ..base.clone() }).await.unwrap_err().to_string();
    assert!(e.contains("18 digit"), "{e}");
    let ok = buat_admin(&db, &AdminBaru { nama_instansi: Some("Badan Baru".into()), ..base.clone() }).await.unwrap();
    assert_eq!(ok.peran, server::auth::PeranAkun::SuperAdmin);
    let again = buat_admin(&db, &AdminBaru { password: "kata-sandi-pengganti".into(), super_admin: false, ..base })
        .await
        .unwrap();
    assert!(!again.instansi_baru && !again.pegawai_baru && !again.akun_baru);
    assert!(app.try_login(LAIN_NIP, "kata-sandi-pengganti").await.is_ok());
}

#[tokio::test]
async fn a_super_admin_manages_any_instansi_and_nobody_else_may_name_another() {
    for backend in backends() {
        let app = spawn_app_with(backend, None, true).await;
        let db = app.connect().await;
        let pusat = AdminBaru {
            kode_instansi: "PUSAT".into(),
            nama_instansi: Some("Kementerian Pusat".into()),
            nip: LAIN_NIP.into(),
            nama: "Super Admin".into(),
            super_admin: true,
            password: LAIN_PASSWORD.into(),
        };
        buat_admin(&db, &pusat).await.unwrap();
        let sup = app.try_login(LAIN_NIP, LAIN_PASSWORD).await.ok().unwrap();
        let admin = app.login(DEMO_ADMIN).await;
        let (demo,): (String,) = sqlx::query_as("SELECT instansi_id FROM pegawai WHERE nip = $1")
            .bind(DEMO_STAF2)
            .fetch_one(db.pool())
            .await
            .unwrap();
        let (pusat_id,): (String,) = sqlx::query_as("SELECT instansi_id FROM pegawai WHERE nip = $1")
            .bind(LAIN_NIP)
            .fetch_one(db.pool())
            .await
            .unwrap();
        let get = |s: &Session, path: String| {
            let s = s.clone();
            async move { json(s.get(&path).send().await.unwrap()).await }
        };

        // The super admin, naming the demo instansi: its units, pegawai and periods.
        let (status, units) = get(&sup, format!("/api/v1/org/unit?instansi_id={demo}")).await;
        assert_eq!(status, 200, "{backend:?}: {units}");
        assert!(units.to_string().contains("Bidang Pengembangan Kompetensi"), "{backend:?}");
        let (_, found) = get(&sup, format!("/api/v1/org/pegawai?q={DEMO_STAF2}&instansi_id={demo}")).await;
        assert_eq!(found["items"][0]["nip"], DEMO_STAF2, "{backend:?}: {found}");
        let (_, periods) = get(&sup, format!("/api/v1/org/periode?instansi_id={demo}")).await;
        let demo_periode = periods[0]["id"].as_str().unwrap().to_owned();
        let res = sup
            .post(&format!("/api/v1/org/periode?instansi_id={demo}"))
            .json(&json!({ "tahun": 2030 }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{backend:?}");
        let (_, periods) = get(&admin, "/api/v1/org/periode".into()).await;
        assert!(
            periods.as_array().unwrap().iter().any(|p| p["tahun"] == 2030),
            "{backend:?}: made for the demo instansi"
        );
        let (status, _) = get(&sup, format!("/api/v1/org/atasan?periode_id={demo_periode}")).await;
        assert_eq!(status, 200, "{backend:?}");
        // Without the parameter: their own instansi.
        let (_, own) = get(&sup, "/api/v1/org/periode".into()).await;
        assert!(!own.to_string().contains(&demo_periode), "{backend:?}");
        // Activation codes and the import (a dry run) for the demo instansi.
        let codes =
            sup.post(&format!("/api/v1/admin/aktivasi?instansi_id={demo}")).json(&json!({})).send().await.unwrap();
        assert_eq!(codes.status(), 201, "{backend:?}");
        let csv = "nip;nama;jenis_pegawai;jabatan;jenis_jabatan;unit;nip_atasan\r\n\
                   198811232014022006;Nur Aisyah;pns;Analis SDM Aparatur Ahli Pertama;fungsional;Bidang Pengembangan Kompetensi;198001102005012003";
        let dry = sup
            .post(&format!("/api/v1/admin/import?instansi_id={demo}"))
            .header("content-type", "text/csv")
            .body(csv)
            .send()
            .await
            .unwrap();
        let (status, dry) = json(dry).await;
        assert_eq!((status, dry["tidak_berubah"].as_i64()), (StatusCode::OK, Some(1)), "{backend:?}: {dry}");
        let other = admin
            .post(&format!("/api/v1/admin/aktivasi?instansi_id={pusat_id}"))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(other.status(), 404, "{backend:?}: an admin instansi may not name another");

        // Nobody else may name another instansi, and nobody may name one that does not exist.
        for (who, s, path) in [
            ("admin instansi", &admin, format!("/api/v1/org/unit?instansi_id={pusat_id}")),
            ("admin instansi", &admin, format!("/api/v1/org/periode?instansi_id={pusat_id}")),
            ("super admin", &sup, "/api/v1/org/unit?instansi_id=tidak-ada".to_owned()),
        ] {
            let (status, body) = get(s, path.clone()).await;
            assert_eq!(status, 404, "{backend:?}: {who} → {path}: {body}");
        }
        let staf2 = app.login(DEMO_STAF2).await;
        let (status, _) = get(&staf2, format!("/api/v1/org/periode?instansi_id={demo}")).await;
        assert_eq!(status, 200, "{backend:?}: naming one's own instansi is fine");
        let (status, _) = get(&staf2, format!("/api/v1/org/periode?instansi_id={pusat_id}")).await;
        assert_eq!(status, 404, "{backend:?}");
    }
}
