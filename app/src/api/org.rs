//! `/api/v1/org/periode`: the instansi's periods.

use domain::api::PeriodeView;

use super::{Client, Error};

impl Client {
    pub async fn list_periode(self) -> Result<Vec<PeriodeView>, Error> {
        self.get("/api/v1/org/periode").await
    }
}
