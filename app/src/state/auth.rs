//! Who is signed in, as the whole app sees it.

use domain::api::{PeranAkun, SessionView};
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum Auth {
    /// Asking the server whether a session exists.
    Memuat,
    Tamu,
    Masuk(SessionView),
    /// The session ended while working: the screen stays, a login form
    /// appears over it, and nothing typed is lost.
    Berakhir(SessionView),
}

/// What [`crate::components::perlu_masuk::PerluMasuk`] shows: the page
/// stays the same page through an ended session and the same person
/// signing in again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tampil {
    Memuat,
    Tamu,
    Halaman,
}

impl Auth {
    pub fn tampil(&self) -> Tampil {
        match self {
            Auth::Memuat => Tampil::Memuat,
            Auth::Tamu => Tampil::Tamu,
            Auth::Masuk(_) | Auth::Berakhir(_) => Tampil::Halaman,
        }
    }

    pub fn session(&self) -> Option<&SessionView> {
        match self {
            Auth::Masuk(s) | Auth::Berakhir(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_admin(&self) -> bool {
        matches!(self, Auth::Masuk(s) if s.peran != PeranAkun::Pegawai)
    }

    /// Signed in as someone's pejabat penilai: the reviewing page is offered.
    pub fn is_penilai(&self) -> bool {
        matches!(self, Auth::Masuk(s) if s.penilai)
    }

    /// The expired session of someone signing in again, or `None` when a
    /// different person signs in (then nothing of the old screen may stay).
    pub fn same_person(&self, nip: &str) -> bool {
        matches!(self, Auth::Berakhir(s) if s.nip == nip)
    }
}

/// The app-wide auth state (context newtype).
#[derive(Clone, Copy)]
pub struct AuthContext(pub RwSignal<Auth>);

impl AuthContext {
    /// The signed-in (or ended) session's pegawai id; empty when there is none.
    pub fn pegawai_id(&self) -> String {
        self.0.with_untracked(|a| a.session().map(|s| s.pegawai_id.clone())).unwrap_or_default()
    }

    /// Marks a signed-in session as ended; any other state is left as it
    /// is, without waking whoever watches it (several loads failing at once
    /// each call this).
    pub fn expire(&self) {
        self.0.maybe_update(|a| match a {
            Auth::Masuk(s) => {
                *a = Auth::Berakhir(s.clone());
                true
            }
            _ => false,
        });
    }

    /// Runs `ulang` when this session is signed in again after it ended: for
    /// a load that failed because of the ending, which has nothing typed to
    /// lose. (The pages themselves are kept as they are.)
    pub fn ulang_setelah_masuk(&self, ulang: impl Fn() + 'static) {
        let auth = self.0;
        Effect::new(move |sebelumnya: Option<bool>| {
            let masuk = auth.with(|a| matches!(a, Auth::Masuk(_)));
            if masuk && sebelumnya == Some(false) {
                ulang();
            }
            masuk
        });
    }
}

pub fn use_auth() -> AuthContext {
    expect_context::<AuthContext>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sesi(peran: PeranAkun) -> SessionView {
        SessionView {
            pegawai_id: "p".into(),
            instansi_id: "i".into(),
            nip: "199003152015032004".into(),
            nama: "Dewi".into(),
            jabatan: "Pengelola".into(),
            peran,
            penilai: false,
            csrf_token: "c".into(),
            berakhir: 0,
        }
    }

    #[test]
    fn only_admins_see_the_admin_area() {
        assert!(Auth::Masuk(sesi(PeranAkun::AdminInstansi)).is_admin());
        assert!(!Auth::Masuk(sesi(PeranAkun::Pegawai)).is_admin());
        assert!(!Auth::Berakhir(sesi(PeranAkun::AdminInstansi)).is_admin(), "not while the session is over");
    }

    #[test]
    fn only_a_pejabat_penilai_is_offered_the_review_page() {
        let penilai = SessionView { penilai: true, ..sesi(PeranAkun::Pegawai) };
        assert!(Auth::Masuk(penilai.clone()).is_penilai());
        assert!(!Auth::Masuk(sesi(PeranAkun::Pegawai)).is_penilai());
        assert!(!Auth::Berakhir(penilai).is_penilai(), "not while the session is over");
    }

    #[test]
    fn an_expired_screen_is_kept_only_for_the_same_person() {
        let a = Auth::Berakhir(sesi(PeranAkun::Pegawai));
        assert!(a.same_person("199003152015032004"));
        assert!(!a.same_person("198811232014022006"));
        assert!(!Auth::Tamu.same_person("199003152015032004"));
    }

    #[test]
    fn the_page_stays_through_an_ended_session_and_signing_in_again() {
        let masuk = Auth::Masuk(sesi(PeranAkun::Pegawai));
        let berakhir = Auth::Berakhir(sesi(PeranAkun::Pegawai));
        assert_eq!(masuk.tampil(), berakhir.tampil());
        assert_ne!(Auth::Tamu.tampil(), masuk.tampil());
        assert_ne!(Auth::Memuat.tampil(), masuk.tampil());
    }
}
