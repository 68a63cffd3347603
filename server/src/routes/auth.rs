//! `/api/v1/auth/…`: login, logout, who am I, password change, activation.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::auth::session::{self, Actor, COOKIE, Peran};
use crate::auth::throttle::{Jenis, Limit, alamat_klien};
use crate::clock;
use crate::error::{ApiError, ApiResult};
use crate::extract::AppJson;
use crate::password;
use crate::state::AppState;
use domain::api::{ActivationInput, ErrorBody, LoginInput, PasswordInput, SessionView};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(sesi))
        .routes(routes!(change_password))
        .routes(routes!(activate))
}

/// A PHC hash of a random password: failed lookups still pay for one verify,
/// so response times do not reveal which NIPs exist.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| password::hash_blocking("dummy-password-for-timing").unwrap_or_default());

/// id, instansi_id, nama, jabatan, password_hash, peran, aktif
type LoginRow = (String, String, String, String, Option<String>, String, i64);

fn normalise_nip(nip: &str) -> String {
    nip.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The NIP as a throttle counter names it: a NIP is 18 digits, so anything
/// longer is cut (a megabyte "NIP" must not become a megabyte key).
fn kunci_nip(nip: &str) -> &str {
    nip.char_indices().nth(32).map_or(nip, |(i, _)| &nip[..i])
}

/// Signs in with NIP and password: sets the session cookie and returns the
/// session with its CSRF token. Failures are throttled per NIP from each
/// address and per address (`auth::throttle`), never per NIP alone.
#[utoipa::path(
    post,
    path = "/auth/login",
    tag = "auth",
    request_body = LoginInput,
    responses(
        (status = 200, description = "Signed in.", body = SessionView,
            headers(("Set-Cookie" = String, description = "`ekinerja_sesi=…; Path=/; HttpOnly; SameSite=Strict`"))),
        (status = 401, description = "Wrong NIP or password (`wrong_credentials`).", body = ErrorBody),
        (status = 429, description = "Too many failed attempts; see `Retry-After`.", body = ErrorBody),
    )
)]
async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    AppJson(input): AppJson<LoginInput>,
) -> ApiResult<Response> {
    let cfg = &state.inner.config;
    let klien = alamat_klien(peer.ip(), &headers, &cfg.trusted_proxies);
    let window = Duration::from_secs(cfg.login_window_secs);
    let nip = normalise_nip(&input.nip);
    let [account_key, address_key] = Jenis::Login.kunci(kunci_nip(&nip), klien);
    let now = Instant::now();
    let throttle = &state.inner.throttle;
    for (key, max) in [(&account_key, cfg.login_max_failures_account), (&address_key, cfg.login_max_failures_address)] {
        if let Some(wait) = throttle.check(key, Limit { max_failures: max, window }, now) {
            return Err(ApiError::TooManyRequests(wait));
        }
    }
    let row: Option<LoginRow> = sqlx::query_as(
        "SELECT p.id, p.instansi_id, p.nama, p.jabatan, a.password_hash, a.peran, a.aktif \
         FROM pegawai p JOIN akun a ON a.pegawai_id = p.id WHERE p.nip = $1",
    )
    .bind(&nip)
    .fetch_optional(state.db.pool())
    .await?;
    let hash = row.as_ref().and_then(|r| r.4.clone()).unwrap_or_else(|| DUMMY_HASH.clone());
    let ok = password::verify(input.password, hash).await?;
    let Some((pegawai_id, instansi_id, nama, jabatan, Some(_), peran, 1)) = row.filter(|_| ok) else {
        throttle.fail(&account_key, now, window);
        throttle.fail(&address_key, now, window);
        tracing::info!("login failed");
        return Err(login_failed());
    };
    throttle.clear(&account_key);
    let peran = Peran::parse(&peran).ok_or_else(|| anyhow::anyhow!("unknown role"))?;
    let (token, token_hash) = session::new_token();
    let (csrf, _) = session::new_token();
    let t = clock::now();
    let berakhir = t + cfg.session_absolute_secs;
    let (instansi, pegawai, csrf_token) = (instansi_id.clone(), pegawai_id.clone(), csrf.clone());
    state
        .db
        .write(move |c| {
            Box::pin(async move {
                sqlx::query(
                    "INSERT INTO sesi (token_hash, instansi_id, pegawai_id, csrf_token, dibuat, aktif_terakhir, \
                     berakhir) VALUES ($1, $2, $3, $4, $5, $5, $6)",
                )
                .bind(&token_hash)
                .bind(&instansi)
                .bind(&pegawai)
                .bind(&csrf_token)
                .bind(t)
                .bind(berakhir)
                .execute(&mut *c)
                .await?;
                Ok(())
            })
        })
        .await?;
    tracing::info!(pegawai_id = %pegawai_id, "login");
    let penilai = menilai(&state, &pegawai_id, &instansi_id).await?;
    let view = SessionView { pegawai_id, instansi_id, nip, nama, jabatan, peran, penilai, csrf_token: csrf, berakhir };
    let cookie = session_cookie(&token, cfg.session_absolute_secs, cfg.secure_cookies);
    // The answer carries the CSRF token: no cache may keep it.
    let no_store = HeaderValue::from_static("no-store");
    Ok(([(header::SET_COOKIE, cookie), (header::CACHE_CONTROL, no_store)], Json(view)).into_response())
}

fn login_failed() -> ApiError {
    ApiError::Unauthorized("NIP atau kata sandi salah. / Wrong NIP or password.")
}

fn session_cookie(token: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Ends this session and clears the cookie.
#[utoipa::path(
    post,
    path = "/auth/logout",
    tag = "auth",
    security(("ekinerja_sesi" = [])),
    responses((status = 204, description = "Signed out.",
        headers(("Set-Cookie" = String, description = "Clears `ekinerja_sesi`."))))
)]
async fn logout(State(state): State<AppState>, actor: Actor) -> ApiResult<Response> {
    let token_hash = actor.token_hash.clone();
    state
        .db
        .write(move |c| {
            Box::pin(async move {
                sqlx::query("DELETE FROM sesi WHERE token_hash = $1").bind(&token_hash).execute(&mut *c).await?;
                Ok(())
            })
        })
        .await?;
    // This server's session cache forgets it now (see `auth::session`).
    state.inner.sesi.lupakan(&actor.token_hash);
    let cleared = session_cookie("", 0, state.inner.config.secure_cookies);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cleared)]).into_response())
}

/// The signed-in pegawai and the session's CSRF token.
#[utoipa::path(
    get,
    path = "/auth/me",
    tag = "auth",
    security(("ekinerja_sesi" = [])),
    responses((status = 200, description = "The current session.", body = SessionView))
)]
async fn me(State(state): State<AppState>, actor: Actor) -> ApiResult<Json<SessionView>> {
    let (nip, nama, jabatan, csrf, berakhir): (String, String, String, String, i64) = sqlx::query_as(
        "SELECT p.nip, p.nama, p.jabatan, s.csrf_token, s.berakhir FROM sesi s JOIN pegawai p ON p.id = s.pegawai_id \
         WHERE s.token_hash = $1",
    )
    .bind(&actor.token_hash)
    .fetch_one(state.db.pool())
    .await?;
    let penilai = menilai(&state, &actor.pegawai_id, &actor.instansi_id).await?;
    Ok(Json(SessionView {
        pegawai_id: actor.pegawai_id,
        instansi_id: actor.instansi_id,
        nip,
        nama,
        jabatan,
        peran: actor.peran,
        penilai,
        csrf_token: csrf,
        berakhir,
    }))
}

/// Whether the pegawai is someone's pejabat penilai now: a current line of
/// the atasan mapping in one of the instansi's periods (by the index on
/// period and penilai).
async fn menilai(state: &AppState, pegawai_id: &str, instansi_id: &str) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM atasan WHERE periode_id IN (SELECT id FROM periode WHERE instansi_id = $2) \
         AND penilai_id = $1 AND instansi_id = $2 AND berlaku_sampai IS NULL",
    )
    .bind(pegawai_id)
    .bind(instansi_id)
    .fetch_one(state.db.pool())
    .await?;
    Ok(n > 0)
}

/// `GET /api/v1/auth/sesi`: the session if there is one, `{"sesi": null}`
/// for a guest — a 200 either way, so a page can ask without an error.
#[utoipa::path(
    get,
    path = "/auth/sesi",
    tag = "auth",
    security((), ("ekinerja_sesi" = [])),
    responses((status = 200, description = "The session, or `{\"sesi\": null}` for a guest.", body = domain::api::SesiSaatIni))
)]
async fn sesi(State(state): State<AppState>, req: axum::extract::Request) -> ApiResult<Json<domain::api::SesiSaatIni>> {
    let (parts, _) = req.into_parts();
    let sesi = match session::authenticate(&parts, &state).await {
        Ok(actor) => Some(me(State(state), actor).await?.0),
        Err(ApiError::Unauthenticated) => None,
        Err(e) => return Err(e),
    };
    Ok(Json(domain::api::SesiSaatIni { sesi }))
}

/// The rules for a new password, with messages in both languages.
/// The password policy; a refusal is reported under `field`, the form's
/// own name for the new password (`baru` when changing it, `password` on
/// activation).
pub fn check_new_password(nip: &str, baru: &str, field: &str) -> Result<(), ApiError> {
    let n = baru.chars().count();
    if n < 10 {
        return Err(ApiError::field(field, "Kata sandi minimal 10 karakter. / At least 10 characters."));
    }
    if n > 128 {
        return Err(ApiError::field(field, "Kata sandi maksimal 128 karakter. / At most 128 characters."));
    }
    if baru.contains(nip) {
        return Err(ApiError::field(
            field,
            "Kata sandi tidak boleh memuat NIP. / The password must not contain the NIP.",
        ));
    }
    Ok(())
}

/// Changes the password; every other session of the account ends.
#[utoipa::path(
    post,
    path = "/auth/password",
    tag = "auth",
    security(("ekinerja_sesi" = [])),
    request_body = PasswordInput,
    responses(
        (status = 204, description = "Changed."),
        (status = 422, description = "The current password is wrong (`fields.lama`) or the new one is not allowed (`fields.baru`).", body = ErrorBody),
    )
)]
async fn change_password(
    State(state): State<AppState>,
    actor: Actor,
    AppJson(input): AppJson<PasswordInput>,
) -> ApiResult<StatusCode> {
    let (nip, hash): (String, Option<String>) = sqlx::query_as(
        "SELECT p.nip, a.password_hash FROM akun a JOIN pegawai p ON p.id = a.pegawai_id WHERE a.pegawai_id = $1",
    )
    .bind(&actor.pegawai_id)
    .fetch_one(state.db.pool())
    .await?;
    let hash = hash.unwrap_or_else(|| DUMMY_HASH.clone());
    if !password::verify(input.lama, hash).await? {
        return Err(ApiError::field("lama", "Kata sandi lama salah. / The current password is wrong."));
    }
    check_new_password(&nip, &input.baru, "baru")?;
    let new_hash = password::hash(input.baru).await?;
    let (pegawai_id, token_hash) = (actor.pegawai_id.clone(), actor.token_hash.clone());
    state
        .db
        .write(move |tx| {
            Box::pin(async move {
                sqlx::query("UPDATE akun SET password_hash = $1, version = version + 1 WHERE pegawai_id = $2")
                    .bind(&new_hash)
                    .bind(&pegawai_id)
                    .execute(&mut *tx)
                    .await?;
                // Every other session of this account ends; this one stays.
                sqlx::query("DELETE FROM sesi WHERE pegawai_id = $1 AND token_hash <> $2")
                    .bind(&pegawai_id)
                    .bind(&token_hash)
                    .execute(&mut *tx)
                    .await?;
                Ok(())
            })
        })
        .await?;
    state.inner.sesi.lupakan_pegawai(&actor.pegawai_id);
    Ok(StatusCode::NO_CONTENT)
}

/// An imported pegawai sets a first password with the one-time code the admin handed out.
#[utoipa::path(
    post,
    path = "/auth/aktivasi",
    tag = "auth",
    request_body = ActivationInput,
    responses(
        (status = 204, description = "The password is set; sign in with it."),
        (status = 422, description = "A wrong or expired code (`fields.kode`) or a password that is not allowed (`fields.password`).", body = ErrorBody),
        (status = 429, description = "Too many failed attempts; see `Retry-After`.", body = ErrorBody),
    )
)]
async fn activate(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    AppJson(input): AppJson<ActivationInput>,
) -> ApiResult<StatusCode> {
    let cfg = &state.inner.config;
    let klien = alamat_klien(peer.ip(), &headers, &cfg.trusted_proxies);
    let window = Duration::from_secs(cfg.login_window_secs);
    let nip = normalise_nip(&input.nip);
    let keys = Jenis::Aktivasi.kunci(kunci_nip(&nip), klien);
    let limits = [cfg.login_max_failures_account, cfg.login_max_failures_address];
    let now = Instant::now();
    for (key, max) in keys.iter().zip(limits) {
        if let Some(wait) = state.inner.throttle.check(key, Limit { max_failures: max, window }, now) {
            return Err(ApiError::TooManyRequests(wait));
        }
    }
    check_new_password(&nip, &input.password, "password")?;
    let row: Option<(String, Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT a.pegawai_id, a.kode_aktivasi_hash, a.kode_aktivasi_berakhir FROM akun a \
         JOIN pegawai p ON p.id = a.pegawai_id WHERE p.nip = $1",
    )
    .bind(&nip)
    .fetch_optional(state.db.pool())
    .await?;
    let kode_hash = session::hash_kode(&state.inner.kunci_server, input.kode.trim().to_ascii_uppercase().as_str());
    let valid =
        matches!(&row, Some((_, Some(h), Some(until))) if session::same_secret(h, &kode_hash) && *until > clock::now());
    let salah = || {
        for key in &keys {
            state.inner.throttle.fail(key, now, window);
        }
        ApiError::field(
            "kode",
            "Kode aktivasi salah atau kedaluwarsa; minta kode baru ke admin instansi. / Wrong or expired activation code; ask your instansi admin for a new one.",
        )
    };
    let Some((pegawai_id, _, _)) = row.filter(|_| valid) else {
        return Err(salah());
    };
    let hash = password::hash(input.password).await?;
    // The code is used up in the same statement that checks it again, so
    // two requests with one code cannot both set a password.
    let (id, berlaku_setelah) = (pegawai_id, clock::now());
    let dipakai = state
        .db
        .write(move |c| {
            Box::pin(async move {
                Ok(sqlx::query(
                    "UPDATE akun SET password_hash = $1, kode_aktivasi_hash = NULL, kode_aktivasi_berakhir = NULL, \
                     version = version + 1 WHERE pegawai_id = $2 AND kode_aktivasi_hash = $3 \
                     AND kode_aktivasi_berakhir > $4",
                )
                .bind(&hash)
                .bind(&id)
                .bind(&kode_hash)
                .bind(berlaku_setelah)
                .execute(&mut *c)
                .await?
                .rows_affected())
            })
        })
        .await?;
    if dipakai == 0 {
        return Err(salah());
    }
    Ok(StatusCode::NO_CONTENT)
}
