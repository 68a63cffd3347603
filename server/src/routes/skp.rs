//! `/api/v1/skp/…`: planning an SKP, driven by the domain state machine.
//! Every handler: extract → authorise → domain → one transaction → view.

use anyhow::Context as _;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::api::{
    Akses, AntrianItem, CreateSkp, EditSkp, PegawaiRingkas, RhkAtasan, RhkAtasanItem, SejakDikembalikan, SkpRingkas,
    SkpVersion, SkpView, Transition,
};
use domain::notifikasi::{Penerima, Peristiwa};
use domain::pegawai::{JenisJabatan, PegawaiId};
use domain::periode::{Periode, PeriodeId};
use domain::skp::{AksiSkp, Peran, RencanaSkp, RhkId, Skp, SkpBaru, SkpId, StatusSkp};
use domain::teks::Teks;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Actor;
use crate::clock;
use crate::db::skp::{self as store, Pihak, SkpJson, SkpLengkap, SkpRow};
use crate::db::{notifikasi, org};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{AppJson, AppQuery};
use crate::idempotency::{Kunci, jawaban_json};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_own, create))
        .routes(routes!(read, edit))
        .routes(routes!(submit))
        .routes(routes!(approve))
        .routes(routes!(return_with_notes))
        .routes(routes!(revise))
        .routes(routes!(versions))
        .routes(routes!(sejak_dikembalikan))
        .routes(routes!(rhk_atasan))
        .routes(routes!(queue))
}

/// How the caller stands to an SKP. `None`: not theirs to see (answered 404).
pub(crate) fn akses_of(actor: &Actor, p: Pihak<'_>) -> Option<Akses> {
    if actor.pegawai_id == p.pegawai_id {
        Some(Akses::Pegawai)
    } else if actor.pegawai_id == p.penilai_id {
        Some(Akses::PejabatPenilai)
    } else if p.atasan_penilai_id == Some(actor.pegawai_id.as_str()) {
        Some(Akses::AtasanPejabatPenilai)
    } else if actor.is_admin_of(p.instansi_id) {
        Some(Akses::Admin)
    } else {
        None
    }
}

/// The domain role for a change; the admin has none.
pub(crate) fn peran_of(akses: Akses) -> ApiResult<Peran> {
    match akses {
        Akses::Pegawai => Ok(Peran::Pegawai),
        Akses::PejabatPenilai => Ok(Peran::PejabatPenilai),
        Akses::AtasanPejabatPenilai => Ok(Peran::AtasanPejabatPenilai),
        Akses::Admin => Err(ApiError::Forbidden),
    }
}

pub(crate) fn view_of(row: SkpRow, akses: Akses, pegawai: PegawaiRingkas) -> SkpView {
    SkpView {
        status: row.skp.status(),
        kelengkapan: row.skp.rencana().kelengkapan(),
        id: row.id,
        version: row.version,
        periode_id: row.periode_id,
        akses,
        pegawai,
        skp: row.skp,
        isian: row.isian,
    }
}

/// Loads an SKP the caller may see; another's is a 404, never a hint.
pub(crate) async fn load(state: &AppState, actor: &Actor, id: &str) -> ApiResult<(SkpRow, Akses)> {
    let row = store::find(state.db.pool(), id).await?.ok_or(ApiError::NotFound)?;
    let akses = akses_of(actor, row.pihak()).ok_or(ApiError::NotFound)?;
    Ok((row, akses))
}

/// Loads an SKP the caller may see with its pegawai, in one query; another's is a 404.
pub(crate) async fn load_lengkap(state: &AppState, actor: &Actor, id: &str) -> ApiResult<(SkpLengkap, Akses)> {
    let l = store::find_lengkap(state.db.pool(), id).await?.ok_or(ApiError::NotFound)?;
    let akses = akses_of(actor, l.row.pihak()).ok_or(ApiError::NotFound)?;
    Ok((l, akses))
}

/// A stale write gets 409 with the current record.
pub(crate) fn check_version(l: &SkpLengkap, akses: Akses, version: i64) -> ApiResult<()> {
    if l.row.version != version {
        let current = view_of(l.row.clone(), akses, l.pegawai.clone());
        return Err(ApiError::Stale(serde_json::to_value(current).context("rendering the current SKP")?));
    }
    Ok(())
}

/// 422 unless every link to an atasan's RHK names an RHK of the penilai's
/// SKP in the period. The atasan's SKP is read only when the plan links
/// something the stored plan (`lama`) did not already link.
async fn periksa_tautan(
    state: &AppState,
    rencana: &RencanaSkp,
    lama: Option<&RencanaSkp>,
    periode_id: &str,
    penilai_id: &str,
) -> ApiResult<()> {
    let sudah: Vec<&RhkId> = lama.map(|l| l.rhk().iter().filter_map(|r| r.rhk_atasan()).collect()).unwrap_or_default();
    if rencana.rhk().iter().filter_map(|r| r.rhk_atasan()).all(|id| sudah.contains(&id)) {
        return Ok(());
    }
    let atasan = store::find_for(state.db.pool(), periode_id, penilai_id).await?;
    let ada: Option<Vec<RhkId>> = atasan.map(|a| a.skp.rencana().rhk().iter().map(|r| r.id().clone()).collect());
    Ok(rencana.periksa_tautan(ada.as_deref())?)
}

fn parse_jenis(jenis: &str) -> ApiResult<JenisJabatan> {
    JenisJabatan::from_kode(jenis).ok_or_else(|| anyhow::anyhow!("unknown jenis_jabatan {jenis:?} stored").into())
}

async fn jenis_jabatan(state: &AppState, pegawai_id: &str) -> ApiResult<JenisJabatan> {
    let p = org::pegawai_jabatan(state.db.pool(), pegawai_id)
        .await?
        .with_context(|| format!("the caller {pegawai_id} is not a pegawai"))?;
    parse_jenis(&p.jenis_jabatan)
}

/// A new draft SKP of the caller for a period.
#[utoipa::path(
    post,
    path = "/skp",
    tag = "skp",
    security(("ekinerja_sesi" = [])),
    request_body = CreateSkp,
    responses(
        (status = 201, description = "The draft.", body = SkpView),
        (status = 409, description = "`penilai_missing`: the caller's pejabat penilai for the period is not set, or the caller already has an SKP for it.", body = ErrorBody),
        (status = 422, description = "Invalid fields, an unknown `periode_id`, or a missing `Idempotency-Key`.", body = ErrorBody),
    )
)]
async fn create(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    AppJson(input): AppJson<CreateSkp>,
) -> ApiResult<Response> {
    let periode_instansi = org::periode_instansi(state.db.pool(), &input.periode_id).await?;
    if periode_instansi.as_deref() != Some(actor.instansi_id.as_str()) {
        return Err(ApiError::field("periode_id", Teks::new("Periode tidak ditemukan.", "Unknown period.")));
    }
    let mapping = org::penilai_terakhir(state.db.pool(), &input.periode_id, &actor.pegawai_id).await?;
    let Some(org::PenilaiOf { penilai_id: Some(penilai_id), atasan_penilai_id }) = mapping else {
        return Err(ApiError::Conflict(
            "penilai_missing",
            Teks::new(
                "Pejabat penilai Anda untuk periode ini belum ditetapkan; hubungi admin instansi.",
                "Your pejabat penilai for this period is not set; contact your instansi admin.",
            ),
        ));
    };
    let rencana = input.rencana.validate(jenis_jabatan(&state, &actor.pegawai_id).await?)?;
    periksa_tautan(&state, &rencana, None, &input.periode_id, &penilai_id).await?;
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
    let pegawai = org::pegawai_ringkas(state.db.pool(), &actor.pegawai_id).await?;
    let j = SkpJson::dari(&row)?;
    let (oleh, k) = (actor.pegawai_id.clone(), kunci.clone());
    // The SKP, its history and the key's answer: one durable write.
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                store::insert(c, &row, &j, &oleh).await?;
                k.simpan_json(c, StatusCode::CREATED, &view_of(row, Akses::Pegawai, pegawai)).await
            })
        })
        .await?;
    kunci.tercatat();
    Ok(jawaban_json(StatusCode::CREATED, body))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodeQuery {
    pub periode_id: Option<String>,
}

/// The caller's own SKPs, optionally of one period.
#[utoipa::path(
    get,
    path = "/skp",
    tag = "skp",
    security(("ekinerja_sesi" = [])),
    params(PeriodeQuery),
    responses(
        (status = 200, description = "The caller's SKPs.", body = Vec<SkpRingkas>),
    )
)]
async fn list_own(
    State(state): State<AppState>,
    actor: Actor,
    AppQuery(q): AppQuery<PeriodeQuery>,
) -> ApiResult<Json<Vec<SkpRingkas>>> {
    let rows = store::list_own(state.db.pool(), &actor.pegawai_id, q.periode_id.as_deref()).await?;
    let list = rows.into_iter().map(|r| {
        Ok(SkpRingkas { status: stored_status(&r.status)?, id: r.id, periode_id: r.periode_id, version: r.version })
    });
    Ok(Json(list.collect::<ApiResult<_>>()?))
}

/// An SKP the caller may see (their own, as penilai or atasan penilai, or as admin).
#[utoipa::path(
    get,
    path = "/skp/{id}",
    tag = "skp",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    responses(
        (status = 200, description = "The SKP as its reader sees it.", body = SkpView),
    )
)]
async fn read(State(state): State<AppState>, actor: Actor, Path(id): Path<String>) -> ApiResult<Response> {
    // The hot read: the stored JSON is served as it is, never parsed into the domain types.
    let m = state.db.skp_mentah(&id).await?.ok_or(ApiError::NotFound)?;
    let akses = akses_of(&actor, m.pihak()).ok_or(ApiError::NotFound)?;
    Ok(jawaban_json(StatusCode::OK, m.view_json(akses)?))
}

/// Saves the plan of an editable SKP.
#[utoipa::path(
    put,
    path = "/skp/{id}",
    tag = "skp",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    request_body = EditSkp,
    responses(
        (status = 200, description = "The SKP after the change.", body = SkpView),
        (status = 403, description = "The instansi admin may read, never change.", body = ErrorBody),
        (status = 409, description = "`stale_version`: `version` is not the current one (`current` holds the current SKP); or the workflow refuses the change in this status.", body = ErrorBody),
    )
)]
async fn edit(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    Path(id): Path<String>,
    AppJson(input): AppJson<EditSkp>,
) -> ApiResult<Response> {
    let (mut l, akses) = load_lengkap(&state, &actor, &id).await?;
    check_version(&l, akses, input.version)?;
    let peran = peran_of(akses)?;
    // A draft saved as it is typed may not pass the rules yet: then only
    // what was typed is kept (the status still has to take changes).
    let rencana = match rencana_of(&state, &l, &input.rencana).await {
        // (Incomplete or wrong, but never beyond the sizes the rules allow.)
        Err(ApiError::Validation(_)) if input.draf && input.rencana.dalam_batas() => l.row.skp.rencana().clone(),
        other => other?,
    };
    l.row.skp.update(peran, rencana)?;
    l.row.isian = input.rencana;
    save(&state, l, akses, AksiSkp::Update, &actor, kunci).await
}

/// The plan typed (`isian`) as the rules read it: 422 for its fields, or a
/// link to an RHK the atasan does not have.
async fn rencana_of(state: &AppState, l: &SkpLengkap, isian: &domain::SkpInput) -> ApiResult<RencanaSkp> {
    let rencana = isian.validate(parse_jenis(&l.jenis_jabatan)?)?;
    periksa_tautan(state, &rencana, Some(l.row.skp.rencana()), &l.row.periode_id, &l.row.penilai_id).await?;
    Ok(rencana)
}

/// A status column as the domain names it; another value is a damaged row.
fn stored_status(s: &str) -> ApiResult<StatusSkp> {
    StatusSkp::parse(s).ok_or_else(|| anyhow::anyhow!("stored SKP status {s:?} is not a StatusSkp").into())
}

async fn transition(
    state: AppState,
    actor: Actor,
    kunci: Kunci,
    id: String,
    input: Transition,
    aksi: AksiSkp,
) -> ApiResult<Response> {
    let (mut l, akses) = load_lengkap(&state, &actor, &id).await?;
    check_version(&l, akses, input.version)?;
    let peran = peran_of(akses)?;
    let hari_ini = clock::hari_ini();
    if aksi == AksiSkp::Submit {
        // What is submitted is what was typed: a draft saved as it was typed
        // is checked now (422 for its fields, as a save is).
        let rencana = rencana_of(&state, &l, &l.row.isian).await?;
        if rencana != *l.row.skp.rencana() {
            l.row.skp.update(peran, rencana)?;
        }
    }
    let skp = &mut l.row.skp;
    match aksi {
        AksiSkp::Submit => skp.submit(peran, hari_ini)?,
        AksiSkp::Approve => skp.approve(peran, hari_ini, &periode_of(&state, &l.row.periode_id).await?)?,
        AksiSkp::Return => {
            let periode = periode_of(&state, &l.row.periode_id).await?;
            skp.return_with_comments(peran, hari_ini, &periode, &input.catatan, &input.komentar_rhk)?
        }
        AksiSkp::Revise => skp.revise(peran, hari_ini, &input.catatan)?,
        other => return Err(anyhow::anyhow!("{other} is not a workflow step of the API").into()),
    }
    save(&state, l, akses, aksi, &actor, kunci).await
}

/// The SKP's period as the rules see it (whose deadline decides when the
/// atasan pejabat penilai may take over).
pub(crate) async fn periode_of(state: &AppState, periode_id: &str) -> ApiResult<Periode> {
    let mut conn = state.db.pool().acquire().await.context("a database connection")?;
    let (_, view) = org::periode(&mut conn, periode_id).await?.ok_or(ApiError::NotFound)?;
    view.periode().ok_or_else(|| anyhow::anyhow!("stored period {periode_id} does not pass the rules").into())
}

/// [`periode_of`] for a period named by the caller: one of another instansi is a 404.
pub(crate) async fn periode_sendiri(state: &AppState, actor: &Actor, periode_id: &str) -> ApiResult<Periode> {
    if org::periode_instansi(state.db.pool(), periode_id).await?.as_deref() != Some(actor.instansi_id.as_str()) {
        return Err(ApiError::NotFound);
    }
    periode_of(state, periode_id).await
}

/// The change, its history entry and the key's answer in one durable write.
async fn save(
    state: &AppState,
    l: SkpLengkap,
    akses: Akses,
    aksi: AksiSkp,
    actor: &Actor,
    kunci: Kunci,
) -> ApiResult<Response> {
    let SkpLengkap { row, pegawai, .. } = l;
    // Everything but the SQL is done here, off the shared writer: the
    // serialised SKP and the answer (the update succeeds only as version + 1),
    // and who is told of the step (never the one who took it).
    let kabar = kabar_langkah(&row, aksi, &actor.pegawai_id);
    let j = SkpJson::dari(&row)?;
    let perubahan = row.perubahan();
    let id = perubahan.id.clone();
    let body = store::json(&view_of(SkpRow { version: row.version + 1, ..row }, akses, pegawai))?;
    let (oleh, k) = (actor.pegawai_id.clone(), kunci.clone());
    let (email, dikabari) = (state.inner.email.on(), !kabar.is_empty());
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                store::update_json(c, &perubahan, &j, aksi, &oleh, k.record(), &body).await?;
                for n in &kabar {
                    notifikasi::tambah(c, n, email).await?;
                }
                Ok(body)
            })
        })
        .await?;
    if dikabari {
        state.inner.email.wake();
    }
    kunci.tercatat();
    tracing::info!(skp_id = %id, %aksi, "skp changed");
    Ok(jawaban_json(StatusCode::OK, body))
}

/// The notifications of a workflow step of `row`, taken by `oleh`: one per
/// person [`domain::notifikasi::ATURAN`] names, never the one who took it.
fn kabar_langkah(row: &SkpRow, aksi: AksiSkp, oleh: &str) -> Vec<notifikasi::Baru> {
    let Some(peristiwa) = Peristiwa::dari_aksi(aksi) else { return Vec::new() };
    let siapa = |p: Penerima| match p {
        Penerima::Pegawai => Some(row.pegawai_id.clone()),
        Penerima::PejabatPenilai => Some(row.penilai_id.clone()),
        Penerima::AtasanPejabatPenilai => row.atasan_penilai_id.clone(),
        Penerima::Penilai360 => None,
    };
    notifikasi::kabar(peristiwa, siapa, oleh, &row.instansi_id, &row.periode_id, Some(row.id.as_str()))
}

/// The pegawai submits the plan to the pejabat penilai.
#[utoipa::path(
    post,
    path = "/skp/{id}/submit",
    tag = "skp",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    request_body = Transition,
    responses(
        (status = 200, description = "The SKP after the change.", body = SkpView),
        (status = 403, description = "The instansi admin may read, never change.", body = ErrorBody),
        (status = 409, description = "`stale_version`: `version` is not the current one (`current` holds the current SKP); or the workflow refuses the change in this status.", body = ErrorBody),
    )
)]
async fn submit(
    State(s): State<AppState>,
    a: Actor,
    k: Kunci,
    Path(id): Path<String>,
    AppJson(i): AppJson<Transition>,
) -> ApiResult<Response> {
    transition(s, a, k, id, i, AksiSkp::Submit).await
}

/// The pejabat penilai approves (sets) the plan.
#[utoipa::path(
    post,
    path = "/skp/{id}/approve",
    tag = "skp",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    request_body = Transition,
    responses(
        (status = 200, description = "The SKP after the change.", body = SkpView),
        (status = 403, description = "The instansi admin may read, never change.", body = ErrorBody),
        (status = 409, description = "`stale_version`: `version` is not the current one (`current` holds the current SKP); the workflow refuses the change in this status; or `before_deadline`: the atasan pejabat penilai acts before the period's SKP deadline has passed.", body = ErrorBody),
    )
)]
async fn approve(
    State(s): State<AppState>,
    a: Actor,
    k: Kunci,
    Path(id): Path<String>,
    AppJson(i): AppJson<Transition>,
) -> ApiResult<Response> {
    transition(s, a, k, id, i, AksiSkp::Approve).await
}

/// The pejabat penilai returns the plan with notes (`catatan`) and
/// comments on single RHK (`komentar_rhk`, by RHK id): at least one of them.
#[utoipa::path(
    post,
    path = "/skp/{id}/return",
    tag = "skp",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    request_body = Transition,
    responses(
        (status = 200, description = "The SKP after the change.", body = SkpView),
        (status = 403, description = "The instansi admin may read, never change.", body = ErrorBody),
        (status = 409, description = "`stale_version`: `version` is not the current one (`current` holds the current SKP); the workflow refuses the change in this status; or `before_deadline`: the atasan pejabat penilai acts before the period's SKP deadline has passed.", body = ErrorBody),
    )
)]
async fn return_with_notes(
    State(s): State<AppState>,
    a: Actor,
    k: Kunci,
    Path(id): Path<String>,
    AppJson(i): AppJson<Transition>,
) -> ApiResult<Response> {
    transition(s, a, k, id, i, AksiSkp::Return).await
}

/// Starts a revision of a set plan, with the reason (`catatan`).
#[utoipa::path(
    post,
    path = "/skp/{id}/revise",
    tag = "skp",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    request_body = Transition,
    responses(
        (status = 200, description = "The SKP after the change.", body = SkpView),
        (status = 403, description = "The instansi admin may read, never change.", body = ErrorBody),
        (status = 409, description = "`stale_version`: `version` is not the current one (`current` holds the current SKP); or the workflow refuses the change in this status.", body = ErrorBody),
    )
)]
async fn revise(
    State(s): State<AppState>,
    a: Actor,
    k: Kunci,
    Path(id): Path<String>,
    AppJson(i): AppJson<Transition>,
) -> ApiResult<Response> {
    transition(s, a, k, id, i, AksiSkp::Revise).await
}

/// Every saved version of the SKP, oldest first.
#[utoipa::path(
    get,
    path = "/skp/{id}/versi",
    tag = "skp",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    responses(
        (status = 200, description = "Every saved version, oldest first.", body = Vec<SkpVersion>),
    )
)]
async fn versions(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<SkpVersion>>> {
    let (row, _) = load(&state, &actor, &id).await?;
    Ok(Json(store::versions(state.db.pool(), &row.id).await?))
}

/// The plan's last return (its note and comments per RHK) and what changed
/// in the plan since, per RHK: what the penilai reads first when a returned
/// plan comes back. `null` when it was never returned.
#[utoipa::path(
    get,
    path = "/skp/{id}/sejak-dikembalikan",
    tag = "skp",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    responses(
        (status = 200, description = "The last return and the changes since, or `null`.", body = Option<SejakDikembalikan>),
    )
)]
async fn sejak_dikembalikan(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> ApiResult<Json<Option<SejakDikembalikan>>> {
    let (row, _) = load(&state, &actor, &id).await?;
    let Some(dikembalikan) = store::versi_terakhir_dengan(state.db.pool(), &row.id, AksiSkp::Return).await? else {
        return Ok(Json(None));
    };
    Ok(Json(SejakDikembalikan::dari(&dikembalikan, &row.skp)))
}

/// The RHK of the pejabat penilai's own SKP in the same period, to link to.
#[utoipa::path(
    get,
    path = "/skp/{id}/rhk-atasan",
    tag = "skp",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    responses(
        (status = 200, description = "The atasan's RHK, or `tersedia: false` while they have no SKP.", body = RhkAtasan),
    )
)]
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

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    pub periode_id: String,
}

/// The caller's queue as pejabat penilai: subordinates of the period and their SKPs, submitted first.
#[utoipa::path(
    get,
    path = "/penilai/skp",
    tag = "skp",
    security(("ekinerja_sesi" = [])),
    params(QueueQuery),
    responses(
        (status = 200, description = "One line per subordinate.", body = Vec<AntrianItem>),
    )
)]
async fn queue(
    State(state): State<AppState>,
    actor: Actor,
    AppQuery(q): AppQuery<QueueQuery>,
) -> ApiResult<Json<Vec<AntrianItem>>> {
    let rows = store::queue(state.db.pool(), &q.periode_id, &actor.pegawai_id, &actor.instansi_id).await?;
    let list = rows.into_iter().map(|r| {
        Ok(AntrianItem {
            status: r.status.as_deref().map(stored_status).transpose()?,
            pegawai: PegawaiRingkas { id: r.pegawai_id, nip: r.nip, nama: r.nama, jabatan: r.jabatan },
            skp_id: r.skp_id,
            version: r.version,
        })
    });
    Ok(Json(list.collect::<ApiResult<_>>()?))
}
