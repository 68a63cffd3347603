//! The editor's signals, passed as one `Copy` value to the form components.

use std::collections::{BTreeMap, HashMap};

use domain::api::RhkAtasanItem;
use domain::skp::{IndikatorInput, RhkInput, SkpInput};
use leptos::prelude::*;

use crate::state::editor::{HasilIndikator, PreviewParams, PreviewState};

#[derive(Clone, Copy)]
pub struct Editor {
    pub form: RwSignal<SkpInput>,
    /// The realisations as typed; each field sets its value once and then
    /// owns it (no field re-renders when another is typed in).
    pub realisasi: RwSignal<BTreeMap<String, String>>,
    /// The plan as validated, once per change of the form.
    pub rencana: Memo<Result<domain::skp::RencanaSkp, domain::error::FieldErrors>>,
    /// What the preview was computed with (for an explanation opened).
    pub masukan: Memo<PreviewParams>,
    /// Recomputed whole when the plan or the perilaku rating changes; a
    /// realisation typed updates it in place ([`Editor::ketik`]).
    pub preview: RwSignal<PreviewState>,
    /// A realisation typed (indicator id, value as typed): updates
    /// `realisasi`, the preview, and that indicator's result; gives the
    /// field's messages and a warning when the number is far outside its
    /// unit or target.
    pub ketik: Callback<(String, String), (Vec<domain::Teks>, Option<domain::Teks>)>,
    /// The plan is valid, so a realisation typed gets a preview.
    pub preview_ready: ReadSignal<bool>,
    /// The preview's result per indicator id, one signal each.
    pub hasil: Sebaran<HasilIndikator>,
    /// The field errors by [`crate::state::editor::kunci_galat`], one signal each.
    pub galat: Sebaran<Vec<domain::Teks>>,
    pub editable: Signal<bool>,
    /// The pegawai tried to save or submit: every field's messages show,
    /// also those of fields not touched yet.
    pub dicoba: RwSignal<bool>,
    /// A JPT's SKP (each RHK names its perspective); fixed while the SKP is open.
    pub jpt: bool,
    pub rhk_atasan: Signal<Option<Vec<RhkAtasanItem>>>,
    /// The penilai's comments on single RHK of the last return, by RHK id.
    pub komentar_penilai: Memo<BTreeMap<String, String>>,
}

impl Editor {
    /// Reads one field of one RHK.
    pub fn rhk<T>(&self, id: &str, f: impl Fn(&RhkInput) -> T) -> Option<T> {
        self.form.with(|s| s.rhk.iter().find(|r| r.id == id).map(&f))
    }

    /// Reads one field of one RHK without following it: a field's first value.
    pub fn rhk_awal<T>(&self, id: &str, f: impl Fn(&RhkInput) -> T) -> Option<T> {
        self.form.with_untracked(|s| s.rhk.iter().find(|r| r.id == id).map(&f))
    }

    pub fn update_rhk(&self, id: &str, f: impl FnOnce(&mut RhkInput)) {
        self.form.update(|s| {
            if let Some(r) = s.rhk.iter_mut().find(|r| r.id == id) {
                f(r);
            }
        });
    }

    /// Reads one field of one indicator without following it: a field's first value.
    pub fn iki_awal<T>(&self, rhk: &str, iki: &str, f: impl Fn(&IndikatorInput) -> T) -> Option<T> {
        self.form.with_untracked(|s| {
            s.rhk.iter().find(|r| r.id == rhk).and_then(|r| r.indikator.iter().find(|i| i.id == iki)).map(&f)
        })
    }

    pub fn update_iki(&self, rhk: &str, iki: &str, f: impl FnOnce(&mut IndikatorInput)) {
        self.form.update(|s| {
            if let Some(i) =
                s.rhk.iter_mut().find(|r| r.id == rhk).and_then(|r| r.indikator.iter_mut().find(|i| i.id == iki))
            {
                f(i);
            }
        });
    }
}

/// A value computed from other signals, as a signal set only when the value
/// changes. Unlike a memo's, its subscribers are not woken to check whenever
/// a source changes: for a value read by many (a hint beside every
/// indicator) or recomputed by every keystroke (a summary line).
pub fn ikuti<T: Clone + PartialEq + Send + Sync + 'static>(f: impl Fn() -> T + Send + Sync + 'static) -> ReadSignal<T> {
    let (nilai, set) = signal(untrack(&f));
    Effect::new(move |_| {
        let baru = f();
        if nilai.with_untracked(|lama| *lama != baru) {
            set.set(baru);
        }
    });
    nilai
}

/// Values by key (an indicator's preview result, a field's messages), each
/// as a signal of its own, set only when that value changes. (A memo per
/// field over one shared map made every change wake all of them, and
/// Leptos's bookkeeping of one source's subscribers grows with the square
/// of their number: on a 50-RHK SKP a keystroke cost hundreds of ms.)
pub struct Sebaran<T: Send + Sync + 'static> {
    indeks: StoredValue<HashMap<String, T>>,
    sinyal: StoredValue<HashMap<String, RwSignal<Option<T>>>>,
}

impl<T: Send + Sync + 'static> Clone for Sebaran<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Sebaran<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> Sebaran<T> {
    /// Starts with `awal`, the values by key; [`Sebaran::ganti_semua`] and
    /// [`Sebaran::ganti`] change them.
    pub fn new(awal: HashMap<String, T>) -> Self {
        Sebaran { indeks: StoredValue::new(awal), sinyal: StoredValue::new(HashMap::new()) }
    }

    /// Follows `f`, the values by key, whenever what it reads changes.
    pub fn ikuti(f: impl Fn() -> HashMap<String, T> + Send + Sync + 'static) -> Self {
        let s = Sebaran::new(untrack(&f));
        Effect::new(move |_| s.ganti_semua(f()));
        s
    }

    /// Every key's value (a key missing from `baru` has none).
    pub fn ganti_semua(&self, baru: HashMap<String, T>) {
        self.sinyal.with_value(|semua| {
            for (kunci, s) in semua {
                let b = baru.get(kunci);
                if s.with_untracked(|lama| lama.as_ref() != b) {
                    s.set(b.cloned());
                }
            }
        });
        self.indeks.set_value(baru);
    }

    /// One key's value: only its signal is looked at.
    pub fn ganti(&self, kunci: &str, nilai: Option<T>) {
        if let Some(s) = self.sinyal.with_value(|m| m.get(kunci).copied())
            && s.with_untracked(|lama| *lama != nilai)
        {
            s.set(nilai.clone());
        }
        self.indeks.update_value(|m| match nilai {
            Some(n) => {
                m.insert(kunci.to_owned(), n);
            }
            None => {
                m.remove(kunci);
            }
        });
    }

    /// The signal of one key's value, for as long as the calling component lives.
    pub fn untuk(&self, kunci: &str) -> RwSignal<Option<T>> {
        let s = RwSignal::new(self.indeks.with_value(|h| h.get(kunci).cloned()));
        let (sinyal, kunci) = (self.sinyal, kunci.to_owned());
        sinyal.update_value(|m| {
            m.insert(kunci.clone(), s);
        });
        on_cleanup(move || {
            sinyal.try_update_value(|m| {
                if m.get(&kunci) == Some(&s) {
                    m.remove(&kunci);
                }
            });
        });
        s
    }
}
