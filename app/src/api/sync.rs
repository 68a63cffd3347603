//! `/api/v1/sync`: the device's queued changes, in order (see `offline::sync`).

use domain::api::sync::{SyncInput, SyncOutput};
use gloo_net::http::Method;

use super::{Client, Error};

impl Client {
    /// Sends a batch of the outbox; each change is answered as the API
    /// would have answered it alone.
    pub async fn sync(self, input: &SyncInput) -> Result<SyncOutput, Error> {
        self.send(Method::POST, "/api/v1/sync", input).await
    }
}
