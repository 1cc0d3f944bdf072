//! A thin drawing layer over printpdf ops: millimetres from the top-left corner
//! of an A4 page, text measured with the faces' real advance widths.

use printpdf::{
    Codepoint, Color, CurTransMat, FontId, Greyscale, Line, LinePoint, Op, PdfFontHandle, Point,
    Pt, TextItem, TextMatrix, TextRenderingMode,
};

use std::cell::RefCell;
use std::collections::HashMap;

use super::fonts::{Face, Font};
use super::layout::wrap;

pub const PAGE_W: f32 = 210.0;
pub const PAGE_H: f32 = 297.0;
/// Line height as a multiple of the font size.
pub const LINE: f32 = 1.3;

/// Millimetres to points.
pub fn pt(mm: f32) -> f32 {
    (mm * 72.0 / 25.4 * 100.0).round() / 100.0
}

/// A relative move (pt) rounded to 0.1 pt (0.035 mm): equal steps give equal,
/// well compressed moves, and fewer digits vary from row to row.
fn round_move(v: f32) -> f32 {
    (v * 10.0).round() / 10.0
}

/// Points to millimetres.
pub fn mm(pt: f32) -> f32 {
    pt * 25.4 / 72.0
}

/// Horizontal alignment of text in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

/// A text style: face and size in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub face: Face,
    pub size: f32,
}

impl Style {
    /// The line height in mm.
    pub fn line_h(self) -> f32 {
        mm(self.size) * LINE
    }
}

/// The two faces with their PDF resource ids, and the glyphs the form used.
pub struct Faces {
    pub song: &'static Font,
    pub hei: &'static Font,
    pub song_id: FontId,
    pub hei_id: FontId,
    /// Glyph ids in the cut and advance widths already looked up.
    glyphs: RefCell<HashMap<(Face, char), (u16, f32)>>,
    /// Per face (Song, Hei), the face's glyphs in the order the form first
    /// used them, .notdef first: what the form's text calls glyph n is the
    /// face's `used[n]`, and the face is cut in that order ([`Font::subset`]).
    used: RefCell<[Vec<u16>; 2]>,
}

impl Faces {
    pub fn new(song: &'static Font, hei: &'static Font) -> Self {
        Faces {
            song,
            hei,
            song_id: FontId::new(),
            hei_id: FontId::new(),
            glyphs: RefCell::default(),
            used: RefCell::new([vec![0], vec![0]]),
        }
    }

    pub fn font(&self, face: Face) -> &'static Font {
        match face {
            Face::Song => self.song,
            Face::Hei => self.hei,
        }
    }

    /// Each face's resource id with the face cut to the glyphs the form used.
    pub fn cuts(&self) -> crate::Result<[(FontId, printpdf::ParsedFont); 2]> {
        let used = self.used.borrow();
        Ok([
            (self.song_id.clone(), self.song.subset(&used[0])?),
            (self.hei_id.clone(), self.hei.subset(&used[1])?),
        ])
    }

    /// The glyph id in the cut and the advance (em) of `c`.
    fn glyph(&self, face: Face, c: char) -> (u16, f32) {
        *self
            .glyphs
            .borrow_mut()
            .entry((face, c))
            .or_insert_with(|| {
                let font = self.font(face);
                let gid = font.glyph_id(c);
                if gid == 0 {
                    return (0, 1.0);
                }
                let slot = match face {
                    Face::Song => 0,
                    Face::Hei => 1,
                };
                let mut used = self.used.borrow_mut();
                let used = &mut used[slot];
                // Two characters may share a glyph: it is cut once.
                let n = match used.iter().position(|g| *g == gid) {
                    Some(n) => n,
                    None => {
                        used.push(gid);
                        used.len() - 1
                    }
                };
                (u16::try_from(n).unwrap_or(0), font.glyph_advance_em(gid))
            })
    }

    /// The advance of `c` in em.
    fn advance_em(&self, face: Face, c: char) -> f32 {
        self.glyph(face, c).1
    }

    /// `text` as glyph ids carrying their characters (for /ToUnicode), so
    /// printpdf need not look each character up in the cmap again.
    fn glyph_ids(&self, face: Face, text: &str) -> Vec<Codepoint> {
        text.chars()
            .map(|c| Codepoint::with_cid(self.glyph(face, c).0, 0.0, c.to_string()))
            .collect()
    }

    /// Width of `text` in mm.
    pub fn width(&self, style: Style, text: &str) -> f32 {
        let em: f32 = text.chars().map(|c| self.advance_em(style.face, c)).sum();
        mm(em * style.size)
    }

    /// `text` wrapped to `max` mm.
    pub fn wrap(&self, style: Style, text: &str, max: f32) -> Vec<String> {
        let size = mm(style.size);
        wrap(text, max, |c| self.advance_em(style.face, c) * size)
    }
}

/// One page's ops. Graphics go to `ops`; all text goes into one text object
/// with relative positioning (`Td`), which keeps a 1,000-row PDF small.
pub struct Canvas<'a> {
    pub faces: &'a Faces,
    ops: Vec<Op>,
    text_ops: Vec<Op>,
    current: Option<(Face, f32)>,
    /// The current text line origin in pt (PDF coordinates).
    origin: (f32, f32),
    /// Full-width rules (mm from the top, left and right edge), drawn together.
    rules: Vec<f32>,
    rule_span: (f32, f32),
}

impl<'a> Canvas<'a> {
    pub fn new(faces: &'a Faces) -> Self {
        let mut ops = Vec::with_capacity(1024);
        ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
        Canvas {
            faces,
            ops,
            text_ops: Vec::with_capacity(2048),
            current: None,
            origin: (0.0, 0.0),
            rules: Vec::new(),
            rule_span: (0.0, 0.0),
        }
    }

    /// A horizontal rule from `x1` to `x2` at `y` (mm). All rules of a page share
    /// `x1`, `x2`: each is drawn as the same path under a relative `cm` move, so a
    /// long list of rows costs almost nothing once compressed.
    pub fn rule(&mut self, x1: f32, x2: f32, y: f32) {
        self.rule_span = (x1, x2);
        self.rules.push(y);
    }

    fn flush_rules(&mut self) {
        if self.rules.is_empty() {
            return;
        }
        let (x1, x2) = self.rule_span;
        self.ops.push(Op::SaveGraphicsState);
        let mut at = 0.0;
        for y in std::mem::take(&mut self.rules) {
            let dy = round_move(pt(PAGE_H - y) - at);
            at += dy;
            self.ops.push(Op::SetTransformationMatrix {
                matrix: CurTransMat::Translate(Pt(0.0), Pt(dy)),
            });
            self.ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point {
                                x: Pt(pt(x1)),
                                y: Pt(0.0),
                            },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point {
                                x: Pt(pt(x2)),
                                y: Pt(0.0),
                            },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            });
        }
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// The page's ops: graphics first, then the one text object.
    pub fn finish(mut self) -> Vec<Op> {
        self.flush_rules();
        if !self.text_ops.is_empty() {
            self.ops.push(Op::StartTextSection);
            self.ops.append(&mut self.text_ops);
            self.ops.push(Op::EndTextSection);
        }
        self.ops
    }

    fn set_font(&mut self, style: Style) {
        if self.current == Some((style.face, style.size)) {
            return;
        }
        let id = match style.face {
            Face::Song => self.faces.song_id.clone(),
            Face::Hei => self.faces.hei_id.clone(),
        };
        self.text_ops.push(Op::SetFont {
            font: PdfFontHandle::External(id),
            size: Pt(style.size),
        });
        self.current = Some((style.face, style.size));
    }

    /// One line of text whose line box starts at `top` mm; `x` is the left edge
    /// (or the centre for [`Align::Center`]).
    pub fn text(&mut self, style: Style, x: f32, top: f32, align: Align, text: &str) {
        if text.is_empty() {
            return;
        }
        let size = mm(style.size);
        let left = match align {
            Align::Left => x,
            Align::Center => x - self.faces.width(style, text) / 2.0,
        };
        // Ideographs span the em box from -0.12 em to 0.88 em around the baseline.
        let baseline = top + (style.line_h() - size) / 2.0 + 0.88 * size;
        self.set_font(style);
        // The origin follows the rounded moves, so errors never add up.
        let dx = round_move(pt(left) - self.origin.0);
        let dy = round_move(pt(PAGE_H - baseline) - self.origin.1);
        self.origin = (self.origin.0 + dx, self.origin.1 + dy);
        self.text_ops.push(Op::SetTextCursor {
            pos: Point {
                x: Pt(dx),
                y: Pt(dy),
            },
        });
        let glyphs = self.faces.glyph_ids(style.face, text);
        self.text_ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(glyphs)],
        });
    }

    /// The same line drawn with a thin outline, for a heavier title.
    pub fn bold_text(&mut self, style: Style, x: f32, top: f32, align: Align, text: &str) {
        self.text_ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::FillStroke,
        });
        self.text_ops.push(Op::SetOutlineThickness { pt: Pt(0.4) });
        self.text(style, x, top, align, text);
        self.text_ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::Fill,
        });
        self.text_ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
    }

    /// Lines of text, stacked from `top`, each `style.line_h()` apart.
    pub fn lines(&mut self, style: Style, x: f32, top: f32, align: Align, lines: &[String]) {
        for (i, l) in lines.iter().enumerate() {
            self.text(style, x, top + i as f32 * style.line_h(), align, l);
        }
    }

    /// A straight line from (x1, y1) to (x2, y2), in mm.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        let p = |x: f32, y: f32| LinePoint {
            p: Point {
                x: Pt(pt(x)),
                y: Pt(pt(PAGE_H - y)),
            },
            bezier: false,
        };
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![p(x1, y1), p(x2, y2)],
                is_closed: false,
            },
        });
    }

    /// A large light-grey word across the page at 45°, drawn under everything.
    pub fn diagonal_mark(&mut self, text: &str) {
        let style = Style {
            face: Face::Hei,
            size: 150.0,
        };
        let w = pt(self.faces.width(style, text));
        let (c, s) = (
            std::f32::consts::FRAC_1_SQRT_2,
            std::f32::consts::FRAC_1_SQRT_2,
        );
        let (cx, cy) = (pt(PAGE_W / 2.0), pt(PAGE_H / 2.0));
        let lift = 0.38 * style.size;
        let x = cx - c * w / 2.0 + s * lift;
        let y = cy - s * w / 2.0 - c * lift;
        self.ops.push(Op::SaveGraphicsState);
        self.ops.push(Op::SetFillColor {
            col: Color::Greyscale(Greyscale {
                percent: 0.86,
                icc_profile: None,
            }),
        });
        self.ops.push(Op::SetFont {
            font: PdfFontHandle::External(self.faces.hei_id.clone()),
            size: Pt(style.size),
        });
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::TranslateRotate(Pt(x), Pt(y), 45.0),
        });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        });
        self.ops.push(Op::EndTextSection);
        self.ops.push(Op::RestoreGraphicsState);
    }
}
