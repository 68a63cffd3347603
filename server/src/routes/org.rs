//! `/api/v1/org/…` and `/api/v1/admin/…`: the organisation of the caller's
//! instansi (units, pegawai, periods, the atasan mapping), activation codes
//! and the CSV import.
//!
//! Admin endpoints answer 403 to a plain pegawai; an object of another
//! instansi is 404 (not 403), so ids do not leak across instansi.

use domain::error::FieldErrors;
use std::sync::Arc;

use anyhow::Context as _;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::api::{
    AktivasiDibuat, AtasanDiset, AtasanHalaman, BuatPeriode, Halaman, ImportRejected, Laporan, MintaAktivasi,
    PegawaiItem, PeranAkun, PeriodeDibuat, PeriodeView, Ringkasan, RiwayatAtasan, SetAtasan, UnitNode,
};
use domain::pegawai::JenisJabatan;
use domain::periode::PeriodeInput;
use domain::rule_set::RuleSet;
use domain::tanggal::Tanggal;
use domain::teks::Teks;
use serde::Deserialize;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::auth::Actor;
use crate::clock;
use crate::db::org;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::AppJson;
use crate::idempotency::{self, Kunci, jawaban_json};
use crate::import::apply::{ImportError, ImportOptions, Importer, apply_csv};
use crate::import::ringkas_laporan;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(unit_tree))
        .routes(routes!(cari_pegawai))
        .routes(routes!(daftar_periode, buat_periode))
        .routes(routes!(daftar_atasan, set_atasan))
        .routes(routes!(riwayat_atasan))
        .routes(routes!(aktivasi))
        .routes(routes!(import_csv).layer(DefaultBodyLimit::max(idempotency::MAX_BODY)))
}

/// 403 unless the caller administers some instansi.
fn admin(actor: &Actor) -> ApiResult<()> {
    if actor.is_admin() { Ok(()) } else { Err(ApiError::Forbidden) }
}

/// 404 unless the caller administers the object's instansi.
fn milik(actor: &Actor, instansi_id: Option<&str>) -> ApiResult<()> {
    match instansi_id {
        Some(i) if actor.is_admin_of(i) => Ok(()),
        _ => Err(ApiError::NotFound),
    }
}

/// `?instansi_id=`: the instansi an org route acts on when it is not the
/// caller's own — only a super admin may name another one.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct InstansiQuery {
    /// Another instansi (super admin only); default: the caller's own.
    pub instansi_id: Option<String>,
}

/// The instansi a route acts on: the caller's own, or the one named, which
/// must be theirs or, for a super admin, one that exists; anything else is
/// answered as if it did not exist (404).
async fn instansi_sasaran(state: &AppState, actor: &Actor, diminta: Option<&str>) -> ApiResult<String> {
    let Some(i) = diminta.map(str::trim).filter(|i| !i.is_empty() && *i != actor.instansi_id) else {
        return Ok(actor.instansi_id.clone());
    };
    if actor.peran != PeranAkun::SuperAdmin || !org::instansi_ada(state.db.pool(), i).await? {
        return Err(ApiError::NotFound);
    }
    Ok(i.to_owned())
}

fn bad_query(e: QueryRejection) -> ApiError {
    ApiError::BadRequest(
        "bad_query",
        Teks::new("Parameter tidak valid.", format!("Invalid query parameters: {}", e.body_text())),
    )
}

/// The unit tree of the caller's instansi.
#[utoipa::path(
    get,
    path = "/org/unit",
    tag = "org",
    security(("ekinerja_sesi" = [])),
    params(InstansiQuery),
    responses(
        (status = 200, description = "The root units, each with its children.", body = Vec<UnitNode>),
        (status = 403, description = "Not an admin of an instansi.", body = ErrorBody),
        (status = 404, description = "`instansi_id` is not the caller's instansi (only a super admin may name another, and it must exist).", body = ErrorBody),
    )
)]
async fn unit_tree(
    State(state): State<AppState>,
    actor: Actor,
    query: Result<Query<InstansiQuery>, QueryRejection>,
) -> ApiResult<Json<Vec<UnitNode>>> {
    admin(&actor)?;
    let Query(q) = query.map_err(bad_query)?;
    let instansi = instansi_sasaran(&state, &actor, q.instansi_id.as_deref()).await?;
    let mut conn = state.db.pool().acquire().await.context("a database connection")?;
    Ok(Json(org::unit_tree(&mut conn, &instansi).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CariPegawai {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub unit_id: String,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    /// Another instansi (super admin only); default: the caller's own.
    pub instansi_id: Option<String>,
}

fn halaman(limit: Option<i64>, offset: Option<i64>, bawaan: i64, maks: i64) -> ApiResult<(i64, i64)> {
    let limit = limit.unwrap_or(bawaan);
    let offset = offset.unwrap_or(0);
    let mut fields = FieldErrors::new();
    if !(1..=maks).contains(&limit) {
        fields.add("limit", Teks::new(format!("Antara 1 dan {maks}."), format!("Between 1 and {maks}.")));
    }
    if offset < 0 {
        fields.add("offset", Teks::new("Tidak boleh negatif.", "Must not be negative."));
    }
    if fields.is_empty() { Ok((limit, offset)) } else { Err(ApiError::Validation(fields)) }
}

/// Searches the pegawai of the caller's instansi by name or NIP, optionally in one unit.
#[utoipa::path(
    get,
    path = "/org/pegawai",
    tag = "org",
    security(("ekinerja_sesi" = [])),
    params(CariPegawai),
    responses(
        (status = 200, description = "One page of pegawai.", body = Halaman<PegawaiItem>),
        (status = 403, description = "Not an admin of an instansi.", body = ErrorBody),
        (status = 404, description = "`unit_id` is not a unit of the instansi.", body = ErrorBody),
        (status = 422, description = "`limit`, `offset` or `q` out of range.", body = ErrorBody),
    )
)]
async fn cari_pegawai(
    State(state): State<AppState>,
    actor: Actor,
    query: Result<Query<CariPegawai>, QueryRejection>,
) -> ApiResult<Json<Halaman<PegawaiItem>>> {
    admin(&actor)?;
    let Query(q) = query.map_err(bad_query)?;
    let (limit, offset) = halaman(q.limit, q.offset, 50, 500)?;
    if q.q.chars().count() > 200 || q.q.chars().any(char::is_control) {
        return Err(ApiError::field("q", Teks::new("Kata kunci tidak valid.", "Invalid search text.")));
    }
    let instansi = instansi_sasaran(&state, &actor, q.instansi_id.as_deref()).await?;
    let mut conn = state.db.pool().acquire().await.context("a database connection")?;
    if !q.unit_id.is_empty() && org::unit_instansi(&mut conn, &q.unit_id).await?.as_deref() != Some(instansi.as_str()) {
        return Err(ApiError::NotFound);
    }
    Ok(Json(org::cari_pegawai(&mut conn, &instansi, &q.q, &q.unit_id, limit, offset).await?))
}

/// The periods of the caller's instansi.
#[utoipa::path(
    get,
    path = "/org/periode",
    tag = "org",
    security(("ekinerja_sesi" = [])),
    params(InstansiQuery),
    responses(
        (status = 200, description = "The periods.", body = Vec<PeriodeView>),
        (status = 404, description = "`instansi_id` is not the caller's instansi (only a super admin may name another, and it must exist).", body = ErrorBody),
    )
)]
async fn daftar_periode(
    State(state): State<AppState>,
    actor: Actor,
    query: Result<Query<InstansiQuery>, QueryRejection>,
) -> ApiResult<Json<Vec<PeriodeView>>> {
    let Query(q) = query.map_err(bad_query)?;
    let instansi = instansi_sasaran(&state, &actor, q.instansi_id.as_deref()).await?;
    let mut conn = state.db.pool().acquire().await.context("a database connection")?;
    Ok(Json(org::daftar_periode(&mut conn, &instansi).await?))
}

/// Creates a period of the caller's instansi.
#[utoipa::path(
    post,
    path = "/org/periode",
    tag = "org",
    security(("ekinerja_sesi" = [])),
    params(InstansiQuery),
    request_body = BuatPeriode,
    responses(
        (status = 201, description = "The period, with non-blocking remarks.", body = PeriodeDibuat),
        (status = 403, description = "Not an admin of an instansi, or the `X-CSRF-Token` header is missing or wrong.", body = ErrorBody),
        (status = 404, description = "`instansi_id` is not the caller's instansi (only a super admin may name another, and it must exist).", body = ErrorBody),
    )
)]
async fn buat_periode(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    query: Result<Query<InstansiQuery>, QueryRejection>,
    AppJson(input): AppJson<BuatPeriode>,
) -> ApiResult<Response> {
    admin(&actor)?;
    let Query(q) = query.map_err(bad_query)?;
    let instansi = instansi_sasaran(&state, &actor, q.instansi_id.as_deref()).await?;
    let rule_set = match input.rule_set.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(kode) => Some(RuleSet::from_kode(kode).ok_or_else(|| {
            ApiError::field(
                "rule_set",
                Teks::new(
                    "Harus salah satu dari permenpanrb_6_2022, permenpanrb_8_2021, pp_46_2011.",
                    "Must be one of permenpanrb_6_2022, permenpanrb_8_2021, pp_46_2011.",
                ),
            )
        })?),
    };
    let form = PeriodeInput {
        id: org::new_id(),
        tahun: input.tahun.teks(),
        siklus: input.siklus,
        rule_set,
        mulai: input.mulai,
        selesai: input.selesai,
    };
    let periode = form.validate()?;
    let peringatan = form.peringatan();
    let periode_id = periode.id().as_str().to_owned();
    let (instansi_id, k) = (instansi.clone(), kunci.clone());
    // The year's check, the period and the key's answer: one durable write.
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                let periode = org::simpan_periode(c, &instansi_id, &periode).await?;
                k.simpan_json(c, StatusCode::CREATED, &PeriodeDibuat { periode, peringatan }).await
            })
        })
        .await?;
    kunci.tercatat();
    tracing::info!(instansi_id = %instansi, periode_id = %periode_id, "period created");
    Ok(jawaban_json(StatusCode::CREATED, body))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AtasanQuery {
    pub periode_id: String,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// The atasan mapping of a period, pegawai without a pejabat penilai first.
#[utoipa::path(
    get,
    path = "/org/atasan",
    tag = "org",
    security(("ekinerja_sesi" = [])),
    params(AtasanQuery),
    responses(
        (status = 200, description = "One page of the mapping.", body = AtasanHalaman),
        (status = 403, description = "Not an admin of an instansi.", body = ErrorBody),
        (status = 404, description = "Not a period of the caller's instansi.", body = ErrorBody),
        (status = 422, description = "`limit` or `offset` out of range.", body = ErrorBody),
    )
)]
async fn daftar_atasan(
    State(state): State<AppState>,
    actor: Actor,
    query: Result<Query<AtasanQuery>, QueryRejection>,
) -> ApiResult<Json<AtasanHalaman>> {
    admin(&actor)?;
    let Query(q) = query.map_err(bad_query)?;
    let (limit, offset) = halaman(q.limit, q.offset, 200, 1000)?;
    let mut conn = state.db.pool().acquire().await.context("a database connection")?;
    let (instansi, _) = org::periode(&mut conn, &q.periode_id).await?.ok_or(ApiError::NotFound)?;
    milik(&actor, Some(&instansi))?;
    Ok(Json(org::daftar_atasan(&mut conn, &instansi, &q.periode_id, limit, offset).await?))
}

/// Sets who rates a pegawai from a date in the period; a later date is a transfer.
#[utoipa::path(
    put,
    path = "/org/atasan",
    tag = "org",
    security(("ekinerja_sesi" = [])),
    request_body = SetAtasan,
    responses(
        (status = 200, description = "The pegawai's segments after the change.", body = AtasanDiset),
        (status = 403, description = "Not an admin of an instansi, or the `X-CSRF-Token` header is missing or wrong.", body = ErrorBody),
        (status = 404, description = "Not a period or pegawai of the caller's instansi.", body = ErrorBody),
        (status = 409, description = "`stale_version` (`current` holds the segments) or `segment_order`; or a request with this `Idempotency-Key` is still running.", body = ErrorBody),
    )
)]
async fn set_atasan(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    AppJson(input): AppJson<SetAtasan>,
) -> ApiResult<Response> {
    admin(&actor)?;
    // What cannot change under this request (a period's instansi and dates,
    // a pegawai's instansi) is checked first, off the writer.
    let mut conn = state.db.pool().acquire().await.context("a database connection")?;
    let (instansi, periode) = org::periode(&mut conn, &input.periode_id).await?.ok_or(ApiError::NotFound)?;
    milik(&actor, Some(&instansi))?;
    let pegawai_instansi = org::pegawai_instansi(&mut conn, &input.pegawai_id).await?;
    if pegawai_instansi.as_deref() != Some(instansi.as_str()) {
        return Err(ApiError::NotFound);
    }
    let mut fields = FieldErrors::new();
    let mut salah = |f: &str, m: Teks| {
        fields.add(f, m);
    };
    let penilai = input.penilai_id.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let atasan_penilai = input.atasan_penilai_id.as_deref().map(str::trim).filter(|s| !s.is_empty());
    // Who rates whom decides who approves an SKP: never the admin making the
    // change for themself (a second person makes it), never someone whose
    // position cannot rate (RULES.md §3.1).
    let diri_sendiri = domain::pegawai::pesan_atasan_diri_sendiri();
    if input.pegawai_id == actor.pegawai_id {
        salah("pegawai_id", diri_sendiri.clone());
    }
    for (field, id) in [("penilai_id", penilai), ("atasan_penilai_id", atasan_penilai)] {
        let Some(id) = id else { continue };
        if id == input.pegawai_id {
            salah(
                field,
                Teks::new("Pegawai tidak dapat menilai dirinya sendiri.", "An employee cannot rate themselves."),
            );
        } else if id == actor.pegawai_id {
            salah(field, diri_sendiri.clone());
        } else {
            match org::pegawai_jabatan(&mut *conn, id).await? {
                Some(org::PegawaiJabatan { instansi_id: i, jenis_jabatan: jenis }) if i == instansi => {
                    if !JenisJabatan::from_kode(&jenis).is_some_and(JenisJabatan::boleh_menilai) {
                        salah(field, domain::pegawai::pesan_bukan_penilai());
                    }
                }
                _ => salah(field, Teks::new("Harus pegawai instansi ini.", "Must be an employee of this instansi.")),
            }
        }
    }
    if penilai.is_some() && penilai == atasan_penilai {
        salah(
            "atasan_penilai_id",
            Teks::new(
                "Atasan pejabat penilai harus orang lain dari pejabat penilai.",
                "The rater's superior must differ from the rater.",
            ),
        );
    }
    if atasan_penilai.is_some() && penilai.is_none() {
        salah("penilai_id", Teks::new("Isi pejabat penilai lebih dulu.", "Set the rater first."));
    }
    let mulai = Tanggal::parse_iso(input.berlaku_mulai.trim());
    let (awal, akhir) = (Tanggal::parse_iso(&periode.mulai), Tanggal::parse_iso(&periode.selesai));
    match (mulai, awal, akhir) {
        (Some(m), Some(a), Some(z)) if a <= m && m <= z => {}
        (Some(_), _, _) => salah(
            "berlaku_mulai",
            Teks::new(
                format!("Harus di dalam periode ({} s.d. {}).", periode.mulai, periode.selesai),
                format!("Must lie within the period ({} to {}).", periode.mulai, periode.selesai),
            ),
        ),
        (None, _, _) => {
            salah("berlaku_mulai", Teks::new("Tanggal tidak valid (TTTT-BB-HH).", "Invalid date (YYYY-MM-DD)."))
        }
    }
    if !fields.is_empty() {
        return Err(ApiError::Validation(fields));
    }
    drop(conn);
    let (periode_id, pegawai_id) = (periode.id.clone(), input.pegawai_id.clone());
    let mulai = mulai.ok_or_else(|| anyhow::anyhow!("checked above"))?;
    let (penilai, atasan_penilai) = (penilai.map(str::to_owned), atasan_penilai.map(str::to_owned));
    let (k, pengubah) = (kunci.clone(), actor.pegawai_id.clone());
    // The segments' check, their change, its history and the key's answer: one durable write.
    let (body, berubah) = state
        .db
        .write(move |c| {
            Box::pin(async move {
                let baru = org::SegmenBaru {
                    instansi_id: &instansi,
                    periode_id: &periode.id,
                    pegawai_id: &input.pegawai_id,
                    penilai_id: penilai.as_deref(),
                    atasan_penilai_id: atasan_penilai.as_deref(),
                    mulai,
                };
                let oleh = org::Pengubah { pegawai_id: Some(&pengubah), sumber: "api" };
                let (berubah, segmen) = org::set_atasan(c, &baru, input.version, &oleh).await?;
                let diset = AtasanDiset { pegawai_id: input.pegawai_id, periode_id: periode.id, berubah, segmen };
                Ok((k.simpan_json(c, StatusCode::OK, &diset).await?, berubah))
            })
        })
        .await?;
    kunci.tercatat();
    if berubah {
        tracing::info!(periode_id = %periode_id, pegawai_id = %pegawai_id, "atasan mapping set");
    }
    Ok(jawaban_json(StatusCode::OK, body))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RiwayatQuery {
    pub periode_id: String,
    pub pegawai_id: String,
}

/// Every recorded change of one pegawai's atasan mapping in a period (who, when, before, after), newest first.
#[utoipa::path(
    get,
    path = "/org/atasan/riwayat",
    tag = "org",
    security(("ekinerja_sesi" = [])),
    params(RiwayatQuery),
    responses(
        (status = 200, description = "The changes, newest first.", body = Vec<RiwayatAtasan>),
        (status = 400, description = "A missing or unreadable parameter.", body = ErrorBody),
        (status = 403, description = "Not an admin of an instansi.", body = ErrorBody),
        (status = 404, description = "Not a period or pegawai of the caller's instansi.", body = ErrorBody),
    )
)]
async fn riwayat_atasan(
    State(state): State<AppState>,
    actor: Actor,
    query: Result<Query<RiwayatQuery>, QueryRejection>,
) -> ApiResult<Json<Vec<RiwayatAtasan>>> {
    admin(&actor)?;
    let Query(q) = query.map_err(bad_query)?;
    let mut conn = state.db.pool().acquire().await.context("a database connection")?;
    let (instansi, _) = org::periode(&mut conn, &q.periode_id).await?.ok_or(ApiError::NotFound)?;
    milik(&actor, Some(&instansi))?;
    if org::pegawai_instansi(&mut conn, &q.pegawai_id).await?.as_deref() != Some(instansi.as_str()) {
        return Err(ApiError::NotFound);
    }
    Ok(Json(org::riwayat_atasan(&mut conn, &q.periode_id, &q.pegawai_id).await?))
}

/// Issues one-time activation codes, shown only in this answer.
#[utoipa::path(
    post,
    path = "/admin/aktivasi",
    tag = "org",
    security(("ekinerja_sesi" = [])),
    params(InstansiQuery),
    request_body = MintaAktivasi,
    responses(
        (status = 201, description = "The codes (`Cache-Control: no-store`).", body = AktivasiDibuat, headers(("Cache-Control" = String, description = "`no-store`"))),
        (status = 403, description = "Not an admin of an instansi, or the `X-CSRF-Token` header is missing or wrong.", body = ErrorBody),
        (status = 410, description = "`secret_not_replayed`: a replay of the key; the codes were shown once.", body = ErrorBody),
        (status = 404, description = "`instansi_id` is not the caller's instansi (only a super admin may name another, and it must exist).", body = ErrorBody),
    )
)]
async fn aktivasi(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    query: Result<Query<InstansiQuery>, QueryRejection>,
    AppJson(input): AppJson<MintaAktivasi>,
) -> ApiResult<Response> {
    admin(&actor)?;
    let Query(q) = query.map_err(bad_query)?;
    let instansi = instansi_sasaran(&state, &actor, q.instansi_id.as_deref()).await?;
    let (instansi_id, k, st) = (instansi.clone(), kunci.clone(), state.clone());
    // The codes and the key's stand-in answer (never the codes): one durable write.
    let (kode, berlaku_sampai) = state
        .db
        .write(move |c| {
            Box::pin(async move {
                let kunci_server = &st.inner.kunci_server;
                let dibuat =
                    org::buat_kode_aktivasi(c, kunci_server, &instansi_id, input.pegawai_ids.as_deref()).await?;
                k.simpan_rahasia(c).await?;
                Ok(dibuat)
            })
        })
        .await?;
    kunci.tercatat();
    tracing::info!(instansi_id = %instansi, jumlah = kode.len(), "activation codes issued");
    let mut res =
        (StatusCode::CREATED, Json(AktivasiDibuat { jumlah: kode.len(), berlaku_sampai, kode })).into_response();
    // The codes are never stored, whatever stores this answer.
    res.extensions_mut().insert(idempotency::Rahasia);
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(res)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// `true` applies; anything else only checks (a dry run).
    #[serde(default)]
    pub terapkan: Option<String>,
    /// `true` applies (or checks) the rows that pass and leaves out the
    /// others, with the rows that depend on them; the answer counts them and
    /// lists why in `dilewati`. Anything else (the default): all or nothing.
    #[serde(default)]
    pub sebagian: Option<String>,
    /// The period whose atasan mapping the file sets; default: the current one.
    #[serde(default)]
    pub periode_id: Option<String>,
    /// Another instansi (super admin only); default: the caller's own.
    #[serde(default)]
    pub instansi_id: Option<String>,
}

fn laporan_response(l: Laporan) -> Response {
    let mut fields = FieldErrors::new();
    for k in &l.kesalahan {
        fields.add(
            format!("baris[{}].{}", k.baris, k.kolom),
            Teks::new(
                format!("{} (diperbaiki oleh: {})", k.pesan.id, k.diperbaiki_oleh.id),
                format!("{} (to be fixed by: {})", k.pesan.en, k.diperbaiki_oleh.en),
            ),
        );
    }
    let error = ErrorBody { code: "import_invalid".into(), message: ringkas_laporan(&l), fields, current: None };
    (StatusCode::UNPROCESSABLE_ENTITY, Json(ImportRejected { error, laporan: Some(l) })).into_response()
}

/// Imports the instansi's pegawai, units and atasan mapping from a CSV file; a dry run unless `terapkan=true`;
/// the whole file or nothing, unless `sebagian=true` (the rows that pass, and a report of the others).
#[utoipa::path(
    post,
    path = "/admin/import",
    tag = "org",
    security(("ekinerja_sesi" = [])),
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The CSV file (UTF-8)."),
    responses(
        (status = 200, description = "What the import did (or would do); with `sebagian=true`, how many rows were applied and why the others were left out (`dilewati`).", body = Ringkasan),
        (status = 403, description = "Not an admin of an instansi, or the `X-CSRF-Token` header is missing or wrong.", body = ErrorBody),
        (status = 404, description = "`periode_id` is not a period of the instansi, or `instansi_id` is not the caller's.", body = ErrorBody),
        (status = 413, description = "The file is larger than 64 MiB.", body = ErrorBody),
        (status = 415, description = "Not sent as `text/csv`.", body = ErrorBody),
        (status = 422, description = "`import_invalid`: the file has problems (`laporan` lists them; nothing was changed), with `sebagian=true` when no row passes or the file cannot be read to its end; or a missing or reused `Idempotency-Key` (the plain error body, without `laporan`).", body = ImportRejected),
    )
)]
async fn import_csv(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    query: Result<Query<ImportQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    admin(&actor)?;
    let Query(q) = query.map_err(bad_query)?;
    let jenis = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let jenis = jenis.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if !matches!(jenis.as_str(), "text/csv" | "text/plain" | "application/vnd.ms-excel") {
        let body = ErrorBody {
            code: "unsupported_media_type".into(),
            message: Teks::new("Kirim berkas sebagai text/csv.", "Send the file as text/csv."),
            fields: FieldErrors::new(),
            current: None,
        };
        return Ok((StatusCode::UNSUPPORTED_MEDIA_TYPE, Json(body)).into_response());
    }
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge
        } else {
            ApiError::BadRequest("bad_body", Teks::new("Isi kiriman tidak dapat dibaca.", "The body cannot be read."))
        }
    })?;
    let opsi = ImportOptions {
        instansi_id: instansi_sasaran(&state, &actor, q.instansi_id.as_deref()).await?,
        periode_id: q.periode_id.filter(|p| !p.is_empty()),
        terapkan: q.terapkan.as_deref().map(str::trim) == Some("true"),
        sebagian: q.sebagian.as_deref().map(str::trim) == Some("true"),
        hari_ini: clock::hari_ini(),
        oleh: Importer::Admin(actor.pegawai_id.clone()),
    };
    // A dry run or the import, and the key's answer: one durable write.
    match apply_csv(&state.db, opsi, body.to_vec(), Arc::new(|_, _| {}), Some(kunci.record().clone())).await {
        Ok(r) => {
            kunci.tercatat();
            Ok(Json::<Ringkasan>(r).into_response())
        }
        Err(ImportError::Berkas(l)) => Ok(laporan_response(l)),
        Err(ImportError::PeriodeTidakAda) => Err(ApiError::NotFound),
        Err(ImportError::Db(e)) => Err(e.into()),
    }
}
