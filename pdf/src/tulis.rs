//! The display list written as PDF with krilla: text shaped and set in the
//! embedded faces (subset), lines and shaded boxes. krilla writes no clock
//! and no random id, so the same pages give the same bytes.

use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::text::TextDirection;

use crate::Gagal;
use crate::huruf::HURUF;
use crate::tata::{LEBAR, Op, TINGGI};

fn isi(l: u8) -> Fill {
    Fill { paint: luma::Color::new(l).into(), opacity: NormalizedF32::ONE, rule: FillRule::default() }
}

pub fn pdf(halaman: &[Vec<Op>]) -> Result<Vec<u8>, Gagal> {
    let mut doc = Document::new();
    let ukuran = PageSettings::from_wh(LEBAR, TINGGI).ok_or(Gagal("ukuran halaman"))?;
    for ops in halaman {
        let mut page = doc.start_page_with(ukuran.clone());
        let mut s = page.surface();
        for op in ops {
            match op {
                Op::Teks { x, y, ukuran, tebal, abu, isi: teks } => {
                    s.set_stroke(None);
                    s.set_fill(Some(isi(if *abu { 150 } else { 0 })));
                    let font = HURUF.muka(*tebal).font.clone();
                    s.draw_text(Point::from_xy(*x, *y), font, *ukuran, teks, false, TextDirection::LeftToRight);
                }
                Op::Garis { x1, y1, x2, y2 } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    if let Some(path) = pb.finish() {
                        s.set_fill(None);
                        s.set_stroke(Some(Stroke { width: 0.6, ..Default::default() }));
                        s.draw_path(&path);
                    }
                }
                Op::Kotak { x, y, w, h } => {
                    let mut pb = PathBuilder::new();
                    if let Some(r) = Rect::from_xywh(*x, *y, *w, *h) {
                        pb.push_rect(r);
                    }
                    if let Some(path) = pb.finish() {
                        s.set_stroke(None);
                        s.set_fill(Some(isi(230)));
                        s.draw_path(&path);
                    }
                }
            }
        }
        s.finish();
        page.finish();
    }
    doc.finish().map_err(|_| Gagal("penulisan PDF"))
}
