//! The editor's signals, passed as one `Copy` value to the form components.

use std::collections::{BTreeMap, HashMap};

use domain::FieldErrors;
use domain::api::RhkAtasanItem;
use domain::skp::{IndikatorInput, RhkInput, SkpInput};
use leptos::prelude::*;

use crate::state::editor::{HasilIndikator, Pratinjau, PratinjauMasukan};

#[derive(Clone, Copy)]
pub struct Editor {
    pub form: RwSignal<SkpInput>,
    /// The realisations as typed; each field sets its value once and then
    /// owns it (no field re-renders when another is typed in).
    pub realisasi: RwSignal<BTreeMap<String, String>>,
    pub errors: Memo<FieldErrors>,
    pub masukan: Memo<PratinjauMasukan>,
    pub pratinjau: Memo<Pratinjau>,
    /// The preview's result per indicator, one signal each.
    pub hasil: HasilPerIndikator,
    pub editable: Signal<bool>,
    /// A JPT's SKP (each RHK names its perspective); fixed while the SKP is open.
    pub jpt: bool,
    pub rhk_atasan: Signal<Option<Vec<RhkAtasanItem>>>,
}

impl Editor {
    /// Reads one field of one RHK.
    pub fn rhk<T>(&self, id: &str, f: impl Fn(&RhkInput) -> T) -> Option<T> {
        self.form.with(|s| s.rhk.iter().find(|r| r.id == id).map(&f))
    }

    pub fn update_rhk(&self, id: &str, f: impl FnOnce(&mut RhkInput)) {
        self.form.update(|s| {
            if let Some(r) = s.rhk.iter_mut().find(|r| r.id == id) {
                f(r);
            }
        });
    }

    pub fn iki<T>(&self, rhk: &str, iki: &str, f: impl Fn(&IndikatorInput) -> T) -> Option<T> {
        self.form
            .with(|s| s.rhk.iter().find(|r| r.id == rhk).and_then(|r| r.indikator.iter().find(|i| i.id == iki)).map(&f))
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

/// Each indicator's preview result as a signal of its own, set only when
/// that result changes. (A memo per indicator over one shared index made
/// every keystroke wake all of them, and Leptos's bookkeeping of one
/// source's subscribers grows with the square of their number.)
#[derive(Clone, Copy)]
pub struct HasilPerIndikator {
    indeks: Memo<HashMap<String, HasilIndikator>>,
    sinyal: StoredValue<HashMap<String, RwSignal<Option<HasilIndikator>>>>,
}

impl HasilPerIndikator {
    /// Follows `indeks` (the preview's results by indicator id).
    pub fn new(indeks: Memo<HashMap<String, HasilIndikator>>) -> Self {
        let sinyal = StoredValue::new(HashMap::<String, RwSignal<Option<HasilIndikator>>>::new());
        Effect::new(move |_| {
            indeks.with(|baru| {
                sinyal.with_value(|semua| {
                    for (id, s) in semua {
                        let b = baru.get(id);
                        if s.with_untracked(|lama| lama.as_ref() != b) {
                            s.set(b.cloned());
                        }
                    }
                })
            })
        });
        HasilPerIndikator { indeks, sinyal }
    }

    /// The signal of one indicator's result, for as long as the calling
    /// component lives.
    pub fn untuk(&self, id: &str) -> RwSignal<Option<HasilIndikator>> {
        let s = RwSignal::new(self.indeks.with_untracked(|h| h.get(id).cloned()));
        let (sinyal, id) = (self.sinyal, id.to_owned());
        sinyal.update_value(|m| {
            m.insert(id.clone(), s);
        });
        on_cleanup(move || {
            sinyal.try_update_value(|m| {
                if m.get(&id) == Some(&s) {
                    m.remove(&id);
                }
            });
        });
        s
    }
}
