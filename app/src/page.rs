//! Typed routes: every link in the app is built here, and every address is
//! read back here (the router, `navigasi`, keeps a `Halaman`).

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

    /// The page at `path`, the inverse of [`Halaman::href`] (a trailing `/`
    /// is allowed); `None` when no page has that path.
    pub fn dari_path(path: &str) -> Option<Halaman> {
        let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
        // An id is one non-empty path segment.
        let id = |s: &str| (!s.is_empty() && !s.contains('/')).then(|| s.to_owned());
        Some(match path {
            "" | "/" => Halaman::Beranda,
            "/masuk" => Halaman::Masuk,
            "/aktivasi" => Halaman::Aktivasi,
            "/akun" => Halaman::Akun,
            "/simulasi" => Halaman::Simulasi,
            "/penilai" => Halaman::Antrian,
            "/admin" => Halaman::Admin,
            _ => match path.strip_prefix("/penilai/skp/") {
                Some(rest) => Halaman::TinjauSkp(id(rest)?),
                None => Halaman::Skp(id(path.strip_prefix("/skp/")?)?),
            },
        })
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
    fn every_page_is_found_again_from_its_link() {
        for h in [
            Halaman::Beranda,
            Halaman::Masuk,
            Halaman::Aktivasi,
            Halaman::Akun,
            Halaman::Simulasi,
            Halaman::Skp("9b2f-01".into()),
            Halaman::Antrian,
            Halaman::TinjauSkp("c3d4".into()),
            Halaman::Admin,
        ] {
            assert_eq!(Halaman::dari_path(&h.href()), Some(h.clone()), "{h:?}");
            assert_eq!(Halaman::dari_path(&format!("{}/", h.href())), Some(h.clone()), "{h:?} with a trailing slash");
        }
    }

    #[test]
    fn a_path_no_page_has_is_not_found() {
        for path in ["/skp", "/skp/", "/skp/a/b", "/penilai/skp", "/penilai/skp/a/b", "/masuk/x", "/nope", "/penilai/x"]
        {
            assert_eq!(Halaman::dari_path(path), None, "{path}");
        }
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
