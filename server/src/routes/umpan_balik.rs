//! Continuous feedback (umpan balik berkelanjutan, RULES.md §3.3): a
//! subordinate's pejabat penilai or atasan penilai gives a sheet of feedback
//! per sub-period (per RHK and per BerAKHLAK value), scheduled (berkala:
//! once per sub-period, the penilai's duty) or incidental; the pegawai reads
//! it and may ask for it; the penilai's queue lists who still lacks this
//! sub-period's scheduled feedback. Each sheet is one write, with an
//! `Idempotency-Key` and a `version` like an SKP change, so a penilai can go
//! through a whole unit on a tablet, offline, through the outbox (`/sync`).

use anyhow::Context as _;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::api::{
    Akses, AntrianUmpanBalik, AntrianUmpanBalikItem, MintaUmpanBalik, PegawaiRingkas, RhkAtasanItem, SimpanUmpanBalik,
    UmpanBalikView, VersiUmpanBalik,
};
use domain::notifikasi::{Penerima, Peristiwa};
use domain::skp::umpan_balik::periksa_lembar;
use domain::skp::{RhkId, Skp};
use domain::teks::Teks;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Actor;
use crate::clock;
use crate::db::skp::SkpRow;
use crate::db::umpan_balik::{self as store, UmpanBalikRow};
use crate::db::{notifikasi, org};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{AppJson, AppQuery};
use crate::idempotency::{Kunci, jawaban_json};
use crate::routes::skp::{load, periode_of, periode_sendiri};
use crate::state::AppState;

/// A request for feedback to the same penilai on the same SKP waits this long.
const JEDA_PERMINTAAN_MS: i64 = 24 * 3600 * 1000;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(simpan)).routes(routes!(daftar)).routes(routes!(minta)).routes(routes!(antrian))
}

/// How a giver stands to the SKP (one who rated it before a transfer stays its penilai).
fn peran_pemberi(skp: &SkpRow, pemberi_id: &str) -> Akses {
    if skp.atasan_penilai_id.as_deref() == Some(pemberi_id) && skp.penilai_id != pemberi_id {
        Akses::AtasanPejabatPenilai
    } else {
        Akses::PejabatPenilai
    }
}

fn view_of(row: &UmpanBalikRow, pemberi: PegawaiRingkas, peran: Akses) -> UmpanBalikView {
    UmpanBalikView {
        id: row.id.clone(),
        skp_id: row.skp_id.clone(),
        periode_id: row.periode_id.clone(),
        ke: row.ke,
        bentuk: row.bentuk,
        version: row.version,
        pemberi,
        peran,
        item: row.item.clone(),
        dibuat: row.dibuat,
        diubah: row.diubah,
    }
}

/// The 409 of a write based on another version than the stored sheet's.
async fn stale(state: &AppState, skp: &SkpRow, row: &UmpanBalikRow) -> ApiError {
    let current = async {
        let pemberi = org::pegawai_ringkas(state.db.pool(), &row.pemberi_id).await?;
        let view = view_of(row, pemberi, peran_pemberi(skp, &row.pemberi_id));
        Ok::<_, ApiError>(serde_json::to_value(view).context("rendering the current feedback")?)
    };
    match current.await {
        Ok(v) => ApiError::Stale(v),
        Err(e) => e,
    }
}

fn belum_ditetapkan() -> ApiError {
    ApiError::Conflict(
        "skp_belum_ditetapkan",
        Teks::new(
            "Umpan balik diberikan atas SKP yang sudah ditetapkan.",
            "Feedback is given on an SKP that has been set.",
        ),
    )
}

/// Gives or changes one subordinate's sheet of feedback for one sub-period.
#[utoipa::path(
    put,
    path = "/umpan-balik/{id}",
    tag = "umpan_balik",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The sheet's id, chosen by the client (a UUID).")),
    request_body = SimpanUmpanBalik,
    responses(
        (status = 200, description = "The sheet after the change.", body = UmpanBalikView),
        (status = 201, description = "The new sheet.", body = UmpanBalikView),
        (status = 403, description = "The pegawai and the admin read feedback; only the SKP's pejabat penilai and atasan penilai give it.", body = ErrorBody),
        (status = 404, description = "Not an SKP the caller may see, or another giver's sheet.", body = ErrorBody),
        (status = 409, description = "`stale_version`: `version` is not the current one, or this sub-period's scheduled sheet exists already (`current` holds it); `skp_belum_ditetapkan`: the SKP is not set.", body = ErrorBody),
        (status = 422, description = "Invalid items, a sub-period the period lacks or that has not begun, or a missing `Idempotency-Key`.", body = ErrorBody),
    )
)]
async fn simpan(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    Path(id): Path<String>,
    AppJson(input): AppJson<SimpanUmpanBalik>,
) -> ApiResult<Response> {
    let (skp, akses) = load(&state, &actor, &input.skp_id).await?;
    if !matches!(akses, Akses::PejabatPenilai | Akses::AtasanPejabatPenilai) {
        return Err(ApiError::Forbidden);
    }
    // The client picks the id (so an offline write can be resent): it must
    // be a UUID in its one canonical spelling, not any string.
    if uuid::Uuid::parse_str(&id).map(|u| u.hyphenated().to_string()).ok().as_deref() != Some(id.as_str()) {
        return Err(ApiError::field(
            "id",
            Teks::new(
                "Id umpan balik harus berupa UUID (huruf kecil, dengan tanda hubung).",
                "A feedback id must be a UUID (lowercase, hyphenated).",
            ),
        ));
    }
    let pool = state.db.pool();
    let lama = store::find(pool, &id).await?;
    if lama.as_ref().is_some_and(|l| l.pemberi_id != actor.pegawai_id || l.skp_id != skp.id) {
        return Err(ApiError::NotFound);
    }
    if !skp.skp.status().menerima_umpan_balik() {
        return Err(belum_ditetapkan());
    }
    let periode = periode_of(&state, &skp.periode_id).await?;
    let rhk: Vec<RhkId> = skp.skp.rencana().rhk().iter().map(|r| r.id().clone()).collect();
    let item = periksa_lembar(input.bentuk, input.ke, &input.item, &rhk, &periode, clock::hari_ini())?;
    let sekarang = clock::now();
    let row = match &lama {
        None if input.version != 0 => return Err(ApiError::NotFound),
        None => UmpanBalikRow {
            id: id.clone(),
            instansi_id: skp.instansi_id.clone(),
            periode_id: skp.periode_id.clone(),
            skp_id: skp.id.clone(),
            pegawai_id: skp.pegawai_id.clone(),
            pemberi_id: actor.pegawai_id.clone(),
            ke: input.ke,
            bentuk: input.bentuk,
            version: 1,
            item,
            dibuat: sekarang,
            diubah: sekarang,
        },
        Some(l) if input.version != l.version => return Err(stale(&state, &skp, l).await),
        Some(l) if (l.ke, l.bentuk) != (input.ke, input.bentuk) => {
            return Err(ApiError::field(
                "ke",
                Teks::new(
                    "Sub-periode dan bentuk umpan balik yang sudah diberikan tidak dapat diubah.",
                    "A given sheet's sub-period and form cannot change.",
                ),
            ));
        }
        Some(l) => UmpanBalikRow { version: l.version + 1, item, diubah: sekarang, ..l.clone() },
    };
    let baru = lama.is_none();
    let isi = serde_json::to_string(&row.item).context("serialising feedback")?;
    let pemberi = org::pegawai_ringkas(pool, &actor.pegawai_id).await?;
    let view = view_of(&row, pemberi, peran_pemberi(&skp, &actor.pegawai_id));
    // A new sheet tells the pegawai; a change of one does not again.
    let kabar = if baru {
        let siapa = |p: Penerima| (p == Penerima::Pegawai).then(|| skp.pegawai_id.clone());
        notifikasi::kabar(
            Peristiwa::UmpanBalikDiberikan,
            siapa,
            &actor.pegawai_id,
            &skp.instansi_id,
            &skp.periode_id,
            Some(skp.id.as_str()),
        )
    } else {
        Vec::new()
    };
    let (k, email, dikabari, dasar) = (kunci.clone(), state.inner.email.on(), !kabar.is_empty(), input.version);
    let status = if baru { StatusCode::CREATED } else { StatusCode::OK };
    let tulis = row.clone();
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                let tertulis = if baru {
                    store::insert(c, &tulis, &isi).await?
                } else {
                    store::update(c, &tulis, dasar, &isi).await?
                };
                if !tertulis {
                    return Ok(None);
                }
                for n in &kabar {
                    notifikasi::tambah(c, n, email).await?;
                }
                Ok(Some(k.simpan_json(c, status, &view).await?))
            })
        })
        .await?;
    let Some(body) = body else {
        // Taken meanwhile: the id, this sub-period's scheduled sheet, or the version.
        let current = match store::find(pool, &id).await? {
            Some(c) if c.pemberi_id == actor.pegawai_id => Some(c),
            Some(_) => return Err(ApiError::NotFound),
            None => store::berkala(pool, &skp.id, input.ke, &actor.pegawai_id).await?,
        };
        return Err(match current {
            Some(c) => stale(&state, &skp, &c).await,
            None => anyhow::anyhow!("a feedback write found neither its sheet nor a conflict").into(),
        });
    };
    if dikabari {
        state.inner.email.wake();
    }
    kunci.tercatat();
    tracing::info!(bentuk = store::kode_bentuk(row.bentuk), ke = row.ke, "feedback saved");
    Ok(jawaban_json(status, body))
}

/// Every sheet of feedback on an SKP, by sub-period and as given: for the
/// pegawai, their penilai and atasan penilai, and the admin.
#[utoipa::path(
    get,
    path = "/skp/{id}/umpan-balik",
    tag = "umpan_balik",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The SKP id.")),
    responses(
        (status = 200, description = "The SKP's feedback.", body = Vec<UmpanBalikView>),
        (status = 404, description = "Not an SKP the caller may see.", body = ErrorBody),
    )
)]
async fn daftar(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<UmpanBalikView>>> {
    let (skp, _) = load(&state, &actor, &id).await?;
    let rows = store::of_skp(state.db.pool(), &skp.id).await?;
    let mut pemberi: Vec<PegawaiRingkas> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let p = match pemberi.iter().find(|p| p.id == r.pemberi_id) {
            Some(p) => p.clone(),
            None => {
                let p = org::pegawai_ringkas(state.db.pool(), &r.pemberi_id).await?;
                pemberi.push(p.clone());
                p
            }
        };
        out.push(view_of(r, p, peran_pemberi(&skp, &r.pemberi_id)));
    }
    Ok(Json(out))
}

/// The pegawai asks their pejabat penilai for feedback on their set SKP (at most once a day).
#[utoipa::path(
    post,
    path = "/permintaan-umpan-balik",
    tag = "umpan_balik",
    security(("ekinerja_sesi" = [])),
    request_body = MintaUmpanBalik,
    responses(
        (status = 204, description = "The penilai is told."),
        (status = 404, description = "Not the caller's own SKP.", body = ErrorBody),
        (status = 409, description = "`skp_belum_ditetapkan`: the SKP is not set; `sudah_diminta`: asked in the last 24 hours.", body = ErrorBody),
    )
)]
async fn minta(
    State(state): State<AppState>,
    actor: Actor,
    AppJson(input): AppJson<MintaUmpanBalik>,
) -> ApiResult<StatusCode> {
    let (skp, akses) = load(&state, &actor, &input.skp_id).await?;
    if akses != Akses::Pegawai {
        return Err(ApiError::NotFound);
    }
    if !skp.skp.status().menerima_umpan_balik() {
        return Err(belum_ditetapkan());
    }
    let jenis = Peristiwa::UmpanBalikDiminta.kode();
    let sejak = clock::now_ms() - JEDA_PERMINTAAN_MS;
    let pool = state.db.pool();
    if notifikasi::ada_sejak(pool, &skp.penilai_id, jenis, &skp.periode_id, Some(&actor.pegawai_id), sejak).await? {
        return Err(ApiError::Conflict(
            "sudah_diminta",
            Teks::new(
                "Anda sudah meminta umpan balik dalam 24 jam terakhir.",
                "You asked for feedback in the last 24 hours.",
            ),
        ));
    }
    let siapa = |p: Penerima| (p == Penerima::PejabatPenilai).then(|| skp.penilai_id.clone());
    let kabar = notifikasi::kabar(
        Peristiwa::UmpanBalikDiminta,
        siapa,
        &actor.pegawai_id,
        &skp.instansi_id,
        &skp.periode_id,
        Some(skp.id.as_str()),
    );
    let email = state.inner.email.on();
    state
        .db
        .write(move |c| {
            Box::pin(async move {
                for n in &kabar {
                    notifikasi::tambah(c, n, email).await?;
                }
                Ok(())
            })
        })
        .await?;
    state.inner.email.wake();
    tracing::info!(jenis, "feedback requested");
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AntrianQuery {
    pub periode_id: String,
    /// The sub-period; by default the one running today (the nearest one
    /// before or after the period).
    pub ke: Option<u8>,
}

/// The caller's subordinates with a set SKP for a sub-period, those still
/// without the caller's scheduled feedback first, each with the SKP's RHK
/// (the form of the sheet) and the caller's sheet to change, if given.
#[utoipa::path(
    get,
    path = "/penilai/umpan-balik",
    tag = "umpan_balik",
    security(("ekinerja_sesi" = [])),
    params(AntrianQuery),
    responses(
        (status = 200, description = "The queue of the sub-period.", body = AntrianUmpanBalik),
        (status = 404, description = "Not a period of the caller's instansi.", body = ErrorBody),
        (status = 422, description = "A sub-period the period does not have.", body = ErrorBody),
    )
)]
async fn antrian(
    State(state): State<AppState>,
    actor: Actor,
    AppQuery(q): AppQuery<AntrianQuery>,
) -> ApiResult<Json<AntrianUmpanBalik>> {
    let pool = state.db.pool();
    let periode = periode_sendiri(&state, &actor, &q.periode_id).await?;
    let semua = periode.sub_periode();
    let hari_ini = clock::hari_ini();
    let sub = match q.ke {
        Some(ke) => periode.sub_periode_ke(ke),
        None => periode
            .sub_periode_pada(hari_ini)
            .or_else(|| if hari_ini < periode.mulai() { semua.first().copied() } else { semua.last().copied() }),
    };
    let Some(sub) = sub else {
        return Err(ApiError::field("ke", Teks::new("Sub-periode ini tidak ada.", "No such sub-period.")));
    };
    let rows = store::antrian(pool, &q.periode_id, &actor.pegawai_id, sub.ke).await?;
    let item = rows
        .into_iter()
        .map(|r| {
            let skp: Skp =
                serde_json::from_str(&r.dokumen).with_context(|| format!("stored SKP {} unreadable", r.skp_id))?;
            let rhk = skp
                .rencana()
                .rhk()
                .iter()
                .map(|x| RhkAtasanItem {
                    id: x.id().as_str().to_owned(),
                    uraian: x.uraian().to_owned(),
                    jenis: x.jenis(),
                })
                .collect();
            let berkala = r.ub_id.zip(r.ub_version).map(|(id, version)| VersiUmpanBalik { id, version });
            Ok(AntrianUmpanBalikItem {
                pegawai: PegawaiRingkas { id: r.pegawai_id, nip: r.nip, nama: r.nama, jabatan: r.jabatan },
                skp_id: r.skp_id,
                rhk,
                berkala,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(AntrianUmpanBalik {
        periode_id: q.periode_id,
        ke: sub.ke,
        label: sub.label(),
        mulai: sub.mulai.to_string(),
        selesai: sub.selesai.to_string(),
        item,
    }))
}
