//! The two embedded faces (DejaVu Sans regular and bold, with their
//! licence in `fonts/LICENSE`) and their advance widths, for wrapping lines.
//! krilla embeds only the glyphs a document uses (a subset).

use std::sync::LazyLock;

use krilla::text::Font;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

static BIASA: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static TEBAL: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Characters below this have their widths in a table; others are looked up.
const TABEL: u32 = 0x2100;

pub struct Muka {
    pub font: Font,
    data: &'static [u8],
    /// Advance widths per character code below [`TABEL`], in em.
    lebar: Vec<f32>,
}

impl Muka {
    fn new(data: &'static [u8]) -> Muka {
        let font = Font::new(data.into(), 0).expect("the embedded DejaVu face parses");
        let f = FontRef::new(data).expect("the embedded DejaVu face parses");
        let em = f.metrics(Size::unscaled(), LocationRef::default()).units_per_em as f32;
        let (cmap, gm) = (f.charmap(), f.glyph_metrics(Size::unscaled(), LocationRef::default()));
        let lebar = (0..TABEL).map(|c| cmap.map(c).and_then(|g| gm.advance_width(g)).unwrap_or(0.0) / em).collect();
        Muka { font, data, lebar }
    }

    /// The width of `c` in em.
    fn em(&self, c: char) -> f32 {
        match self.lebar.get(c as usize) {
            Some(w) => *w,
            None => {
                let Ok(f) = FontRef::new(self.data) else { return 0.6 };
                let gm = f.glyph_metrics(Size::unscaled(), LocationRef::default());
                let em = f.metrics(Size::unscaled(), LocationRef::default()).units_per_em as f32;
                f.charmap().map(c).and_then(|g| gm.advance_width(g)).map_or(0.6, |w| w / em)
            }
        }
    }
}

pub struct Huruf {
    pub biasa: Muka,
    pub tebal: Muka,
}

/// Parsed once per process: every document shares them.
pub static HURUF: LazyLock<Huruf> = LazyLock::new(|| Huruf { biasa: Muka::new(BIASA), tebal: Muka::new(TEBAL) });

impl Huruf {
    pub fn muka(&self, tebal: bool) -> &Muka {
        if tebal { &self.tebal } else { &self.biasa }
    }

    /// The width of `s` set in `ukuran` points.
    pub fn lebar(&self, s: &str, ukuran: f32, tebal: bool) -> f32 {
        let m = self.muka(tebal);
        s.chars().map(|c| m.em(c)).sum::<f32>() * ukuran
    }

    /// `s` broken into lines at most `maks` points wide: at spaces, and
    /// inside a word only when the word alone is wider. Always one line at
    /// least (an empty one for an empty text).
    pub fn bungkus(&self, s: &str, ukuran: f32, tebal: bool, maks: f32) -> Vec<String> {
        let mut out = Vec::new();
        let mut baris = String::new();
        for kata in s.split_whitespace() {
            let calon = if baris.is_empty() { kata.to_owned() } else { format!("{baris} {kata}") };
            if self.lebar(&calon, ukuran, tebal) <= maks {
                baris = calon;
                continue;
            }
            if !baris.is_empty() {
                out.push(std::mem::take(&mut baris));
            }
            // A word wider than the line is cut where it must be.
            for c in kata.chars() {
                let mut calon = baris.clone();
                calon.push(c);
                if !baris.is_empty() && self.lebar(&calon, ukuran, tebal) > maks {
                    out.push(std::mem::take(&mut baris));
                    baris.push(c);
                } else {
                    baris = calon;
                }
            }
        }
        if !baris.is_empty() || out.is_empty() {
            out.push(baris);
        }
        out
    }
}
