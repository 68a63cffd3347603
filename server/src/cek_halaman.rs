//! `GET|POST /cek-dokumen`, outside the API: the public check of a signed
//! evaluation PDF ([`crate::routes::pdf`]) as a plain server-rendered page,
//! Bahasa Indonesia first and English second. A form uploads the file (or
//! takes a pasted SHA-256) and the answer is a page; no script and no inline
//! style, so the server's CSP holds. Everything shown is escaped.

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::error::ApiError;
use crate::routes::pdf::{MAKS_BODY, batasi_cek, hash_dari, periksa};
use crate::state::AppState;

/// The page's routes, with the body limit of the upload.
pub fn router(state: AppState) -> axum::Router {
    axum::Router::new()
        .route("/cek-dokumen", axum::routing::get(halaman_form).post(halaman_hasil))
        .layer(DefaultBodyLimit::max(MAKS_BODY))
        .with_state(state)
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const FORM: &str = r#"<form method="post" action="/cek-dokumen" enctype="multipart/form-data">
<p><label for="berkas">Berkas PDF / PDF file</label><br><input type="file" id="berkas" name="berkas" accept="application/pdf,.pdf"></p>
<p><label for="sha256">atau SHA-256 / or SHA-256</label><br><input type="text" id="sha256" name="sha256" size="70" maxlength="64" autocomplete="off" spellcheck="false"></p>
<p><button type="submit">Periksa / Check</button></p>
</form>"#;

fn halaman_html(isi: &str) -> Html<String> {
    Html(format!(
        "<!doctype html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Cek Dokumen e-Kinerja / Check an e-Kinerja document</title></head><body><main>\
<h1>Cek Dokumen Evaluasi Kinerja</h1><p lang=\"en\"><em>Check an evaluation document</em></p>\
<p>Unggah PDF dokumen evaluasi kinerja, atau tempel SHA-256-nya, untuk memeriksa apakah dokumen itu ditandatangani secara elektronik di e-Kinerja, oleh siapa dan kapan.</p>\
<p lang=\"en\">Upload the PDF of an evaluation document, or paste its SHA-256, to check whether it was signed electronically in e-Kinerja, by whom and when.</p>\
{isi}{FORM}</main></body></html>"
    ))
}

fn no_store(mut res: Response) -> Response {
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

async fn halaman_form() -> Response {
    no_store(halaman_html("").into_response())
}

async fn halaman_hasil(State(state): State<AppState>, req: Request) -> Response {
    let hasil = match batasi_cek(&state, &req) {
        Err(e) => Err(e),
        Ok(()) => hash_dari(req).await,
    };
    let hasil = match hasil {
        Ok(sha) => periksa(&state, &sha).await.map(|h| (sha, h)),
        Err(e) => Err(e),
    };
    let (status, isi) = match hasil {
        Ok((_, h)) => {
            let ttd: String = h
                .tanda_tangan
                .iter()
                .map(|t| {
                    format!(
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        esc(&t.nama),
                        esc(&t.nip),
                        esc(&t.peran_label),
                        esc(&t.tanggal_label)
                    )
                })
                .collect();
            let baru = if h.ada_yang_lebih_baru {
                "<p><strong>Catatan:</strong> sesudah PDF ini ada tanda tangan berikutnya; versi terbaru dapat diunduh oleh para pihak. <span lang=\"en\">A later signature made a newer PDF of this document.</span></p>"
            } else {
                ""
            };
            (
                StatusCode::OK,
                format!(
                    "<section><h2>Dokumen sah / Valid document</h2>\
<p>PDF ini adalah dokumen yang ditandatangani secara elektronik. <span lang=\"en\">This PDF is an electronically signed document.</span></p>\
<dl><dt>Format</dt><dd>{}</dd><dt>Dokumen / Document</dt><dd>{}</dd><dt>Instansi</dt><dd>{}</dd>\
<dt>Pegawai yang dinilai / Employee</dt><dd>{} (NIP {})</dd><dt>Evaluasi / Evaluation</dt><dd>{}, {}</dd><dt>SHA-256</dt><dd><code>{}</code></dd></dl>\
{baru}<table><caption>Tanda tangan / Signatures</caption><thead><tr><th>Nama / Name</th><th>NIP</th><th>Peran / Role</th><th>Tanggal / Date</th></tr></thead><tbody>{ttd}</tbody></table></section>",
                    esc(&h.format),
                    esc(&h.dokumen_id),
                    esc(&h.instansi),
                    esc(&h.pegawai_nama),
                    esc(&h.pegawai_nip),
                    esc(&h.evaluasi_label),
                    esc(&h.periode),
                    esc(&h.sha256),
                ),
            )
        }
        Err(ApiError::NotFound) => (
            StatusCode::NOT_FOUND,
            "<section><h2>Tidak ditemukan / Not found</h2><p>Tidak ada dokumen bertanda tangan dengan berkas atau SHA-256 ini. \
<span lang=\"en\">No signed document has this file or SHA-256.</span></p></section>"
                .to_owned(),
        ),
        Err(e) => {
            let body = e.body();
            let status = match &e {
                ApiError::Unggahan(s, _, _) => *s,
                ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
                ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
                ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
                _ => StatusCode::BAD_REQUEST,
            };
            let pesan = match &e {
                ApiError::Validation(f) => f
                    .iter()
                    .flat_map(|(_, v)| v.iter())
                    .map(|t| format!("{} <span lang=\"en\">{}</span>", esc(&t.id), esc(&t.en)))
                    .collect::<Vec<_>>()
                    .join("<br>"),
                _ => format!("{} <span lang=\"en\">{}</span>", esc(&body.message.id), esc(&body.message.en)),
            };
            if let ApiError::Internal(err) = &e {
                tracing::error!(error = %err, "checking a document failed");
            }
            (status, format!("<section><h2>Tidak dapat diperiksa / Cannot check</h2><p>{pesan}</p></section>"))
        }
    };
    no_store((status, halaman_html(&isi)).into_response())
}
