//! Two versions of one form side by side, field by field: the person's
//! (refused because another device saved first) and the server's current
//! one. Every field where they differ is listed with both values; the
//! person chooses one per field, and the form they chose is built from the
//! server's with their picks applied, so it saves on the current version.
//!
//! Works on the forms' JSON: objects key by key, lists of objects with an
//! `id` item by item (an RHK or an indicator is the same one on both sides
//! when its id is), anything else (text, numbers, lists of lines) as one
//! value. An item on one side only is one difference (added or removed).

use serde_json::{Map, Value};

/// One step of the way to a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Langkah {
    Kunci(String),
    /// The item of a list whose `id` is this, and its place (from 0) in
    /// the list it was found in (the server's when it has it).
    Item {
        id: String,
        ke: usize,
    },
}

/// A field where the two versions differ: `None` is "not there" (an item
/// added on one side only, or removed).
#[derive(Clone, Debug, PartialEq)]
pub struct Beda {
    pub jalan: Vec<Langkah>,
    pub milik_saya: Option<Value>,
    pub di_server: Option<Value>,
}

impl Beda {
    /// The name of the field (its last key), or `None` for a whole item.
    pub fn bidang(&self) -> Option<&str> {
        match self.jalan.last() {
            Some(Langkah::Kunci(k)) => Some(k),
            _ => None,
        }
    }

    /// Where it is, by the items' places: `[(list, place)]`, e.g.
    /// `[("rhk", 1), ("indikator", 0)]` for the first indicator of the second RHK.
    pub fn letak(&self) -> Vec<(&str, usize)> {
        let mut out = Vec::new();
        let mut daftar = "";
        for l in &self.jalan {
            match l {
                Langkah::Kunci(k) => daftar = k,
                Langkah::Item { ke, .. } => out.push((daftar, *ke)),
            }
        }
        out
    }
}

/// Every field where `saya` and `server` differ, in the form's order: by
/// the items' places (an RHK's own fields before its indicators), the
/// server's items first.
pub fn bandingkan(saya: &Value, server: &Value) -> Vec<Beda> {
    let mut out = Vec::new();
    banding(saya, server, &mut Vec::new(), &mut out);
    out
}

/// The fields in the order the editor shows them (also the order of the
/// list of fields to fix, `editor::bidang_salah`).
pub const URUTAN: [&str; 17] = [
    "pendekatan",
    "uraian",
    "jenis",
    "rhk_atasan_id",
    "perspektif",
    "aspek",
    "target",
    "target_maks",
    "satuan",
    "polaritas",
    "indikator",
    "rhk",
    "lampiran",
    "dukungan_sumber_daya",
    "skema_pertanggungjawaban",
    "konsekuensi",
    "ekspektasi_khusus",
];

fn id_of(v: &Value) -> Option<&str> {
    v.get("id")?.as_str()
}

fn banding(saya: &Value, server: &Value, jalan: &mut Vec<Langkah>, out: &mut Vec<Beda>) {
    if saya == server {
        return;
    }
    let beda = |jalan: &Vec<Langkah>, out: &mut Vec<Beda>| {
        out.push(Beda { jalan: jalan.clone(), milik_saya: Some(saya.clone()), di_server: Some(server.clone()) })
    };
    match (saya, server) {
        (Value::Object(a), Value::Object(b)) => {
            // In the form's order (the keys' own is alphabetical), then any other.
            let ada = |k: &str| a.contains_key(k) || b.contains_key(k);
            let lain = b.keys().chain(a.keys().filter(|k| !b.contains_key(*k)));
            let kunci: Vec<String> = URUTAN
                .iter()
                .filter(|k| ada(k))
                .map(|k| (*k).to_owned())
                .chain(lain.filter(|k| !URUTAN.contains(&k.as_str())).cloned())
                .collect();
            for k in &kunci {
                jalan.push(Langkah::Kunci(k.clone()));
                match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => banding(x, y, jalan, out),
                    (x, y) => out.push(Beda { jalan: jalan.clone(), milik_saya: x.cloned(), di_server: y.cloned() }),
                }
                jalan.pop();
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            // Lists of items by id (the two differ, so at most one is empty;
            // an empty one is a list of items too); any other, one value.
            let ber_id = |x: &Vec<Value>| x.iter().all(|i| id_of(i).is_some());
            if !(ber_id(a) && ber_id(b)) {
                return beda(jalan, out);
            }
            let cari = |x: &'_ Vec<Value>, id: &str| x.iter().position(|i| id_of(i) == Some(id));
            for (ke, y) in b.iter().enumerate() {
                let id = id_of(y).unwrap_or_default().to_owned();
                jalan.push(Langkah::Item { id: id.clone(), ke });
                match cari(a, &id) {
                    Some(i) => banding(&a[i], y, jalan, out),
                    None => out.push(Beda { jalan: jalan.clone(), milik_saya: None, di_server: Some(y.clone()) }),
                }
                jalan.pop();
            }
            for (ke, x) in a.iter().enumerate() {
                let id = id_of(x).unwrap_or_default();
                if cari(b, id).is_none() {
                    jalan.push(Langkah::Item { id: id.to_owned(), ke });
                    out.push(Beda { jalan: jalan.clone(), milik_saya: Some(x.clone()), di_server: None });
                    jalan.pop();
                }
            }
        }
        _ => beda(jalan, out),
    }
}

/// The server's form with the person's value of each chosen field
/// (`pilih[i]`: the person's value of `beda[i]`, else the server's).
pub fn gabungkan(server: &Value, beda: &[Beda], pilih: &[bool]) -> Value {
    let mut hasil = server.clone();
    for (b, _) in beda.iter().zip(pilih).filter(|(_, p)| **p) {
        pasang(&mut hasil, &b.jalan, b.milik_saya.clone());
    }
    hasil
}

/// Puts `nilai` at `jalan` (`None`: removes what is there).
fn pasang(v: &mut Value, jalan: &[Langkah], nilai: Option<Value>) {
    let Some((langkah, sisa)) = jalan.split_first() else {
        if let Some(n) = nilai {
            *v = n;
        }
        return;
    };
    match langkah {
        Langkah::Kunci(k) => {
            if !v.is_object() {
                *v = Value::Object(Map::new());
            }
            let Some(obj) = v.as_object_mut() else { return };
            if sisa.is_empty() {
                match nilai {
                    Some(n) => {
                        obj.insert(k.clone(), n);
                    }
                    None => {
                        obj.remove(k);
                    }
                }
            } else if let Some(anak) = obj.get_mut(k) {
                pasang(anak, sisa, nilai);
            }
        }
        Langkah::Item { id, ke } => {
            let Some(daftar) = v.as_array_mut() else { return };
            let ada = daftar.iter().position(|i| id_of(i) == Some(id.as_str()));
            match (ada, sisa.is_empty(), nilai) {
                (Some(i), false, nilai) => pasang(&mut daftar[i], sisa, nilai),
                (Some(i), true, Some(n)) => daftar[i] = n,
                (Some(i), true, None) => {
                    daftar.remove(i);
                }
                // An item only the person has: at its place in their list.
                (None, true, Some(n)) => daftar.insert((*ke).min(daftar.len()), n),
                (None, _, _) => {}
            }
        }
    }
}

/// A value as the person reads it: text as it is, a list of lines one per
/// line, a whole item by its description.
pub fn tampil(v: &Option<Value>) -> String {
    match v {
        None | Some(Value::Null) => "—".to_owned(),
        Some(Value::String(s)) if s.is_empty() => "—".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a.iter().map(|x| tampil(&Some(x.clone()))).collect::<Vec<_>>().join("\n"),
        Some(Value::Object(o)) => o.get("uraian").map(|u| tampil(&Some(u.clone()))).unwrap_or_else(|| "…".to_owned()),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn form(uraian: &str, target: &str, rhk2: bool) -> Value {
        let mut rhk = vec![json!({"id": "r1", "uraian": uraian, "indikator": [
            {"id": "i1", "uraian": "Jumlah laporan", "target": target, "satuan": "laporan"}
        ]})];
        if rhk2 {
            rhk.push(json!({"id": "r2", "uraian": "Terselenggaranya rapat", "indikator": []}));
        }
        json!({"pendekatan": "kuantitatif", "rhk": rhk, "lampiran": {"dukungan_sumber_daya": ["Laptop"]}})
    }

    #[test]
    fn the_same_form_has_no_difference() {
        assert!(bandingkan(&form("a", "12", false), &form("a", "12", false)).is_empty());
    }

    #[test]
    fn each_field_that_differs_is_listed_once_with_both_values_and_where_it_is() {
        let saya = form("Tersusunnya laporan bulanan", "12", false);
        let server = form("Tersusunnya laporan", "10", true);
        let beda = bandingkan(&saya, &server);
        assert_eq!(beda.len(), 3, "{beda:#?}");
        assert_eq!(beda[0].bidang(), Some("uraian"));
        assert_eq!(beda[0].letak(), [("rhk", 0)]);
        assert_eq!(tampil(&beda[0].milik_saya), "Tersusunnya laporan bulanan");
        assert_eq!(tampil(&beda[0].di_server), "Tersusunnya laporan");
        assert_eq!(beda[1].bidang(), Some("target"));
        assert_eq!(beda[1].letak(), [("rhk", 0), ("indikator", 0)]);
        // The RHK only the server has: one difference, the whole item.
        assert_eq!(beda[2].bidang(), None);
        assert_eq!(beda[2].letak(), [("rhk", 1)]);
        assert_eq!(beda[2].milik_saya, None);
        assert_eq!(tampil(&beda[2].di_server), "Terselenggaranya rapat");
    }

    #[test]
    fn the_chosen_form_is_the_servers_with_the_persons_picks() {
        let saya = form("Tersusunnya laporan bulanan", "12", false);
        let server = form("Tersusunnya laporan", "10", true);
        let beda = bandingkan(&saya, &server);
        // Nothing picked: the server's form.
        assert_eq!(gabungkan(&server, &beda, &[false, false, false]), server);
        // Everything picked: the person's form.
        assert_eq!(gabungkan(&server, &beda, &[true, true, true]), saya);
        // The server's description, the person's target, the server's new RHK kept.
        let campur = gabungkan(&server, &beda, &[false, true, false]);
        assert_eq!(campur["rhk"][0]["uraian"], "Tersusunnya laporan");
        assert_eq!(campur["rhk"][0]["indikator"][0]["target"], "12");
        assert_eq!(campur["rhk"][1]["id"], "r2");
    }

    #[test]
    fn an_item_only_the_person_added_goes_in_at_its_place_when_picked() {
        let saya = form("a", "12", true);
        let server = form("a", "12", false);
        let beda = bandingkan(&saya, &server);
        assert_eq!(beda.len(), 1);
        assert_eq!(beda[0].di_server, None);
        assert_eq!(gabungkan(&server, &beda, &[true]), saya);
        assert_eq!(gabungkan(&server, &beda, &[false]), server);
    }

    #[test]
    fn lists_of_lines_are_one_value() {
        let saya = json!({"lampiran": {"dukungan_sumber_daya": ["Laptop", "Printer"]}});
        let server = json!({"lampiran": {"dukungan_sumber_daya": ["Laptop"]}});
        let beda = bandingkan(&saya, &server);
        assert_eq!(beda.len(), 1);
        assert_eq!(tampil(&beda[0].milik_saya), "Laptop\nPrinter");
        assert_eq!(gabungkan(&server, &beda, &[true]), saya);
    }
}
