//! Typed routes: every link in the app is built here, and every address is
//! read back here (the router, `navigasi`, keeps a `Halaman`).

/// One of the app's wasm builds (`scripts/build-spa.sh`), so that no first
/// load carries what its page does not need: each shows the pages under its
/// path (`/skp/…`, `/penilai/…`, `/admin/…`; the pegawai's home build every
/// other), and a link from one build to another is a full page load. The
/// service worker keeps all but the admin console's, and the home build's
/// boot script opens the one the address names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    /// Sign-in, the dashboard, the account, activation, the simulation, about,
    /// and an SKP's two versions side by side after a refused save.
    Utama,
    /// The pegawai's SKP editor (the rules' previews).
    Skp,
    /// The penilai's queue and review.
    Penilai,
    /// The admin console (online only).
    Admin,
    /// The feedback the pegawai received, the 360 to answer and its aggregate.
    Hasil,
    /// The pegawai's realisasi and evidence per sub-period (the rules'
    /// previews, as the SKP editor has them).
    Realisasi,
    /// The penilai's work with the whole unit through the year: feedback
    /// per sub-period and each subordinate's 360.
    Unit,
    /// The evaluation documents for every reader (the pegawai's own
    /// evaluations, one document and its steps): a pegawai's first load.
    Evaluasi,
    /// The penilai rates the whole unit, with the live distribution.
    Nilai,
}

impl Bundle {
    /// Its folder in `dist/` and the first segment of its pages' paths
    /// (empty for the home build, at the root).
    pub fn dir(self) -> &'static str {
        match self {
            Bundle::Utama => "",
            Bundle::Skp => "skp",
            Bundle::Penilai => "penilai",
            Bundle::Admin => "admin",
            Bundle::Hasil => "hasil",
            Bundle::Unit => "unit",
            Bundle::Realisasi => "realisasi",
            Bundle::Evaluasi => "evaluasi",
            Bundle::Nilai => "nilai",
        }
    }
}

/// A place in the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Halaman {
    Beranda,
    Masuk,
    Aktivasi,
    Akun,
    Simulasi,
    Tentang,
    /// The person's notifications.
    Notifikasi,
    Banding(String),
    /// "SKP saya": the pegawai's SKP of the running period.
    SkpSaya,
    /// An SKP that takes no more changes, read as the SKP document.
    Dokumen(String),
    Skp(String),
    Antrian,
    TinjauSkp(String),
    Admin,
    /// The realisasi and evidence of one set SKP, per sub-period.
    Realisasi(String),
    /// The feedback the pegawai received, asking for it, their 360 raters
    /// and its aggregate.
    UmpanBalik,
    /// The 360 requests to the person as a rater.
    Tugas360,
    /// The penilai's feedback of one sub-period to the whole unit.
    AntrianUmpanBalik,
    /// The penilai's view of one subordinate's 360: raters and the aggregate as advice.
    Penilai360(String),
    /// The penilai rates the whole unit for one evaluation, with the live distribution.
    PenilaianUnit,
    /// The pegawai's own evaluations, documents and angka kredit.
    PenilaianSaya,
    /// One evaluation document, for any of its readers.
    DokumenEvaluasi(String),
    /// The atasan pejabat penilai rates and signs one evaluation (`periodik-3`,
    /// `tahunan`) of an SKP in the late penilai's place.
    AmbilAlih {
        skp_id: String,
        evaluasi: String,
    },
}

impl Halaman {
    pub fn href(&self) -> String {
        match self {
            Halaman::Beranda => "/".into(),
            Halaman::Masuk => "/masuk".into(),
            Halaman::Aktivasi => "/aktivasi".into(),
            Halaman::Akun => "/akun".into(),
            Halaman::Simulasi => "/simulasi".into(),
            Halaman::Tentang => "/tentang".into(),
            Halaman::Notifikasi => "/notifikasi".into(),
            Halaman::Banding(id) => format!("/banding/{id}"),
            Halaman::Dokumen(id) => format!("/dokumen/{id}"),
            Halaman::SkpSaya => "/skp-saya".into(),
            Halaman::Skp(id) => format!("/skp/{id}"),
            Halaman::Antrian => "/penilai".into(),
            Halaman::TinjauSkp(id) => format!("/penilai/skp/{id}"),
            Halaman::Admin => "/admin".into(),
            Halaman::Realisasi(id) => format!("/realisasi/{id}"),
            Halaman::UmpanBalik => "/hasil/umpan-balik".into(),
            Halaman::Tugas360 => "/hasil/360".into(),
            Halaman::AntrianUmpanBalik => "/unit/umpan-balik".into(),
            Halaman::Penilai360(id) => format!("/unit/360/{id}"),
            Halaman::PenilaianUnit => "/nilai".into(),
            Halaman::PenilaianSaya => "/evaluasi".into(),
            Halaman::DokumenEvaluasi(id) => format!("/evaluasi/dokumen/{id}"),
            Halaman::AmbilAlih { skp_id, evaluasi } => format!("/evaluasi/ambil-alih/{skp_id}/{evaluasi}"),
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
            "/tentang" => Halaman::Tentang,
            "/notifikasi" => Halaman::Notifikasi,
            "/penilai" => Halaman::Antrian,
            "/skp-saya" => Halaman::SkpSaya,
            "/admin" => Halaman::Admin,
            "/hasil/umpan-balik" => Halaman::UmpanBalik,
            "/hasil/360" => Halaman::Tugas360,
            "/unit/umpan-balik" => Halaman::AntrianUmpanBalik,
            "/nilai" => Halaman::PenilaianUnit,
            "/evaluasi" => Halaman::PenilaianSaya,
            _ if path.starts_with("/evaluasi/ambil-alih/") => {
                let (skp, ev) = path["/evaluasi/ambil-alih/".len()..].split_once('/')?;
                Halaman::AmbilAlih { skp_id: id(skp)?, evaluasi: id(ev)? }
            }
            _ => {
                type Buat = fn(String) -> Halaman;
                let dengan_id: [(&str, Buat); 7] = [
                    ("/evaluasi/dokumen/", Halaman::DokumenEvaluasi),
                    ("/penilai/skp/", Halaman::TinjauSkp),
                    ("/unit/360/", Halaman::Penilai360),
                    ("/banding/", Halaman::Banding),
                    ("/dokumen/", Halaman::Dokumen),
                    ("/realisasi/", Halaman::Realisasi),
                    ("/skp/", Halaman::Skp),
                ];
                let (awal, buat) = dengan_id.into_iter().find(|(awal, _)| path.starts_with(awal))?;
                buat(id(&path[awal.len()..])?)
            }
        })
    }

    /// The wasm build that shows the page.
    pub fn bundle(&self) -> Bundle {
        match self {
            Halaman::Skp(_) => Bundle::Skp,
            Halaman::Antrian | Halaman::TinjauSkp(_) => Bundle::Penilai,
            Halaman::AntrianUmpanBalik | Halaman::Penilai360(_) => Bundle::Unit,
            Halaman::PenilaianUnit => Bundle::Nilai,
            Halaman::PenilaianSaya | Halaman::DokumenEvaluasi(_) | Halaman::AmbilAlih { .. } => Bundle::Evaluasi,
            Halaman::Admin => Bundle::Admin,
            Halaman::UmpanBalik | Halaman::Tugas360 => Bundle::Hasil,
            Halaman::Realisasi(_) => Bundle::Realisasi,
            Halaman::Beranda
            | Halaman::Masuk
            | Halaman::Aktivasi
            | Halaman::Akun
            | Halaman::Simulasi
            | Halaman::Tentang
            | Halaman::Notifikasi
            | Halaman::SkpSaya
            | Halaman::Dokumen(_)
            | Halaman::Banding(_) => Bundle::Utama,
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
        assert_eq!(Halaman::dari_path("/skp-saya/"), Some(Halaman::SkpSaya));
        assert_eq!(Halaman::dari_path("/dokumen/s1"), Some(Halaman::Dokumen("s1".into())));
    }

    #[test]
    fn every_page_is_found_again_from_its_link() {
        for h in [
            Halaman::Beranda,
            Halaman::Masuk,
            Halaman::Aktivasi,
            Halaman::Akun,
            Halaman::Simulasi,
            Halaman::Tentang,
            Halaman::Banding("9b2f-01".into()),
            Halaman::Skp("9b2f-01".into()),
            Halaman::Antrian,
            Halaman::TinjauSkp("c3d4".into()),
            Halaman::Admin,
            Halaman::Realisasi("s-1".into()),
            Halaman::UmpanBalik,
            Halaman::Tugas360,
            Halaman::AntrianUmpanBalik,
            Halaman::Penilai360("p-1".into()),
            Halaman::PenilaianUnit,
            Halaman::PenilaianSaya,
            Halaman::DokumenEvaluasi("d-1".into()),
            Halaman::AmbilAlih { skp_id: "s-1".into(), evaluasi: "periodik-1".into() },
        ] {
            assert_eq!(Halaman::dari_path(&h.href()), Some(h.clone()), "{h:?}");
            assert_eq!(Halaman::dari_path(&format!("{}/", h.href())), Some(h.clone()), "{h:?} with a trailing slash");
        }
    }

    #[test]
    fn a_path_no_page_has_is_not_found() {
        for path in [
            "/skp",
            "/skp/",
            "/skp/a/b",
            "/dokumen",
            "/dokumen/a/b",
            "/penilai/skp",
            "/penilai/skp/a/b",
            "/masuk/x",
            "/nope",
            "/penilai/x",
            "/banding",
            "/banding/a/b",
            "/hasil",
            "/realisasi",
            "/realisasi/",
            "/realisasi/a/b",
            "/hasil/realisasi/a",
            "/unit/360",
            "/unit/360/a/b",
            "/penilai/umpan-balik",
            "/unit",
            "/hasil/x",
            "/evaluasi/dokumen",
            "/evaluasi/dokumen/a/b",
            "/evaluasi/ambil-alih/s",
            "/evaluasi/ambil-alih/s/",
            "/evaluasi/ambil-alih/s/tahunan/x",
            "/evaluasi/x",
            "/nilai/x",
        ] {
            assert_eq!(Halaman::dari_path(path), None, "{path}");
        }
    }

    #[test]
    fn every_page_is_in_the_build_its_path_names() {
        let semua = [
            Halaman::Beranda,
            Halaman::Masuk,
            Halaman::Aktivasi,
            Halaman::Akun,
            Halaman::Simulasi,
            Halaman::Tentang,
            Halaman::Notifikasi,
            Halaman::Banding("9b2f-01".into()),
            Halaman::SkpSaya,
            Halaman::Dokumen("d".into()),
            Halaman::Skp("x".into()),
            Halaman::Antrian,
            Halaman::TinjauSkp("y".into()),
            Halaman::Admin,
            Halaman::Realisasi("r".into()),
            Halaman::UmpanBalik,
            Halaman::Tugas360,
            Halaman::AntrianUmpanBalik,
            Halaman::Penilai360("q".into()),
            Halaman::PenilaianUnit,
            Halaman::PenilaianSaya,
            Halaman::DokumenEvaluasi("e".into()),
            Halaman::AmbilAlih { skp_id: "s".into(), evaluasi: "tahunan".into() },
        ];
        for h in semua {
            let dir = h.bundle().dir();
            let pertama = h.href().split('/').nth(1).unwrap_or_default().to_owned();
            if dir.is_empty() {
                // The home build: no other build's folder starts its path.
                for b in [
                    Bundle::Skp,
                    Bundle::Penilai,
                    Bundle::Admin,
                    Bundle::Hasil,
                    Bundle::Unit,
                    Bundle::Realisasi,
                    Bundle::Evaluasi,
                    Bundle::Nilai,
                ] {
                    assert_ne!(pertama, b.dir(), "{h:?}");
                }
            } else {
                assert_eq!(pertama, dir, "{h:?}");
            }
        }
    }

    #[test]
    fn every_build_is_built() {
        // `scripts/build-spa.sh` builds each but the home build (index.html)
        // into the folder its pages' paths start with.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let script = std::fs::read_to_string(root.join("scripts/build-spa.sh")).unwrap();
        let folders: Vec<&str> = script.lines().flat_map(|l| l.split_whitespace()).collect();
        for b in [
            Bundle::Skp,
            Bundle::Penilai,
            Bundle::Admin,
            Bundle::Hasil,
            Bundle::Unit,
            Bundle::Realisasi,
            Bundle::Evaluasi,
            Bundle::Nilai,
        ] {
            assert!(folders.contains(&b.dir()) || script.contains(&format!("--public-url /{}/", b.dir())), "{b:?}");
        }
        assert!(root.join("index.html").is_file());
    }
}
