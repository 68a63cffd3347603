//! The 360 (RULES.md §3.1, §1.2 rule 5): per period, raters proposed by the
//! ratee and confirmed by the penilai, or set by the penilai, in the groups
//! atasan, rekan, bawahan and pihak lain; each rater answers the seven
//! BerAKHLAK values until the period's deadline; the ratee and the penilai
//! then see only `domain::umpan_balik`'s aggregate.
//!
//! Anonymity that holds, endpoint by endpoint:
//!
//! - Nothing a ratee or a penilai reads changes when a rater answers before
//!   the deadline: the lists carry no answered status and no time
//!   (`penilai_360` has no such column; answers live in `jawaban_360`), and
//!   the aggregate is withheld until the 360 has closed.
//! - After the deadline nothing changes any more (raters, answers, the
//!   deadline itself), so nobody can add or remove a rater and compare two
//!   aggregates to read one answer.
//! - The aggregate holds no rater id, no group composition and nothing
//!   about suppressed groups; comments are sorted.
//! - A refusal says the same whether or not the rater answered; removing a
//!   rater runs the same statements either way.
//! - The ratee sees the identities only of the raters they proposed, and
//!   proposing someone the penilai already set answers exactly as a fresh
//!   proposal does: duplicates are checked against the ratee's own
//!   proposals only, and the proposal is recorded on the penilai's line
//!   (`usulan_*`, migration 0011), shown to the ratee as their proposal,
//!   and withdrawing it takes off only that mark. What remains: once the
//!   penilai confirms such a proposal, the group count does not move as it
//!   would for a fresh one (the penilai chose to tell by confirming).
//! - The penilai's own answer in a group other than atasan (possible only
//!   when the penilai changed after they were asked) is left out of what
//!   that penilai reads, so they cannot subtract it from the group's figures.
//! - Who may act is the ratee's penilai of the segment in force today
//!   (`org::penilai_berlaku`): a transfer dated ahead gives nothing yet.
//! - Log lines name no rater, ratee or answer (only counts and the group).

use anyhow::Context as _;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::api::{
    Akses, CariCalon360, DaftarPenilai360, Hasil360, Jawaban360, JumlahKelompok, PegawaiRingkas, Pengaturan360,
    Penilai360Item, SetPengaturan360, SimpanJawaban360, StatusPenilai360, TambahPenilai360, Tugas360,
};
use domain::notifikasi::{Penerima, Peristiwa};
use domain::periode::Periode;
use domain::tanggal::Tanggal;
use domain::teks::Teks;
use domain::umpan_balik::{
    JawabanNilai, KelompokPenilai, KonfigurasiUmpanBalik, PenilaiDitolak, RekamanUmpanBalik, aggregate_umpan_balik,
    ditutup, periksa_batas, periksa_jawaban, periksa_kuota, periksa_penilai,
};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Actor;
use crate::clock;
use crate::db::umpan_balik_360::{self as store, PenilaiRow, TugasRow};
use crate::db::{notifikasi, org};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{AppJson, AppQuery};
use crate::idempotency::{Kunci, jawaban_json};
use crate::routes::skp::{periode_of, periode_sendiri};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(lihat_pengaturan))
        .routes(routes!(set_pengaturan))
        .routes(routes!(daftar, tambah))
        .routes(routes!(calon))
        .routes(routes!(hapus))
        .routes(routes!(konfirmasi))
        .routes(routes!(daftar_tugas))
        .routes(routes!(jawab))
        .routes(routes!(hasil))
}

// ---------------------------------------------------------------------------
// Shared
// ---------------------------------------------------------------------------

/// The period's 360 deadline (the period's last day unless set).
async fn pengaturan_of(state: &AppState, periode: &Periode) -> ApiResult<(Pengaturan360, Tanggal)> {
    let id = periode.id().as_str();
    let (batas, version) =
        store::pengaturan(state.db.pool(), id).await?.unwrap_or_else(|| (periode.selesai().to_string(), 0));
    let tanggal = Tanggal::parse_iso(&batas).with_context(|| format!("the stored 360 deadline of period {id}"))?;
    let hari_ini = clock::hari_ini();
    let view = Pengaturan360 {
        periode_id: id.to_owned(),
        batas,
        ditutup: ditutup(tanggal, hari_ini),
        hari_ini: hari_ini.to_string(),
        version,
    };
    Ok((view, tanggal))
}

fn ditutup_error(p: &Pengaturan360) -> ApiError {
    let t = Tanggal::parse_iso(&p.batas).map(domain::periode::tanggal_panjang);
    let (id, en) = t.map(|t| (t.id, t.en)).unwrap_or_else(|| (p.batas.clone(), p.batas.clone()));
    ApiError::Conflict(
        "umpan_balik_360_ditutup",
        Teks::new(
            format!(
                "Umpan balik 360 periode ini ditutup sejak batasnya, {id}, lewat; tidak ada yang dapat diubah lagi."
            ),
            format!("This period's 360 closed when its deadline, {en}, passed; nothing can change any more."),
        ),
    )
}

/// How the caller stands to a ratee in a period: the ratee, or their
/// current pejabat penilai; anyone else gets a 404. Also the ratee's
/// pimpinan.
async fn pihak(state: &AppState, actor: &Actor, periode_id: &str, pegawai_id: &str) -> ApiResult<(Akses, Pimpinan)> {
    let of = org::penilai_berlaku(state.db.pool(), periode_id, pegawai_id, clock::hari_ini()).await?;
    let (penilai_id, atasan_penilai_id) = of.map(|p| (p.penilai_id, p.atasan_penilai_id)).unwrap_or_default();
    let akses = if actor.pegawai_id == pegawai_id {
        Akses::Pegawai
    } else if penilai_id.as_deref() == Some(actor.pegawai_id.as_str()) {
        Akses::PejabatPenilai
    } else {
        return Err(ApiError::NotFound);
    };
    Ok((akses, Pimpinan { penilai_id, atasan_penilai_id }))
}

/// A ratee's pejabat penilai and atasan penilai in the period.
struct Pimpinan {
    penilai_id: Option<String>,
    atasan_penilai_id: Option<String>,
}

/// A line as `akses` sees it: the ratee only their own proposals, as they
/// proposed them; the penilai every line, shown as waiting while the ratee's
/// proposal on it is (also on a line they set, to confirm that proposal).
fn item_of(r: &PenilaiRow, akses: Akses) -> Option<Penilai360Item> {
    let (kelompok, status, diusulkan_oleh) = match (akses, r.usulan) {
        (Akses::Pegawai, None) => return None,
        (Akses::Pegawai, Some((kelompok, status))) => (kelompok, status, Akses::Pegawai),
        (_, Some((_, StatusPenilai360::Diusulkan))) => (r.kelompok, StatusPenilai360::Diusulkan, r.diusulkan_oleh),
        (_, _) => (r.kelompok, r.status, r.diusulkan_oleh),
    };
    Some(Penilai360Item { id: r.id.clone(), penilai: r.penilai.clone(), kelompok, status, diusulkan_oleh })
}

/// The ratee's group rule for a rater, with the ratee's pimpinan now.
fn cek_kelompok(
    dinilai: &str,
    penilai: &str,
    kelompok: KelompokPenilai,
    pimpinan: &Pimpinan,
    sudah: &[&str],
) -> Result<(), PenilaiDitolak> {
    let pimpinan: Vec<&str> =
        [pimpinan.penilai_id.as_deref(), pimpinan.atasan_penilai_id.as_deref()].into_iter().flatten().collect();
    periksa_penilai(dinilai, penilai, kelompok, &pimpinan, sudah)
}

fn ditolak(alasan: PenilaiDitolak) -> ApiError {
    match alasan {
        PenilaiDitolak::Ganda => ApiError::Conflict("penilai_ganda", alasan.teks()),
        PenilaiDitolak::Kelompok => ApiError::field("kelompok", alasan.teks()),
        _ => ApiError::field("penilai_id", alasan.teks()),
    }
}

fn jumlah_of(rows: &[PenilaiRow]) -> Vec<JumlahKelompok> {
    KelompokPenilai::ALL
        .into_iter()
        .map(|kelompok| JumlahKelompok {
            kelompok,
            dikonfirmasi: rows
                .iter()
                .filter(|r| r.kelompok == kelompok && r.status == StatusPenilai360::Dikonfirmasi)
                .count(),
        })
        .collect()
}

/// Loads a rater line of a ratee the caller stands to (ratee or penilai) in
/// their instansi; anything else is a 404.
async fn load_penilai(state: &AppState, actor: &Actor, id: &str) -> ApiResult<(PenilaiRow, Akses, Periode)> {
    let row = store::find(state.db.pool(), id).await?.ok_or(ApiError::NotFound)?;
    if row.instansi_id != actor.instansi_id {
        return Err(ApiError::NotFound);
    }
    let (akses, _) = pihak(state, actor, &row.periode_id, &row.pegawai_id).await?;
    let periode = periode_of(state, &row.periode_id).await?;
    Ok((row, akses, periode))
}

/// The request notification to a rater, from whoever confirmed or set them.
fn kabar_permintaan(r: &PenilaiRow, oleh: &str) -> Vec<notifikasi::Baru> {
    let siapa = |p: Penerima| (p == Penerima::Penilai360).then(|| r.penilai.id.clone());
    notifikasi::kabar(Peristiwa::Permintaan360, siapa, oleh, &r.instansi_id, &r.periode_id, None)
}

/// Stores the request notification to line `r`'s rater, once per rater,
/// ratee and period ever (removing and adding them again tells nothing
/// more); whether one was stored.
async fn minta(c: &mut sqlx::AnyConnection, r: &PenilaiRow, oleh: &str, email: bool) -> crate::db::DbResult<bool> {
    if !store::diminta(&mut *c, &r.periode_id, &r.pegawai_id, &r.penilai.id).await? {
        return Ok(false);
    }
    let kabar = kabar_permintaan(r, oleh);
    for n in &kabar {
        notifikasi::tambah(&mut *c, n, email).await?;
    }
    Ok(!kabar.is_empty())
}

/// A ratee tells their penilai of proposals at most this often.
const JEDA_USULAN_MS: i64 = 24 * 3600 * 1000;

// ---------------------------------------------------------------------------
// The deadline
// ---------------------------------------------------------------------------

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodeQuery {
    pub periode_id: String,
}

/// A period's 360 deadline, for anyone of its instansi.
#[utoipa::path(
    get,
    path = "/pengaturan-360",
    tag = "umpan_balik_360",
    security(("ekinerja_sesi" = [])),
    params(PeriodeQuery),
    responses(
        (status = 200, description = "The deadline.", body = Pengaturan360),
        (status = 404, description = "Not a period of the caller's instansi.", body = ErrorBody),
    )
)]
async fn lihat_pengaturan(
    State(state): State<AppState>,
    actor: Actor,
    AppQuery(q): AppQuery<PeriodeQuery>,
) -> ApiResult<Json<Pengaturan360>> {
    let periode = periode_sendiri(&state, &actor, &q.periode_id).await?;
    Ok(Json(pengaturan_of(&state, &periode).await?.0))
}

/// The admin sets a period's 360 deadline, while it has not passed.
#[utoipa::path(
    put,
    path = "/org/periode/{id}/pengaturan-360",
    tag = "umpan_balik_360",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The period id.")),
    request_body = SetPengaturan360,
    responses(
        (status = 200, description = "The deadline after the change.", body = Pengaturan360),
        (status = 403, description = "Not an admin of the instansi.", body = ErrorBody),
        (status = 404, description = "Not a period of the caller's instansi.", body = ErrorBody),
        (status = 409, description = "`stale_version`: `version` is not the current one; `umpan_balik_360_ditutup`: the deadline has passed.", body = ErrorBody),
        (status = 422, description = "An invalid date, one before the period begins, or a missing `Idempotency-Key`.", body = ErrorBody),
    )
)]
async fn set_pengaturan(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    Path(id): Path<String>,
    AppJson(input): AppJson<SetPengaturan360>,
) -> ApiResult<Response> {
    let periode = periode_sendiri(&state, &actor, &id).await?;
    if !actor.is_admin_of(&actor.instansi_id) {
        return Err(ApiError::Forbidden);
    }
    let (sekarang, _) = pengaturan_of(&state, &periode).await?;
    if sekarang.ditutup {
        return Err(ditutup_error(&sekarang));
    }
    if sekarang.version != input.version {
        return Err(ApiError::Stale(serde_json::to_value(&sekarang).context("rendering the 360 deadline")?));
    }
    let batas = periksa_batas(&input.batas, periode.mulai())?;
    let view = Pengaturan360 {
        periode_id: id.clone(),
        batas: batas.to_string(),
        ditutup: ditutup(batas, clock::hari_ini()),
        hari_ini: clock::hari_ini().to_string(),
        version: input.version + 1,
    };
    let (k, instansi, dasar, v) = (kunci.clone(), actor.instansi_id.clone(), input.version, view.clone());
    let akhir = periode.selesai();
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                store::tolak_bila_ditutup(&mut *c, &v.periode_id, akhir, clock::hari_ini()).await?;
                if !store::set_pengaturan(c, &v.periode_id, &instansi, &v.batas, dasar).await? {
                    return Ok(None);
                }
                Ok(Some(k.simpan_json(c, StatusCode::OK, &v).await?))
            })
        })
        .await?;
    let Some(body) = body else {
        let current = pengaturan_of(&state, &periode).await?.0;
        return Err(ApiError::Stale(serde_json::to_value(current).context("rendering the 360 deadline")?));
    };
    kunci.tercatat();
    tracing::info!("360 deadline set");
    Ok(jawaban_json(StatusCode::OK, body))
}

// ---------------------------------------------------------------------------
// The raters of a ratee
// ---------------------------------------------------------------------------

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DinilaiQuery {
    pub periode_id: String,
    /// The ratee.
    pub pegawai_id: String,
}

/// A ratee's raters: the whole list for their penilai; for the ratee, the
/// raters they proposed and how many each group has. No answered status, no times.
#[utoipa::path(
    get,
    path = "/penilai-360",
    tag = "umpan_balik_360",
    security(("ekinerja_sesi" = [])),
    params(DinilaiQuery),
    responses(
        (status = 200, description = "The list.", body = DaftarPenilai360),
        (status = 404, description = "Neither the ratee nor their pejabat penilai in that period.", body = ErrorBody),
    )
)]
async fn daftar(
    State(state): State<AppState>,
    actor: Actor,
    AppQuery(q): AppQuery<DinilaiQuery>,
) -> ApiResult<Json<DaftarPenilai360>> {
    let periode = periode_sendiri(&state, &actor, &q.periode_id).await?;
    let (akses, _) = pihak(&state, &actor, &q.periode_id, &q.pegawai_id).await?;
    let (pengaturan, _) = pengaturan_of(&state, &periode).await?;
    let pool = state.db.pool();
    let rows = store::daftar(pool, &q.periode_id, &q.pegawai_id).await?;
    let penilai = rows.iter().filter_map(|r| item_of(r, akses)).collect();
    Ok(Json(DaftarPenilai360 {
        periode_id: q.periode_id,
        pegawai: org::pegawai_ringkas(pool, &q.pegawai_id).await?,
        akses,
        pengaturan,
        penilai,
        jumlah: jumlah_of(&rows),
    }))
}

/// The ratee proposes a rater (the penilai is told), or the penilai sets
/// one (the rater is asked).
#[utoipa::path(
    post,
    path = "/penilai-360",
    tag = "umpan_balik_360",
    security(("ekinerja_sesi" = [])),
    request_body = TambahPenilai360,
    responses(
        (status = 201, description = "The rater on the list.", body = Penilai360Item),
        (status = 404, description = "Neither the ratee nor their pejabat penilai in that period.", body = ErrorBody),
        (status = 409, description = "`penilai_ganda`: already on the list; `umpan_balik_360_ditutup`: the deadline has passed.", body = ErrorBody),
        (status = 422, description = "The ratee themselves, an unknown pegawai, a group the rater may not rate in, a full list, or a missing `Idempotency-Key`.", body = ErrorBody),
    )
)]
async fn tambah(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    AppJson(input): AppJson<TambahPenilai360>,
) -> ApiResult<Response> {
    let periode = periode_sendiri(&state, &actor, &input.periode_id).await?;
    let (akses, pimpinan) = pihak(&state, &actor, &input.periode_id, &input.pegawai_id).await?;
    let (pengaturan, _) = pengaturan_of(&state, &periode).await?;
    if pengaturan.ditutup {
        return Err(ditutup_error(&pengaturan));
    }
    let pool = state.db.pool();
    let instansi_penilai = {
        let mut conn = pool.acquire().await.context("a database connection")?;
        org::pegawai_instansi(&mut conn, &input.penilai_id).await?
    };
    if instansi_penilai.as_deref() != Some(actor.instansi_id.as_str()) {
        return Err(ApiError::field(
            "penilai_id",
            Teks::new("Pegawai tidak ditemukan di instansi ini.", "No such pegawai in the instansi."),
        ));
    }
    let penilai = org::pegawai_ringkas(pool, &input.penilai_id).await?;
    let ada = store::daftar(pool, &input.periode_id, &input.pegawai_id).await?;
    let Some(penilai_id) = pimpinan.penilai_id.clone() else {
        return Err(ApiError::Conflict(
            "penilai_missing",
            Teks::new(
                "Pejabat penilai pegawai ini untuk periode ini belum ditetapkan.",
                "This employee's pejabat penilai for the period is not set.",
            ),
        ));
    };
    // The ratee's proposal is checked against, and counted with, their own
    // proposals only: whom the penilai set must not show through a refusal.
    let usul = akses == Akses::Pegawai;
    let sudah: Vec<&str> = ada.iter().filter(|r| !usul || r.usulan.is_some()).map(|r| r.penilai.id.as_str()).collect();
    let terisi = if usul {
        ada.iter().filter(|r| matches!(r.usulan, Some((_, StatusPenilai360::Diusulkan)))).count()
    } else {
        ada.iter().filter(|r| r.status == StatusPenilai360::Dikonfirmasi).count()
    };
    // The ratee proposes colleagues only: the atasan group is the penilai's to set.
    if usul && input.kelompok == KelompokPenilai::Atasan {
        return Err(ditolak(PenilaiDitolak::Kelompok));
    }
    cek_kelompok(&input.pegawai_id, &input.penilai_id, input.kelompok, &pimpinan, &sudah)
        .and_then(|()| periksa_kuota(usul, terisi))
        .map_err(ditolak)?;
    let status = if usul { StatusPenilai360::Diusulkan } else { StatusPenilai360::Dikonfirmasi };
    let row = PenilaiRow {
        id: uuid::Uuid::new_v4().to_string(),
        instansi_id: actor.instansi_id.clone(),
        periode_id: input.periode_id.clone(),
        pegawai_id: input.pegawai_id.clone(),
        penilai,
        kelompok: input.kelompok,
        status,
        diusulkan_oleh: akses,
        usulan: usul.then_some((input.kelompok, status)),
    };
    // The penilai hears of a ratee's proposals at most once a day.
    let jenis = Peristiwa::UsulanPenilai360.kode();
    let sejak = clock::now_ms() - JEDA_USULAN_MS;
    let kabar = if usul
        && !notifikasi::ada_sejak(pool, &penilai_id, jenis, &row.periode_id, Some(&actor.pegawai_id), sejak).await?
    {
        let siapa = |p: Penerima| (p == Penerima::PejabatPenilai).then(|| penilai_id.clone());
        notifikasi::kabar(
            Peristiwa::UsulanPenilai360,
            siapa,
            &actor.pegawai_id,
            &row.instansi_id,
            &row.periode_id,
            None,
        )
    } else {
        Vec::new()
    };
    let (k, email, oleh) = (kunci.clone(), state.inner.email.on(), actor.pegawai_id.clone());
    let akhir = periode.selesai();
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                store::tolak_bila_ditutup(&mut *c, &row.periode_id, akhir, clock::hari_ini()).await?;
                let id = if usul {
                    store::usulkan(&mut *c, &row).await?
                } else {
                    store::tambah(&mut *c, &row).await?.then(|| row.id.clone())
                };
                let Some(id) = id else { return Ok(None) };
                let mut dikabari = !usul && minta(&mut *c, &row, &oleh, email).await?;
                for n in &kabar {
                    notifikasi::tambah(&mut *c, n, email).await?;
                    dikabari = true;
                }
                let view = Penilai360Item { id, ..item_of(&row, akses).context("a new line is the caller's")? };
                Ok(Some((k.simpan_json(c, StatusCode::CREATED, &view).await?, dikabari)))
            })
        })
        .await?;
    let Some((body, dikabari)) = body else {
        return Err(ditolak(PenilaiDitolak::Ganda));
    };
    if dikabari {
        state.inner.email.wake();
    }
    kunci.tercatat();
    tracing::info!("360 rater added");
    Ok(jawaban_json(StatusCode::CREATED, body))
}

/// The most colleagues one search answers with.
const MAKS_CALON: i64 = 20;

/// Colleagues of the caller's instansi to propose (or set) as 360 raters,
/// found by part of a name or by a whole NIP: the id, name and position of
/// each (never the NIP, which holds a birth date), the caller left out. A
/// pegawai has no other way to name a colleague (the instansi's directory,
/// `/org/pegawai`, is the admin's). A POST that changes nothing: what is
/// typed (a name, a NIP) goes in the body, never in the address; it takes
/// no `Idempotency-Key` (`idempotency::exempt`).
#[utoipa::path(
    post,
    path = "/calon-penilai-360",
    tag = "umpan_balik_360",
    security(("ekinerja_sesi" = [])),
    request_body = CariCalon360,
    responses(
        (status = 200, description = "At most 20 colleagues, by name.", body = Vec<PegawaiRingkas>),
        (status = 422, description = "`q` shorter than 3 or longer than 100 characters, or digits that are not a whole NIP.", body = ErrorBody),
    )
)]
async fn calon(
    State(state): State<AppState>,
    actor: Actor,
    AppJson(q): AppJson<CariCalon360>,
) -> ApiResult<Json<Vec<PegawaiRingkas>>> {
    let teks = q.q.trim();
    let n = teks.chars().count();
    if !(3..=100).contains(&n) || teks.chars().any(char::is_control) {
        return Err(ApiError::field(
            "q",
            Teks::new("Ketik 3 sampai 100 karakter nama atau NIP.", "Type 3 to 100 characters of a name or NIP."),
        ));
    }
    // A NIP holds its owner's birth date: found by the whole of it only,
    // never by its start (which would list everyone born on a day).
    if teks.chars().any(|c| c.is_ascii_digit()) && !(n == 18 && teks.chars().all(|c| c.is_ascii_digit())) {
        return Err(ApiError::field(
            "q",
            Teks::new("Ketik nama, atau NIP lengkap (18 angka).", "Type a name, or a whole NIP (18 digits)."),
        ));
    }
    let mut conn = state.db.pool().acquire().await.context("a database connection")?;
    let halaman = org::cari_pegawai(&mut conn, &actor.instansi_id, teks, "", MAKS_CALON + 1, 0).await?;
    let calon = halaman
        .items
        .into_iter()
        .filter(|p| p.id != actor.pegawai_id)
        .take(MAKS_CALON as usize)
        // (Without the NIP: the name and position tell colleagues apart.)
        .map(|p| PegawaiRingkas { id: p.id, nip: String::new(), nama: p.nama, jabatan: p.jabatan })
        .collect();
    Ok(Json(calon))
}

/// The penilai confirms a rater the ratee proposed: the rater is asked.
#[utoipa::path(
    post,
    path = "/penilai-360/{id}/konfirmasi",
    tag = "umpan_balik_360",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The rater line's id.")),
    responses(
        (status = 200, description = "The rater, confirmed.", body = Penilai360Item),
        (status = 403, description = "The ratee cannot confirm their own proposals.", body = ErrorBody),
        (status = 404, description = "Not a rater of the caller's subordinate (or removed meanwhile).", body = ErrorBody),
        (status = 409, description = "`umpan_balik_360_ditutup`: the deadline has passed.", body = ErrorBody),
        (status = 422, description = "The rater's group no longer fits the ratee's pimpinan, a full list, or a missing `Idempotency-Key`.", body = ErrorBody),
    )
)]
async fn konfirmasi(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (row, akses, periode) = load_penilai(&state, &actor, &id).await?;
    if akses != Akses::PejabatPenilai {
        return Err(ApiError::Forbidden);
    }
    let (pengaturan, _) = pengaturan_of(&state, &periode).await?;
    if pengaturan.ditutup {
        return Err(ditutup_error(&pengaturan));
    }
    // The group rule again, against the ratee's pimpinan now (it may have
    // changed since the proposal), and room on the list for a new rater.
    let (_, pimpinan) = pihak(&state, &actor, &row.periode_id, &row.pegawai_id).await?;
    cek_kelompok(&row.pegawai_id, &row.penilai.id, row.kelompok, &pimpinan, &[]).map_err(ditolak)?;
    if row.status == StatusPenilai360::Diusulkan {
        let ada = store::daftar(state.db.pool(), &row.periode_id, &row.pegawai_id).await?;
        periksa_kuota(false, ada.iter().filter(|r| r.status == StatusPenilai360::Dikonfirmasi).count())
            .map_err(ditolak)?;
    }
    let mut baru = row.clone();
    baru.status = StatusPenilai360::Dikonfirmasi;
    baru.usulan = row.usulan.map(|(k, _)| (k, StatusPenilai360::Dikonfirmasi));
    let view = item_of(&baru, akses).context("the penilai sees every line")?;
    let (k, email, id2, oleh) = (kunci.clone(), state.inner.email.on(), id.clone(), actor.pegawai_id.clone());
    let (akhir, pid) = (periode.selesai(), row.periode_id.clone());
    let body = state
        .db
        .write(move |c| {
            Box::pin(async move {
                store::tolak_bila_ditutup(&mut *c, &pid, akhir, clock::hari_ini()).await?;
                // The rater is asked only when this confirms a proposal, and once ever.
                let Some(usulan) = store::konfirmasi(&mut *c, &id2).await? else { return Ok(None) };
                let dikabari = usulan && minta(&mut *c, &baru, &oleh, email).await?;
                Ok(Some((k.simpan_json(c, StatusCode::OK, &view).await?, dikabari)))
            })
        })
        .await?;
    // Removed in the meantime.
    let Some((body, dikabari)) = body else { return Err(ApiError::NotFound) };
    if dikabari {
        state.inner.email.wake();
    }
    kunci.tercatat();
    tracing::info!("360 rater confirmed");
    Ok(jawaban_json(StatusCode::OK, body))
}

/// Takes a rater off the list, with their answer if any (the penilai any
/// rater; the ratee their own proposals not yet confirmed). The same answer
/// whether or not the rater had answered.
#[utoipa::path(
    delete,
    path = "/penilai-360/{id}",
    tag = "umpan_balik_360",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The rater line's id.")),
    responses(
        (status = 204, description = "Removed."),
        (status = 403, description = "The ratee cannot remove a confirmed rater or one the penilai set.", body = ErrorBody),
        (status = 404, description = "Not a rater the caller may see, or no longer removable (removed or confirmed meanwhile).", body = ErrorBody),
        (status = 409, description = "`umpan_balik_360_ditutup`: the deadline has passed.", body = ErrorBody),
        (status = 422, description = "A missing `Idempotency-Key`.", body = ErrorBody),
    )
)]
async fn hapus(State(state): State<AppState>, actor: Actor, Path(id): Path<String>) -> ApiResult<StatusCode> {
    let (row, akses, periode) = load_penilai(&state, &actor, &id).await?;
    let usul = akses == Akses::Pegawai;
    if usul && !matches!(row.usulan, Some((_, StatusPenilai360::Diusulkan))) {
        return Err(ApiError::Forbidden);
    }
    let (pengaturan, _) = pengaturan_of(&state, &periode).await?;
    if pengaturan.ditutup {
        return Err(ditutup_error(&pengaturan));
    }
    // Conditional on what was checked above: a proposal confirmed or a line
    // removed in the meantime is not removed now.
    let (akhir, pid) = (periode.selesai(), row.periode_id.clone());
    let dihapus = state
        .db
        .write(move |c| {
            Box::pin(async move {
                store::tolak_bila_ditutup(&mut *c, &pid, akhir, clock::hari_ini()).await?;
                if usul { store::tarik_usulan(c, &id).await } else { store::hapus(c, &id).await }
            })
        })
        .await?;
    if !dihapus {
        return Err(ApiError::NotFound);
    }
    tracing::info!("360 rater removed");
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------------------
// The rater
// ---------------------------------------------------------------------------

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TugasQuery {
    /// Only this period's requests.
    pub periode_id: Option<String>,
}

async fn tugas_of(state: &AppState, rows: Vec<TugasRow>) -> ApiResult<Vec<Tugas360>> {
    let mut periode: Vec<(String, Pengaturan360)> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let pengaturan = match periode.iter().find(|(id, _)| *id == r.periode_id) {
            Some((_, p)) => p.clone(),
            None => {
                let p = pengaturan_of(state, &periode_of(state, &r.periode_id).await?).await?.0;
                periode.push((r.periode_id.clone(), p.clone()));
                p
            }
        };
        let jawaban = match (r.jawaban_version, r.jawaban_isi) {
            (Some(version), Some(isi)) => Some(Jawaban360 {
                version,
                penilaian: serde_json::from_str(&isi).context("a stored 360 answer is unreadable")?,
            }),
            _ => None,
        };
        out.push(Tugas360 {
            id: r.id,
            periode_id: r.periode_id,
            pegawai: PegawaiRingkas { id: r.pegawai_id, nip: r.nip, nama: r.nama, jabatan: r.jabatan },
            kelompok: KelompokPenilai::from_kode(&r.kelompok).context("a stored 360 group is unknown")?,
            pengaturan,
            jawaban,
        });
    }
    Ok(out)
}

/// The caller's requests as a 360 rater, each with their own answer.
#[utoipa::path(
    get,
    path = "/tugas-360",
    tag = "umpan_balik_360",
    security(("ekinerja_sesi" = [])),
    params(TugasQuery),
    responses((status = 200, description = "The caller's requests.", body = Vec<Tugas360>))
)]
async fn daftar_tugas(
    State(state): State<AppState>,
    actor: Actor,
    AppQuery(q): AppQuery<TugasQuery>,
) -> ApiResult<Json<Vec<Tugas360>>> {
    let rows =
        store::tugas(state.db.pool(), &actor.pegawai_id, &actor.instansi_id, q.periode_id.as_deref(), None).await?;
    Ok(Json(tugas_of(&state, rows).await?))
}

/// The rater answers (or changes their answer) until the deadline.
#[utoipa::path(
    put,
    path = "/tugas-360/{id}",
    tag = "umpan_balik_360",
    security(("ekinerja_sesi" = [])),
    params(("id" = String, Path, description = "The request's id.")),
    request_body = SimpanJawaban360,
    responses(
        (status = 200, description = "The request with the answer (a replay of the key: the answer's version only, without its content).", body = Tugas360),
        (status = 404, description = "Not a request to the caller.", body = ErrorBody),
        (status = 409, description = "`stale_version`: `version` is not the current one (`current` holds the request); `umpan_balik_360_ditutup`: the deadline has passed.", body = ErrorBody),
        (status = 422, description = "Not all seven values rated once, a comment too long, or a missing `Idempotency-Key`.", body = ErrorBody),
    )
)]
async fn jawab(
    State(state): State<AppState>,
    actor: Actor,
    kunci: Kunci,
    Path(id): Path<String>,
    AppJson(input): AppJson<SimpanJawaban360>,
) -> ApiResult<Response> {
    let pool = state.db.pool();
    let mut rows = store::tugas(pool, &actor.pegawai_id, &actor.instansi_id, None, Some(&id)).await?;
    let Some(lama) = rows.pop() else { return Err(ApiError::NotFound) };
    let row = store::find(pool, &id).await?.ok_or(ApiError::NotFound)?;
    let periode = periode_of(&state, &row.periode_id).await?;
    let (pengaturan, _) = pengaturan_of(&state, &periode).await?;
    if pengaturan.ditutup {
        return Err(ditutup_error(&pengaturan));
    }
    let stale = |t: Tugas360| -> ApiError {
        match serde_json::to_value(t).context("rendering the current 360 request") {
            Ok(v) => ApiError::Stale(v),
            Err(e) => e.into(),
        }
    };
    let mut sekarang = tugas_of(&state, vec![lama]).await?.pop().context("a 360 request just read")?;
    if sekarang.jawaban.as_ref().map_or(0, |j| j.version) != input.version {
        return Err(stale(sekarang));
    }
    let penilaian: Vec<JawabanNilai> = periksa_jawaban(&input.penilaian)?;
    let isi = serde_json::to_string(&penilaian).context("serialising a 360 answer")?;
    // The idempotency store keeps a stand-in, the request with the answer's
    // version but without its content: a rater's answer is kept only in
    // `jawaban_360` (and goes with the line). A replay gets the stand-in; the
    // rater reads the answer itself from `GET /tugas-360`.
    let mut pengganti = sekarang.clone();
    pengganti.jawaban = Some(Jawaban360 { version: input.version + 1, penilaian: Vec::new() });
    sekarang.jawaban = Some(Jawaban360 { version: input.version + 1, penilaian });
    let body = serde_json::to_string(&sekarang).context("rendering a 360 answer")?;
    let (k, dasar) = (kunci.clone(), input.version);
    let akhir = periode.selesai();
    let disimpan = state
        .db
        .write(move |c| {
            Box::pin(async move {
                store::tolak_bila_ditutup(&mut *c, &row.periode_id, akhir, clock::hari_ini()).await?;
                if !store::simpan_jawaban(c, &row, dasar, &isi).await? {
                    return Ok(false);
                }
                k.simpan_json(c, StatusCode::OK, &pengganti).await?;
                Ok(true)
            })
        })
        .await?;
    if !disimpan {
        let current = store::tugas(pool, &actor.pegawai_id, &actor.instansi_id, None, Some(&id)).await?;
        let current = tugas_of(&state, current).await?.pop().ok_or(ApiError::NotFound)?;
        return Err(stale(current));
    };
    kunci.tercatat();
    tracing::info!("360 answer saved");
    Ok(jawaban_json(StatusCode::OK, body))
}

// ---------------------------------------------------------------------------
// The aggregate
// ---------------------------------------------------------------------------

/// The aggregate for the ratee or their penilai, once the 360 has closed
/// and the grace after it (`--tenggang-360-menit`) has passed.
#[utoipa::path(
    get,
    path = "/hasil-360",
    tag = "umpan_balik_360",
    security(("ekinerja_sesi" = [])),
    params(DinilaiQuery),
    responses(
        (status = 200, description = "The aggregate (`null` parts until the deadline has passed, and for some minutes after it).", body = Hasil360),
        (status = 404, description = "Neither the ratee nor their pejabat penilai in that period.", body = ErrorBody),
    )
)]
async fn hasil(
    State(state): State<AppState>,
    actor: Actor,
    AppQuery(q): AppQuery<DinilaiQuery>,
) -> ApiResult<Json<Hasil360>> {
    let periode = periode_sendiri(&state, &actor, &q.periode_id).await?;
    let (akses, _) = pihak(&state, &actor, &q.periode_id, &q.pegawai_id).await?;
    let (pengaturan, batas) = pengaturan_of(&state, &periode).await?;
    let mut out = Hasil360 {
        periode_id: q.periode_id.clone(),
        pegawai_id: q.pegawai_id.clone(),
        akses,
        pengaturan,
        untuk_pegawai: None,
        untuk_penilai: None,
    };
    // Closed, and then some minutes more: no write checked before the
    // deadline can still be committing when the aggregate is first read.
    let tenggang = state.inner.config.tenggang_360_menit.saturating_mul(60);
    if !out.pengaturan.ditutup || !clock::rilis_360(batas, clock::now(), tenggang) {
        return Ok(Json(out));
    }
    let ringkasan = ringkasan_360(&state, &q.periode_id, &q.pegawai_id, &actor.pegawai_id).await?;
    match akses {
        Akses::Pegawai => out.untuk_pegawai = Some(ringkasan.redact_for_pegawai()),
        _ => out.untuk_penilai = Some(ringkasan.untuk_penilai()),
    }
    Ok(Json(out))
}

/// The penilai's view of a ratee's 360 once it has closed (`None` before):
/// the advice beside the rating perilaku (the evaluation reads it too).
pub(crate) async fn saran_360(
    state: &AppState,
    periode: &Periode,
    pegawai_id: &str,
    pembaca_id: &str,
) -> ApiResult<Option<domain::umpan_balik::UmpanBalikUntukPenilai>> {
    let (pengaturan, _) = pengaturan_of(state, periode).await?;
    if !pengaturan.ditutup {
        return Ok(None);
    }
    Ok(Some(ringkasan_360(state, periode.id().as_str(), pegawai_id, pembaca_id).await?.untuk_penilai()))
}

/// The aggregate of a ratee's answers, without the reader's own.
async fn ringkasan_360(
    state: &AppState,
    periode_id: &str,
    pegawai_id: &str,
    pembaca_id: &str,
) -> ApiResult<domain::umpan_balik::RingkasanUmpanBalik> {
    let mut rekaman = Vec::new();
    let dijawab = store::jawaban_dinilai(state.db.pool(), periode_id, pegawai_id, pembaca_id).await?;
    for (kunci, kelompok, isi) in dijawab {
        let kelompok = KelompokPenilai::from_kode(&kelompok).context("a stored 360 group is unknown")?;
        let jawaban: Vec<JawabanNilai> = serde_json::from_str(&isi).context("a stored 360 answer is unreadable")?;
        rekaman.extend(jawaban.into_iter().map(|j| RekamanUmpanBalik {
            penilai_id: kunci.clone(),
            kelompok,
            nilai: j.nilai,
            rating: j.rating,
            catatan: Some(j.catatan),
        }));
    }
    Ok(aggregate_umpan_balik(&rekaman, &KonfigurasiUmpanBalik::default())
        .map_err(|e| anyhow::anyhow!("stored 360 answers do not aggregate: {e}"))?)
}
