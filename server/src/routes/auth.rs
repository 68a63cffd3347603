//! `/api/v1/auth/…`: login, logout, who am I, password change, activation,
//! the address for e-mail notifications.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::auth::session::{self, Actor, COOKIE, PeranAkun};
use crate::auth::throttle::{Jenis, Limit, alamat_klien};
use crate::clock;
use crate::db::{akun, email as email_store, org};
use crate::error::{ApiError, ApiResult};
use crate::extract::AppJson;
use crate::password;
use crate::state::AppState;
use domain::api::{ActivationInput, EmailInput, EmailView, ErrorBody, LoginInput, PasswordInput, SessionView};
use domain::teks::Teks;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(current_session))
        .routes(routes!(change_password))
        .routes(routes!(activate))
        .routes(routes!(email, set_email))
}

/// A PHC hash of a random password: failed lookups still pay for one verify,
/// so response times do not reveal which NIPs exist.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| password::hash_blocking("dummy-password-for-timing").unwrap_or_default());

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
    let row = akun::login_row(state.db.pool(), &nip).await?;
    let hash = row.as_ref().and_then(|r| r.password_hash.clone()).unwrap_or_else(|| DUMMY_HASH.clone());
    let ok = password::verify(input.password, hash).await.context("verifying a password")?;
    let Some(row) = row.filter(|r| ok && r.password_hash.is_some() && r.aktif == 1) else {
        throttle.fail(&account_key, now, window);
        throttle.fail(&address_key, now, window);
        tracing::info!("login failed");
        return Err(login_failed());
    };
    throttle.clear(&account_key);
    let akun::LoginRow { id: pegawai_id, instansi_id, nama, jabatan, peran, .. } = row;
    let peran = PeranAkun::parse(&peran).with_context(|| format!("unknown role {peran:?}"))?;
    let (token, token_hash) = session::new_token();
    let (csrf, _) = session::new_token();
    let t = clock::now();
    let berakhir = t + cfg.session_absolute_secs;
    let baru = akun::NewSession {
        token_hash,
        instansi_id: instansi_id.clone(),
        pegawai_id: pegawai_id.clone(),
        csrf_token: csrf.clone(),
        dibuat: t,
        berakhir,
    };
    state.db.write(move |c| Box::pin(async move { akun::insert_session(c, &baru).await })).await?;
    tracing::info!(pegawai_id = %pegawai_id, "login");
    let penilai = org::menilai(state.db.pool(), &pegawai_id, &instansi_id).await?;
    let view = SessionView { pegawai_id, instansi_id, nip, nama, jabatan, peran, penilai, csrf_token: csrf, berakhir };
    let cookie = session_cookie(&token, cfg.session_absolute_secs, cfg.secure_cookies);
    // The answer carries the CSRF token: no cache may keep it.
    let no_store = HeaderValue::from_static("no-store");
    Ok(([(header::SET_COOKIE, cookie), (header::CACHE_CONTROL, no_store)], Json(view)).into_response())
}

fn login_failed() -> ApiError {
    ApiError::Unauthorized(Teks::new("NIP atau kata sandi salah.", "Wrong NIP or password."))
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
    state.db.write(move |c| Box::pin(async move { akun::delete_session(c, &token_hash).await })).await?;
    // This server's session cache forgets it now (see `auth::session`).
    state.inner.sessions.forget(&actor.token_hash);
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
    let s = akun::session_pegawai(state.db.pool(), &actor.token_hash).await?;
    let penilai = org::menilai(state.db.pool(), &actor.pegawai_id, &actor.instansi_id).await?;
    Ok(Json(SessionView {
        pegawai_id: actor.pegawai_id,
        instansi_id: actor.instansi_id,
        nip: s.nip,
        nama: s.nama,
        jabatan: s.jabatan,
        peran: actor.peran,
        penilai,
        csrf_token: s.csrf_token,
        berakhir: s.berakhir,
    }))
}

/// `GET /api/v1/auth/session`: the session if there is one, `{"session": null}`
/// for a guest — a 200 either way, so a page can ask without an error.
#[utoipa::path(
    get,
    path = "/auth/session",
    tag = "auth",
    security((), ("ekinerja_sesi" = [])),
    responses((status = 200, description = "The session, or `{\"session\": null}` for a guest.", body = domain::api::CurrentSession))
)]
async fn current_session(
    State(state): State<AppState>,
    req: axum::extract::Request,
) -> ApiResult<Json<domain::api::CurrentSession>> {
    let (parts, _) = req.into_parts();
    let session = match state.inner.sessions.authenticate(&parts).await {
        Ok(actor) => Some(me(State(state), actor).await?.0),
        Err(ApiError::Unauthenticated) => None,
        Err(e) => return Err(e),
    };
    Ok(Json(domain::api::CurrentSession { session }))
}

/// The password policy (`domain::password`); a refusal is reported under
/// `field`, the form's own name for the new password (`baru` when changing
/// it, `password` on activation).
fn check_new_password(nip: &str, baru: &str, field: &str) -> ApiResult<()> {
    domain::password::check_new_password(nip, baru).map_err(|t| ApiError::field(field, t))
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
    let akun::PasswordRow { nip, password_hash } = akun::password_row(state.db.pool(), &actor.pegawai_id).await?;
    let hash = password_hash.unwrap_or_else(|| DUMMY_HASH.clone());
    if !password::verify(input.lama, hash).await.context("verifying the current password")? {
        return Err(ApiError::field("lama", Teks::new("Kata sandi lama salah.", "The current password is wrong.")));
    }
    check_new_password(&nip, &input.baru, "baru")?;
    let new_hash = password::hash(input.baru).await.context("hashing a new password")?;
    let (pegawai_id, token_hash) = (actor.pegawai_id.clone(), actor.token_hash.clone());
    // Every other session of this account ends; this one stays.
    state
        .db
        .write(move |c| Box::pin(async move { akun::set_password(c, &pegawai_id, &new_hash, &token_hash).await }))
        .await?;
    state.inner.sessions.forget_pegawai(&actor.pegawai_id);
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
    let row = akun::activation_row(state.db.pool(), &nip).await?;
    let kode_hash = password::hash_kode(&state.inner.kunci_server, input.kode.trim().to_ascii_uppercase().as_str());
    let valid = matches!(&row, Some(akun::ActivationRow { kode_aktivasi_hash: Some(h), kode_aktivasi_berakhir: Some(until), .. })
        if session::same_secret(h, &kode_hash) && *until > clock::now());
    let salah = || {
        for key in &keys {
            state.inner.throttle.fail(key, now, window);
        }
        ApiError::field(
            "kode",
            Teks::new(
                "Kode aktivasi salah atau kedaluwarsa; minta kode baru ke admin instansi.",
                "Wrong or expired activation code; ask your instansi admin for a new one.",
            ),
        )
    };
    let Some(row) = row.filter(|_| valid) else {
        return Err(salah());
    };
    let hash = password::hash(input.password).await.context("hashing a first password")?;
    // The code is used up in the same statement that checks it again, so
    // two requests with one code cannot both set a password.
    let (id, berlaku_setelah) = (row.pegawai_id, clock::now());
    let dipakai = state
        .db
        .write(move |c| Box::pin(async move { akun::activate(c, &id, &hash, &kode_hash, berlaku_setelah).await }))
        .await?;
    if !dipakai {
        return Err(salah());
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's own address for e-mail notifications, and whether this
/// server sends e-mail.
#[utoipa::path(
    get,
    path = "/auth/email",
    tag = "auth",
    security(("ekinerja_sesi" = [])),
    responses((status = 200, description = "The caller's address (`null`: none).", body = EmailView))
)]
async fn email(State(state): State<AppState>, actor: Actor) -> ApiResult<Json<EmailView>> {
    let email = email_store::address(state.db.pool(), &actor.pegawai_id).await?;
    Ok(Json(EmailView { email, dikirim: state.inner.email.on() }))
}

/// Sets the caller's own address for e-mail notifications; an empty one
/// clears it (and the e-mails not sent yet are not sent).
#[utoipa::path(
    put,
    path = "/auth/email",
    tag = "auth",
    security(("ekinerja_sesi" = [])),
    request_body = EmailInput,
    responses(
        (status = 200, description = "Saved.", body = EmailView),
        (status = 422, description = "Not a valid address (`fields.email`).", body = ErrorBody),
    )
)]
async fn set_email(
    State(state): State<AppState>,
    actor: Actor,
    AppJson(input): AppJson<EmailInput>,
) -> ApiResult<Json<EmailView>> {
    let email = match input.email.trim() {
        "" => None,
        s => Some(domain::email::Email::parse(s).map_err(|t| ApiError::field("email", t))?.to_string()),
    };
    let (pegawai_id, simpan) = (actor.pegawai_id.clone(), email.clone());
    state
        .db
        .write(move |c| Box::pin(async move { email_store::set_address(c, &pegawai_id, simpan.as_deref()).await }))
        .await?;
    tracing::info!(set = email.is_some(), "e-mail address changed");
    Ok(Json(EmailView { email, dikirim: state.inner.email.on() }))
}
