//! Typed routes: every link in the app is built here.

/// A place in the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Halaman {
    Beranda,
    Masuk,
    Aktivasi,
    Akun,
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
            Halaman::Aktivasi => "/aktivasi".into(),
            Halaman::Akun => "/akun".into(),
            Halaman::Simulasi => "/simulasi".into(),
            Halaman::Skp(id) => format!("/skp/{id}"),
            Halaman::Antrian => "/penilai".into(),
            Halaman::TinjauSkp(id) => format!("/penilai/skp/{id}"),
            Halaman::Admin => "/admin".into(),
        }
    }

    /// Whether the page is in the admin console, a wasm of its own: a link
    /// from one side to the other is a full page load, not a route change.
    pub fn di_konsol(&self) -> bool {
        matches!(self, Halaman::Admin)
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

    #[test]
    fn only_the_admin_page_is_in_the_console() {
        assert!(Halaman::Admin.di_konsol());
        assert!(Halaman::Admin.href().starts_with("/admin"));
        for h in [
            Halaman::Beranda,
            Halaman::Masuk,
            Halaman::Aktivasi,
            Halaman::Simulasi,
            Halaman::Antrian,
            Halaman::Skp("x".into()),
        ] {
            assert!(!h.di_konsol(), "{h:?}");
            assert!(!h.href().starts_with("/admin"), "{h:?}");
        }
    }
}
