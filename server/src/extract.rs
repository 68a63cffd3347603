//! Extractors: `AppJson` (our own JSON rejection, one error shape, control
//! characters refused) and the authenticated actor lives in `auth`.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::teks::Teks;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// JSON in and out. A body that is not JSON, has the wrong types or unknown
/// fields, or carries control characters gets a 4xx in our error shape.
pub struct AppJson<T>(pub T);

impl<S, T> FromRequest<S> for AppJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(value) = axum::Json::<serde_json::Value>::from_request(req, state).await.map_err(reject)?;
        if let Some(path) = control_character_path(&value, String::new()) {
            return Err(ApiError::field(
                &path,
                Teks::new(
                    "Mengandung karakter kendali yang tidak diizinkan.",
                    "Contains a control character that is not allowed.",
                ),
            ));
        }
        let parsed = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." { "body".to_owned() } else { path };
            ApiError::field(&field, Teks::new("Isian tidak sesuai format.", format!("Invalid value: {}", e.inner())))
        })?;
        Ok(AppJson(parsed))
    }
}

impl<T: Serialize> IntoResponse for AppJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// Query parameters with our own rejection: a bad or missing parameter is a
/// 400 in the one error shape, never axum's plain-text answer.
pub struct AppQuery<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for AppQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Query(q) =
            axum::extract::Query::<T>::from_request_parts(parts, state).await.map_err(|e| {
                ApiError::BadRequest(
                    "bad_query",
                    Teks::new("Parameter tidak valid.", format!("Invalid query parameters: {}", e.body_text())),
                )
            })?;
        Ok(AppQuery(q))
    }
}

fn reject(r: JsonRejection) -> ApiError {
    match r {
        JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
        JsonRejection::BytesRejection(b) if b.status() == StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge,
        JsonRejection::JsonSyntaxError(_) => ApiError::BadRequest(
            "malformed_json",
            Teks::new("Isi kiriman bukan JSON yang sah.", "The body is not valid JSON."),
        ),
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge,
        _ => ApiError::BadRequest("bad_body", Teks::new("Isi kiriman tidak dapat dibaca.", "The body cannot be read.")),
    }
}

/// The path of the first string holding a control character other than
/// tab, line feed and carriage return (which long texts may contain).
fn control_character_path(v: &serde_json::Value, path: String) -> Option<String> {
    use serde_json::Value;
    match v {
        Value::String(s) => {
            s.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).then(|| or_body(path))
        }
        Value::Array(items) => {
            items.iter().enumerate().find_map(|(i, item)| control_character_path(item, format!("{path}[{i}]")))
        }
        Value::Object(map) => map.iter().find_map(|(k, item)| {
            if k.chars().any(char::is_control) {
                return Some(or_body(path.clone()));
            }
            let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
            control_character_path(item, p)
        }),
        _ => None,
    }
}

fn or_body(path: String) -> String {
    if path.is_empty() { "body".to_owned() } else { path }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn control_characters_are_found_with_their_path() {
        assert_eq!(
            control_character_path(&json!({"a": {"b": ["ok", "x\u{0007}"]}}), String::new()).as_deref(),
            Some("a.b[1]")
        );
        assert_eq!(control_character_path(&json!({"uraian": "baris\nbaru\tok"}), String::new()), None);
        assert_eq!(control_character_path(&json!("\u{0000}"), String::new()).as_deref(), Some("body"));
    }
}
