//! Typed routes: every link in the app is built here.

/// A place in the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Halaman {
    Beranda,
    Masuk,
    Simulasi,
    Skp(String),
    Antrian,
    TinjauSkp(String),
    Admin,
}

impl Halaman {
    pub fn href(&self) -> String {
        match self {
            Halaman::Beranda => "/".into(),
            Halaman::Masuk => "/masuk".into(),
            Halaman::Simulasi => "/simulasi".into(),
            Halaman::Skp(id) => format!("/skp/{id}"),
            Halaman::Antrian => "/penilai".into(),
            Halaman::TinjauSkp(id) => format!("/penilai/skp/{id}"),
            Halaman::Admin => "/admin".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_match_the_routes() {
        assert_eq!(Halaman::Skp("a1".into()).href(), "/skp/a1");
        assert_eq!(Halaman::TinjauSkp("b2".into()).href(), "/penilai/skp/b2");
        assert_eq!(Halaman::Beranda.href(), "/");
    }
}
