//! `/api/v1/notifikasi`: what each person was told (the app's bell), read
//! and marked read by that person only; and `/api/v1/penilai/ingatkan`, a
//! penilai's reminder to a subordinate who has not submitted a plan. Who is
//! told of what is `domain::notifikasi::ATURAN`; the workflow's events are
//! stored with the change that caused them (`routes::skp::save`). Each one
//! stored also queues its e-mail when the server sends e-mail and the
//! person set an address (`crate::email`).

use anyhow::Context as _;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::api::{BacaNotifikasi, DaftarNotifikasi, Ingatkan, JumlahNotifikasi, NotifikasiView};
use domain::kalender::Kalender;
use domain::notifikasi::Peristiwa;
use domain::skp::StatusSkp;
use domain::teks::Teks;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Actor;
use crate::clock;
use crate::db::notifikasi::{self as store, Baru};
use crate::db::{org, skp};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::AppJson;
use crate::state::AppState;

/// At most this many are listed: the newest.
const BATAS: i64 = 50;
/// A reminder to the same subordinate by the same penilai waits this long.
const JEDA_PENGINGAT_MS: i64 = 24 * 3600 * 1000;
/// The deadline reminder comes this many working days before the deadline.
const HARI_SEBELUM_TENGGAT: i64 = 5;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(daftar)).routes(routes!(jumlah)).routes(routes!(baca)).routes(routes!(ingatkan))
}

/// The caller's notifications, newest first (at most 50), and how many are unread.
#[utoipa::path(
    get,
    path = "/notifikasi",
    tag = "notifikasi",
    security(("ekinerja_sesi" = [])),
    responses((status = 200, description = "The caller's notifications.", body = DaftarNotifikasi))
)]
async fn daftar(State(state): State<AppState>, actor: Actor) -> ApiResult<Json<DaftarNotifikasi>> {
    ingatkan_tenggat(&state, &actor).await?;
    let pool = state.db.pool();
    let rows = store::daftar(pool, &actor.pegawai_id, BATAS).await?;
    let item = rows
        .into_iter()
        .filter_map(|r| {
            // A kind this build does not know (written by a newer one) is left out.
            let peristiwa = Peristiwa::dari_kode(&r.jenis)?;
            Some(NotifikasiView {
                teks: peristiwa.teks(r.dari.as_deref().unwrap_or("e-Kinerja"), r.tahun),
                id: r.id,
                peristiwa,
                skp_id: r.skp_id,
                // Only where the one who did it is the reader's subordinate
                // the event is about (never a rater).
                pegawai_id: r.dari_id.filter(|_| peristiwa.tentang_pengirim()),
                dibuat: r.dibuat,
                dibaca: r.dibaca.is_some(),
            })
        })
        .collect();
    Ok(Json(DaftarNotifikasi { belum_dibaca: store::belum_dibaca(pool, &actor.pegawai_id).await?, item }))
}

/// How many of the caller's notifications are unread: what the bell shows
/// on every page (the list is read only on its own page).
#[utoipa::path(
    get,
    path = "/notifikasi/jumlah",
    tag = "notifikasi",
    security(("ekinerja_sesi" = [])),
    responses((status = 200, description = "The unread count.", body = JumlahNotifikasi))
)]
async fn jumlah(State(state): State<AppState>, actor: Actor) -> ApiResult<Json<JumlahNotifikasi>> {
    ingatkan_tenggat(&state, &actor).await?;
    Ok(Json(JumlahNotifikasi { belum_dibaca: store::belum_dibaca(state.db.pool(), &actor.pegawai_id).await? }))
}

/// Marks one of the caller's notifications read (`id`), or all of them.
#[utoipa::path(
    post,
    path = "/notifikasi/baca",
    tag = "notifikasi",
    security(("ekinerja_sesi" = [])),
    request_body = BacaNotifikasi,
    responses((status = 204, description = "Marked read; another person's id changes nothing."))
)]
async fn baca(
    State(state): State<AppState>,
    actor: Actor,
    AppJson(input): AppJson<BacaNotifikasi>,
) -> ApiResult<StatusCode> {
    let pada = clock::now_ms();
    state
        .db
        .write(move |c| {
            Box::pin(async move { store::tandai_dibaca(c, &actor.pegawai_id, input.id.as_deref(), pada).await })
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The penilai reminds a subordinate of the period who has not submitted a plan.
#[utoipa::path(
    post,
    path = "/penilai/ingatkan",
    tag = "notifikasi",
    security(("ekinerja_sesi" = [])),
    request_body = Ingatkan,
    responses(
        (status = 204, description = "The subordinate is told."),
        (status = 404, description = "Not the caller's subordinate in that period.", body = ErrorBody),
        (status = 409, description = "`sudah_diajukan`: the plan is already submitted or set; `sudah_diingatkan`: reminded in the last 24 hours.", body = ErrorBody),
    )
)]
async fn ingatkan(
    State(state): State<AppState>,
    actor: Actor,
    AppJson(input): AppJson<Ingatkan>,
) -> ApiResult<StatusCode> {
    let pool = state.db.pool();
    // Only the pegawai's current penilai, in the caller's own instansi.
    if org::periode_instansi(pool, &input.periode_id).await?.as_deref() != Some(actor.instansi_id.as_str()) {
        return Err(ApiError::NotFound);
    }
    let penilai = org::penilai_terakhir(pool, &input.periode_id, &input.pegawai_id).await?;
    if penilai.and_then(|p| p.penilai_id).as_deref() != Some(actor.pegawai_id.as_str()) {
        return Err(ApiError::NotFound);
    }
    let rencana = skp::find_for(pool, &input.periode_id, &input.pegawai_id).await?;
    if rencana.as_ref().is_some_and(|r| !matches!(r.skp.status(), StatusSkp::Draf | StatusSkp::Dikembalikan)) {
        return Err(ApiError::Conflict(
            "sudah_diajukan",
            Teks::new(
                "SKP pegawai ini sudah diajukan atau ditetapkan.",
                "This employee's SKP is already submitted or set.",
            ),
        ));
    }
    let sekarang = clock::now_ms();
    let jenis = Peristiwa::Pengingat.kode();
    let sejak = sekarang - JEDA_PENGINGAT_MS;
    if store::ada_sejak(pool, &input.pegawai_id, jenis, &input.periode_id, Some(&actor.pegawai_id), sejak).await? {
        return Err(ApiError::Conflict(
            "sudah_diingatkan",
            Teks::new(
                "Pegawai ini sudah Anda ingatkan dalam 24 jam terakhir.",
                "You reminded this employee in the last 24 hours.",
            ),
        ));
    }
    let n = Baru {
        instansi_id: actor.instansi_id.clone(),
        penerima_id: input.pegawai_id,
        jenis,
        skp_id: rencana.map(|r| r.id),
        periode_id: input.periode_id,
        dari_id: Some(actor.pegawai_id.clone()),
        dibuat: sekarang,
    };
    let email = state.inner.email.on();
    state.db.write(move |c| Box::pin(async move { store::tambah(c, &n, email).await })).await?;
    state.inner.email.wake();
    tracing::info!(jenis, "reminder sent");
    Ok(StatusCode::NO_CONTENT)
}

/// The deadline reminder, kept once per person and period: when the
/// caller's plan of the running period is not set and its deadline is at
/// most five working days away (or past).
async fn ingatkan_tenggat(state: &AppState, actor: &Actor) -> ApiResult<()> {
    let pool = state.db.pool();
    let hari_ini = clock::hari_ini();
    let berjalan = {
        let mut conn = pool.acquire().await.context("a database connection")?;
        org::periode_berjalan(&mut conn, &actor.instansi_id, hari_ini).await?
    };
    // Only a period running today (not the newest one after it ended).
    let hari = hari_ini.to_string();
    let Some(view) = berjalan.filter(|p| p.mulai <= hari && hari <= p.selesai) else { return Ok(()) };
    let Some(periode) = view.periode() else { return Ok(()) };
    if Kalender::nasional().sisa_hari_kerja(hari_ini, periode.batas_penetapan_skp()) > HARI_SEBELUM_TENGGAT {
        return Ok(());
    }
    let rencana = skp::find_for(pool, &view.id, &actor.pegawai_id).await?;
    if rencana.as_ref().is_some_and(|r| r.skp.status() != StatusSkp::Draf && r.skp.status() != StatusSkp::Dikembalikan)
    {
        return Ok(());
    }
    // Only someone with a penilai in the period has a plan to set.
    if org::penilai_terakhir(pool, &view.id, &actor.pegawai_id).await?.and_then(|p| p.penilai_id).is_none() {
        return Ok(());
    }
    let jenis = Peristiwa::TenggatSkp.kode();
    if store::ada_sejak(pool, &actor.pegawai_id, jenis, &view.id, None, 0).await? {
        return Ok(());
    }
    let n = Baru {
        instansi_id: actor.instansi_id.clone(),
        penerima_id: actor.pegawai_id.clone(),
        jenis,
        skp_id: rencana.map(|r| r.id),
        periode_id: view.id.clone(),
        dari_id: None,
        dibuat: clock::now_ms(),
    };
    let email = state.inner.email.on();
    state.db.write(move |c| Box::pin(async move { store::tambah(c, &n, email).await })).await?;
    state.inner.email.wake();
    Ok(())
}
