//! A small flow layout on A4: headings, wrapped paragraphs, bordered tables
//! that break between rows (the header repeated), and signature blocks.
//! It produces a display list per page ([`Op`]); [`crate::tulis`] turns it
//! into PDF. Kept apart from the PDF writer so the layout is plain
//! arithmetic over the fonts' advance widths, and the page count is known
//! before the footers ("Halaman 1 dari 3") are drawn.

use crate::huruf::Huruf;

/// A4 in points.
pub const LEBAR: f32 = 595.28;
pub const TINGGI: f32 = 841.89;
const KIRI: f32 = 56.0;
const KANAN: f32 = LEBAR - 56.0;
const ATAS: f32 = 56.0;
/// Below this the footer lives.
const BAWAH: f32 = TINGGI - 64.0;
const PAD: f32 = 4.0;

/// One thing drawn on a page; `y` grows downwards, text at its baseline.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Teks { x: f32, y: f32, ukuran: f32, tebal: bool, abu: bool, isi: String },
    Garis { x1: f32, y1: f32, x2: f32, y2: f32 },
    Kotak { x: f32, y: f32, w: f32, h: f32 },
}

/// A table column: its share of the text width and whether it is bold.
#[derive(Clone, Copy, Debug)]
pub struct Kolom {
    pub bagian: f32,
    pub tebal: bool,
}

pub const fn kolom(bagian: f32) -> Kolom {
    Kolom { bagian, tebal: false }
}

pub struct Tata<'h> {
    huruf: &'h Huruf,
    pub halaman: Vec<Vec<Op>>,
    y: f32,
}

impl<'h> Tata<'h> {
    pub fn new(huruf: &'h Huruf) -> Self {
        Tata { huruf, halaman: vec![Vec::new()], y: ATAS }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.halaman.is_empty() {
            self.halaman.push(Vec::new());
        }
        let n = self.halaman.len() - 1;
        &mut self.halaman[n]
    }

    fn halaman_baru(&mut self) {
        self.halaman.push(Vec::new());
        self.y = ATAS;
    }

    /// Starts a new page unless `tinggi` more points fit on this one.
    fn muat(&mut self, tinggi: f32) {
        if self.y + tinggi > BAWAH && self.y > ATAS {
            self.halaman_baru();
        }
    }

    pub fn spasi(&mut self, h: f32) {
        self.y += h;
    }

    fn teks(&mut self, x: f32, y: f32, ukuran: f32, tebal: bool, isi: &str) {
        if !isi.is_empty() {
            self.ops().push(Op::Teks { x, y, ukuran, tebal, abu: false, isi: isi.to_owned() });
        }
    }

    fn garis(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.ops().push(Op::Garis { x1, y1, x2, y2 });
    }

    /// Centred lines (the document's title block).
    pub fn judul(&mut self, baris: &[&str], ukuran: f32) {
        for b in baris {
            for l in self.huruf.bungkus(b, ukuran, true, KANAN - KIRI) {
                self.muat(ukuran * 1.4);
                let w = self.huruf.lebar(&l, ukuran, true);
                let y = self.y + ukuran;
                self.teks((LEBAR - w) / 2.0, y, ukuran, true, &l);
                self.y += ukuran * 1.4;
            }
        }
    }

    /// A section heading, kept with at least a few lines of what follows.
    pub fn subjudul(&mut self, isi: &str) {
        self.muat(60.0);
        self.y += 6.0;
        for l in self.huruf.bungkus(isi, 10.5, true, KANAN - KIRI) {
            let y = self.y + 10.5;
            self.teks(KIRI, y, 10.5, true, &l);
            self.y += 15.0;
        }
        self.y += 2.0;
    }

    /// A wrapped paragraph.
    pub fn paragraf(&mut self, isi: &str, ukuran: f32) {
        for bagian in isi.split('\n') {
            for l in self.huruf.bungkus(bagian, ukuran, false, KANAN - KIRI) {
                self.muat(ukuran * 1.4);
                let y = self.y + ukuran;
                self.teks(KIRI, y, ukuran, false, &l);
                self.y += ukuran * 1.4;
            }
        }
    }

    /// A bordered table: `kepala` (bold, shaded, repeated after a page
    /// break) may be empty; every row wraps its cells.
    pub fn tabel(&mut self, kolom: &[Kolom], kepala: &[&str], baris: &[Vec<String>]) {
        const UK: f32 = 9.0;
        const JARAK: f32 = UK * 1.35;
        let total: f32 = kolom.iter().map(|k| k.bagian).sum::<f32>().max(f32::EPSILON);
        let lebar: Vec<f32> = kolom.iter().map(|k| k.bagian / total * (KANAN - KIRI)).collect();
        let huruf = self.huruf;
        let bungkus = |sel: &[String], tebal_semua: bool| -> Vec<Vec<String>> {
            sel.iter()
                .enumerate()
                .map(|(i, s)| {
                    let w = lebar.get(i).copied().unwrap_or(0.0) - 2.0 * PAD;
                    let tebal = tebal_semua || kolom.get(i).is_some_and(|k| k.tebal);
                    huruf.bungkus(s, UK, tebal, w)
                })
                .collect()
        };
        let kepala: Vec<String> = kepala.iter().map(|s| (*s).to_owned()).collect();
        let kepala_b = bungkus(&kepala, true);
        let tinggi =
            |sel: &[Vec<String>]| sel.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * JARAK + 2.0 * PAD;
        let h_kepala = if kepala.is_empty() { 0.0 } else { tinggi(&kepala_b) };
        let gambar = |t: &mut Tata, sel: &[Vec<String>], h: f32, tebal_semua: bool| {
            let y0 = t.y;
            if tebal_semua {
                t.ops().push(Op::Kotak { x: KIRI, y: y0, w: KANAN - KIRI, h });
            }
            let mut x = KIRI;
            for (i, w) in lebar.iter().enumerate() {
                let tebal = tebal_semua || kolom.get(i).is_some_and(|k| k.tebal);
                if let Some(ls) = sel.get(i) {
                    for (n, l) in ls.iter().enumerate() {
                        t.teks(x + PAD, y0 + PAD + UK + n as f32 * JARAK - 1.5, UK, tebal, l);
                    }
                }
                t.garis(x, y0, x, y0 + h);
                x += w;
            }
            t.garis(KANAN, y0, KANAN, y0 + h);
            t.garis(KIRI, y0, KANAN, y0);
            t.garis(KIRI, y0 + h, KANAN, y0 + h);
            t.y += h;
        };
        self.muat(h_kepala + 2.0 * JARAK);
        if !kepala.is_empty() {
            gambar(self, &kepala_b, h_kepala, true);
        }
        for b in baris {
            let sel = bungkus(b, false);
            let h = tinggi(&sel);
            if self.y + h > BAWAH && self.y > ATAS + h_kepala {
                self.halaman_baru();
                if !kepala.is_empty() {
                    gambar(self, &kepala_b, h_kepala, true);
                }
            }
            gambar(self, &sel, h, false);
        }
        self.y += 4.0;
    }

    /// Signature blocks, one under another: each its role, the line that
    /// says whether and when it was signed electronically, the signer's
    /// name and NIP. One per row keeps each block's text in reading order
    /// for anyone extracting it.
    pub fn tanda_tangan(&mut self, blok: &[(String, String, String, String)]) {
        const UK: f32 = 9.0;
        const JARAK: f32 = UK * 1.4;
        let lebar = KANAN - KIRI - 12.0;
        for (peran, nama, nip, keterangan) in blok {
            let mut ls: Vec<(String, bool)> = Vec::new();
            ls.extend(self.huruf.bungkus(peran, UK, true, lebar).into_iter().map(|l| (l, true)));
            ls.extend(self.huruf.bungkus(keterangan, UK, false, lebar).into_iter().map(|l| (l, false)));
            ls.extend(self.huruf.bungkus(nama, UK, false, lebar).into_iter().map(|l| (l, false)));
            ls.push((format!("NIP {nip}"), false));
            let h = ls.len() as f32 * JARAK + 10.0;
            self.muat(h);
            let y0 = self.y;
            self.garis(KIRI, y0, KIRI, y0 + h - 6.0);
            for (k, (l, tebal)) in ls.iter().enumerate() {
                self.teks(KIRI + 8.0, y0 + UK + k as f32 * JARAK, UK, *tebal, l);
            }
            self.y = y0 + h;
        }
    }

    /// The footer of every page and, for a draft, the mark on each.
    pub fn selesai(mut self, kaki: &str, draf: bool) -> Vec<Vec<Op>> {
        let n = self.halaman.len();
        for (i, ops) in self.halaman.iter_mut().enumerate() {
            let isi = format!("{kaki} · Halaman {} dari {n}", i + 1);
            ops.push(Op::Garis { x1: KIRI, y1: BAWAH + 10.0, x2: KANAN, y2: BAWAH + 10.0 });
            ops.push(Op::Teks { x: KIRI, y: BAWAH + 24.0, ukuran: 7.5, tebal: false, abu: true, isi });
            if draf {
                let tanda = "DRAF — belum ditandatangani, tidak dapat diverifikasi";
                let w = self.huruf.lebar(tanda, 9.0, true);
                ops.push(Op::Teks {
                    x: (LEBAR - w) / 2.0,
                    y: 34.0,
                    ukuran: 9.0,
                    tebal: true,
                    abu: true,
                    isi: tanda.into(),
                });
                let w = self.huruf.lebar("DRAF", 96.0, true);
                // Under everything else: the content stays readable.
                ops.insert(
                    0,
                    Op::Teks {
                        x: (LEBAR - w) / 2.0,
                        y: TINGGI / 2.0,
                        ukuran: 96.0,
                        tebal: true,
                        abu: true,
                        isi: "DRAF".into(),
                    },
                );
            }
        }
        std::mem::take(&mut self.halaman)
    }
}
