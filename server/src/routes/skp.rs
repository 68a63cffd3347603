//! `/api/v1/skp/…`: planning an SKP, driven by the domain state machine.
//! Every handler: extract → authorise → domain → one transaction → view.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::api::{
    Akses, AntrianItem, CreateSkp, EditSkp, PegawaiRingkas, RhkAtasan, RhkAtasanItem, SkpRingkas, SkpView, Transition,
};
use domain::pegawai::{JenisJabatan, PegawaiId};
use domain::periode::PeriodeId;
use domain::skp::{Peran, Skp, SkpBaru, SkpId};
use serde::Deserialize;

use crate::auth::Actor;
use crate::clock;
use crate::db::skp::{self as store, SkpRow, VersiSkp};
use crate::error::{ApiError, ApiResult};
use crate::extract::AppJson;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/skp", get(list_own).post(create))
        .route("/skp/{id}", get(read).put(edit))
        .route("/skp/{id}/submit", post(submit))
        .route("/skp/{id}/approve", post(approve))
        .route("/skp/{id}/return", post(return_with_notes))
        .route("/skp/{id}/revise", post(revise))
        .route("/skp/{id}/versi", get(history))
        .route("/skp/{id}/rhk-atasan", get(rhk_atasan))
        .route("/penilai/skp", get(queue))
}

/// How the caller stands to an SKP. `None`: not theirs to see (answered 404).
fn akses_of(actor: &Actor, row: &SkpRow) -> Option<Akses> {
    if actor.pegawai_id == row.pegawai_id {
        Some(Akses::Pegawai)
    } else if actor.pegawai_id == row.penilai_id {
        Some(Akses::PejabatPenilai)
    } else if row.atasan_penilai_id.as_deref() == Some(actor.pegawai_id.as_str()) {
        Some(Akses::AtasanPejabatPenilai)
    } else if actor.is_admin_of(&row.instansi_id) {
        Some(Akses::Admin)
    } else {
        None
    }
}

/// The domain role for a change; the admin has none.
fn peran_of(akses: Akses) -> ApiResult<Peran> {
    match akses {
        Akses::Pegawai => Ok(Peran::Pegawai),
        Akses::PejabatPenilai => Ok(Peran::PejabatPenilai),
        Akses::AtasanPejabatPenilai => Ok(Peran::AtasanPejabatPenilai),
        Akses::Admin => Err(ApiError::Forbidden),
    }
}

async fn pegawai_ringkas(state: &AppState, id: &str) -> ApiResult<PegawaiRingkas> {
    let (nip, nama, jabatan): (String, String, String) =
        sqlx::query_as("SELECT nip, nama, jabatan FROM pegawai WHERE id = $1")
            .bind(id)
            .fetch_one(state.db.pool())
            .await?;
    Ok(PegawaiRingkas { id: id.to_owned(), nip, nama, jabatan })
}

async fn view(state: &AppState, row: SkpRow, akses: Akses) -> ApiResult<SkpView> {
    let pegawai = pegawai_ringkas(state, &row.pegawai_id).await?;
    Ok(SkpView {
        status: row.skp.status().kode().to_owned(),
        kelengkapan: row.skp.rencana().kelengkapan(),
        id: row.id,
        version: row.version,
        periode_id: row.periode_id,
        akses,
        pegawai,
        skp: row.skp,
        isian: row.isian,
    })
}

/// Loads an SKP the caller may see; another's is a 404, never a hint.
async fn load(state: &AppState, actor: &Actor, id: &str) -> ApiResult<(SkpRow, Akses)> {
    let row = store::find(state.db.pool(), id).await?.ok_or(ApiError::NotFound)?;
    let akses = akses_of(actor, &row).ok_or(ApiError::NotFound)?;
    Ok((row, akses))
}

/// A stale write gets 409 with the current record.
async fn check_version(state: &AppState, row: &SkpRow, akses: Akses, version: i64) -> ApiResult<()> {
    if row.version != version {
        let current = view(state, row.clone(), akses).await?;
        return Err(ApiError::Stale(serde_json::to_value(current).map_err(|e| ApiError::Internal(e.into()))?));
    }
    Ok(())
}

async fn jenis_jabatan(state: &AppState, pegawai_id: &str) -> ApiResult<JenisJabatan> {
    let (jenis,): (String,) = sqlx::query_as("SELECT jenis_jabatan FROM pegawai WHERE id = $1")
        .bind(pegawai_id)
        .fetch_one(state.db.pool())
        .await?;
    serde_json::from_value(serde_json::Value::String(jenis)).map_err(|e| ApiError::Internal(e.into()))
}

async fn create(
    State(state): State<AppState>,
    actor: Actor,
    AppJson(input): AppJson<CreateSkp>,
) -> ApiResult<(StatusCode, Json<SkpView>)> {
    let periode: Option<(String,)> = sqlx::query_as("SELECT instansi_id FROM periode WHERE id = $1")
        .bind(&input.periode_id)
        .fetch_optional(state.db.pool())
        .await?;
    if periode.map(|p| p.0) != Some(actor.instansi_id.clone()) {
        return Err(ApiError::field("periode_id", "Periode tidak ditemukan. / Unknown period."));
    }
    let mapping: Option<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT penilai_id, atasan_penilai_id FROM atasan WHERE periode_id = $1 AND pegawai_id = $2 \
         ORDER BY berlaku_mulai DESC LIMIT 1",
    )
    .bind(&input.periode_id)
    .bind(&actor.pegawai_id)
    .fetch_optional(state.db.pool())
    .await?;
    let Some((Some(penilai_id), atasan_penilai_id)) = mapping else {
        return Err(ApiError::Conflict(
            "penilai_missing",
            "Pejabat penilai Anda untuk periode ini belum ditetapkan; hubungi admin instansi. / Your pejabat penilai for this period is not set; contact your instansi admin."
                .into(),
        ));
    };
    let rencana = input.rencana.validate(jenis_jabatan(&state, &actor.pegawai_id).await?)?;
    let id = uuid::Uuid::new_v4().to_string();
    let baru = SkpBaru {
        id: SkpId::new(id.clone()),
        pegawai: PegawaiId::new(actor.pegawai_id.clone()),
        pejabat_penilai: PegawaiId::new(penilai_id.clone()),
        atasan_pejabat_penilai: atasan_penilai_id.clone().map(PegawaiId::new),
        periode: PeriodeId::new(input.periode_id.clone()),
    };
    let row = SkpRow {
        id,
        instansi_id: actor.instansi_id.clone(),
        periode_id: input.periode_id,
        pegawai_id: actor.pegawai_id.clone(),
        penilai_id,
        atasan_penilai_id,
        version: 1,
        skp: Skp::new(baru, rencana),
        isian: input.rencana,
    };
    let mut tx = state.db.pool().begin().await?;
    store::insert(&mut tx, &row, &actor.pegawai_id).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(view(&state, row, Akses::Pegawai).await?)))
}

#[derive(Debug, Deserialize)]
pub struct PeriodeQuery {
    pub periode_id: Option<String>,
}

async fn list_own(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<PeriodeQuery>,
) -> ApiResult<Json<Vec<SkpRingkas>>> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT id, periode_id, status, version FROM skp WHERE pegawai_id = $1 AND ($2 IS NULL OR periode_id = $2) ORDER BY periode_id",
    )
    .bind(&actor.pegawai_id)
    .bind(&q.periode_id)
    .fetch_all(state.db.pool())
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|(id, periode_id, status, version)| SkpRingkas { id, periode_id, status, version })
            .collect(),
    ))
}

async fn read(State(state): State<AppState>, actor: Actor, Path(id): Path<String>) -> ApiResult<Json<SkpView>> {
    let (row, akses) = load(&state, &actor, &id).await?;
    Ok(Json(view(&state, row, akses).await?))
}

async fn edit(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    AppJson(input): AppJson<EditSkp>,
) -> ApiResult<Json<SkpView>> {
    let (mut row, akses) = load(&state, &actor, &id).await?;
    check_version(&state, &row, akses, input.version).await?;
    let peran = peran_of(akses)?;
    let rencana = input.rencana.validate(jenis_jabatan(&state, &row.pegawai_id).await?)?;
    row.skp.update(peran, rencana)?;
    row.isian = input.rencana;
    save(&state, row, akses, "update", &actor).await
}

async fn transition(
    state: AppState,
    actor: Actor,
    id: String,
    input: Transition,
    aksi: &'static str,
) -> ApiResult<Json<SkpView>> {
    let (mut row, akses) = load(&state, &actor, &id).await?;
    check_version(&state, &row, akses, input.version).await?;
    let peran = peran_of(akses)?;
    let hari_ini = clock::hari_ini();
    match aksi {
        "submit" => row.skp.submit(peran, hari_ini)?,
        "approve" => row.skp.approve(peran, hari_ini)?,
        "return" => row.skp.return_with_notes(peran, hari_ini, &input.catatan)?,
        _ => row.skp.start_revision(peran, hari_ini, &input.catatan)?,
    }
    save(&state, row, akses, aksi, &actor).await
}

async fn save(state: &AppState, mut row: SkpRow, akses: Akses, aksi: &str, actor: &Actor) -> ApiResult<Json<SkpView>> {
    let mut tx = state.db.pool().begin().await?;
    row.version = store::update(&mut tx, &row, aksi, &actor.pegawai_id).await?;
    tx.commit().await?;
    tracing::info!(skp_id = %row.id, aksi, "skp changed");
    Ok(Json(view(state, row, akses).await?))
}

async fn submit(
    State(s): State<AppState>,
    a: Actor,
    Path(id): Path<String>,
    AppJson(i): AppJson<Transition>,
) -> ApiResult<Json<SkpView>> {
    transition(s, a, id, i, "submit").await
}

async fn approve(
    State(s): State<AppState>,
    a: Actor,
    Path(id): Path<String>,
    AppJson(i): AppJson<Transition>,
) -> ApiResult<Json<SkpView>> {
    transition(s, a, id, i, "approve").await
}

async fn return_with_notes(
    State(s): State<AppState>,
    a: Actor,
    Path(id): Path<String>,
    AppJson(i): AppJson<Transition>,
) -> ApiResult<Json<SkpView>> {
    transition(s, a, id, i, "return").await
}

async fn revise(
    State(s): State<AppState>,
    a: Actor,
    Path(id): Path<String>,
    AppJson(i): AppJson<Transition>,
) -> ApiResult<Json<SkpView>> {
    transition(s, a, id, i, "revise").await
}

async fn history(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<VersiSkp>>> {
    let (row, _) = load(&state, &actor, &id).await?;
    Ok(Json(store::versions(state.db.pool(), &row.id).await?))
}

async fn rhk_atasan(State(state): State<AppState>, actor: Actor, Path(id): Path<String>) -> ApiResult<Json<RhkAtasan>> {
    let (row, _) = load(&state, &actor, &id).await?;
    let atasan = store::find_for(state.db.pool(), &row.periode_id, &row.penilai_id).await?;
    Ok(Json(match atasan {
        None => RhkAtasan { tersedia: false, rhk: Vec::new() },
        Some(a) => RhkAtasan {
            tersedia: true,
            rhk: a
                .skp
                .rencana()
                .rhk()
                .iter()
                .map(|r| RhkAtasanItem {
                    id: r.id().as_str().to_owned(),
                    uraian: r.uraian().to_owned(),
                    jenis: r.jenis(),
                })
                .collect(),
        },
    }))
}

/// pegawai id, nip, nama, jabatan, skp id, status, version
type AntrianRow = (String, String, String, String, Option<String>, Option<String>, Option<i64>);

#[derive(Debug, Deserialize)]
pub struct QueueQuery {
    pub periode_id: String,
}

async fn queue(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<QueueQuery>,
) -> ApiResult<Json<Vec<AntrianItem>>> {
    let rows: Vec<AntrianRow> = sqlx::query_as(
        "SELECT p.id, p.nip, p.nama, p.jabatan, s.id, s.status, s.version \
         FROM atasan a JOIN pegawai p ON p.id = a.pegawai_id \
         LEFT JOIN skp s ON s.periode_id = a.periode_id AND s.pegawai_id = a.pegawai_id \
         WHERE a.periode_id = $1 AND a.penilai_id = $2 AND a.instansi_id = $3 AND a.berlaku_sampai IS NULL \
         ORDER BY CASE s.status WHEN 'diajukan' THEN 0 WHEN 'revisi' THEN 1 ELSE 2 END, p.nama",
    )
    .bind(&q.periode_id)
    .bind(&actor.pegawai_id)
    .bind(&actor.instansi_id)
    .fetch_all(state.db.pool())
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|(id, nip, nama, jabatan, skp_id, status, version)| AntrianItem {
                pegawai: PegawaiRingkas { id, nip, nama, jabatan },
                skp_id,
                status: status.unwrap_or_else(|| "belum_dibuat".to_owned()),
                version,
            })
            .collect(),
    ))
}
