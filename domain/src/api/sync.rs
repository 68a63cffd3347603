//! `POST /api/v1/sync`: a device's queued changes (its outbox), replayed in
//! `seq` order through the API, one result each. Plain data; the rules of
//! the outbox (what is sent, what is kept, what is refused) are the app's
//! `state::outbox`, the server's are `routes::sync`.

use serde::{Deserialize, Serialize};

/// At most this many mutations per batch; a longer outbox is sent in parts.
pub const MAX_MUTATIONS: usize = 200;

/// The code of a change not applied because an earlier change to the same
/// record was refused (the server answers a batch's later changes with it,
/// the app keeps its waiting ones under it): made on top of the refused
/// one, it would change whatever the record now is.
pub const EARLIER_REFUSED: &str = "earlier_refused";

/// What [`EARLIER_REFUSED`] says to the person.
pub fn earlier_refused_message() -> crate::teks::Teks {
    crate::teks::Teks::new(
        "Tidak diterapkan: perubahan sebelumnya pada data yang sama ditolak.",
        "Not applied: an earlier change to the same record was refused.",
    )
}

#[derive(Debug, Deserialize, Serialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SyncInput {
    /// The device's outbox, chosen by the device (1–100 characters).
    pub client_id: String,
    pub mutations: Vec<Mutation>,
}

/// One queued change, as the client recorded it offline.
#[derive(Debug, Deserialize, Serialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Mutation {
    /// Allocated by the device, strictly increasing per `client_id`.
    pub seq: u64,
    pub idempotency_key: String,
    pub method: String,
    /// Under `/api/v1/`, e.g. `/api/v1/skp/…/submit`.
    pub path: String,
    #[serde(default)]
    pub body: serde_json::Value,
}

/// What the API answered to one mutation.
#[derive(Debug, Deserialize, Serialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MutationResult {
    pub seq: u64,
    pub idempotency_key: String,
    pub status: u16,
    /// True when this key had been applied before: the stored first result.
    pub replayed: bool,
    pub body: serde_json::Value,
}

#[derive(Debug, Deserialize, Serialize, Clone, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncOutput {
    pub client_id: String,
    pub results: Vec<MutationResult>,
}
