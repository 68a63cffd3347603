//! `/api/v1/org/…`.

use domain::api::PeriodeView;

use super::Error;

pub async fn periode() -> Result<Vec<PeriodeView>, Error> {
    super::get("/api/v1/org/periode").await
}
