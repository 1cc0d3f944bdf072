//! Annex 1 as a print-ready A4 PDF (printpdf 0.12.8, fonts subset and embedded).
//!
//! Page 1: 附件1, the title, 单位名称（盖章） beside a blank square for the round
//! seal, 单位主要负责人签字 with a blank line, part one's table, then part two's
//! list. Every page repeats the list header, never splits a row, carries
//! "第 X 页 共 Y 页", and on a draft the diagonal 草稿 and the draft line.

use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions};

use super::canvas::{Align, Canvas, Faces, PAGE_H, PAGE_W, Style};
use super::fonts::{Face, font, song_for};
use super::model::Annex1;
use super::wording;
use crate::{Error, Result};

const LEFT: f32 = 20.0;
const RIGHT: f32 = PAGE_W - 20.0;
const TOP: f32 = 20.0;
/// Nothing but the page number goes below this line.
const BOTTOM: f32 = PAGE_H - 18.0;
/// Side of the square left blank for the round seal (公章, 42 mm across).
const SEAL: f32 = 48.0;
const PAD_X: f32 = 1.2;
const PAD_Y: f32 = 1.0;
const MIN_ROW: f32 = 6.8;
/// Part two's column widths (mm), summing to the text width of 170 mm.
const LIST_WIDTHS: [f32; 6] = [12.0, 22.0, 25.0, 25.0, 25.0, 61.0];
/// Part one's column widths (mm).
const SUMMARY_WIDTHS: [f32; 2] = [122.0, 48.0];

const BODY: Style = Style {
    face: Face::Song,
    size: 10.5,
};
const HEAD_TEXT: Style = Style {
    face: Face::Song,
    size: 12.0,
};
/// Column headings in the Song face: their characters are mostly in part one
/// already, so the Hei subset stays small (the PDF is ~3 KB lighter).
const COLUMN_HEAD: Style = Style {
    face: Face::Song,
    size: 10.5,
};
const HEADING: Style = Style {
    face: Face::Hei,
    size: 12.0,
};
const SMALL: Style = Style {
    face: Face::Song,
    size: 9.0,
};

/// A table row laid out: its cells' lines and its height.
struct RowLayout {
    cells: Vec<Vec<String>>,
    height: f32,
}

fn layout_row(faces: &Faces, style: Style, widths: &[f32], cells: &[String]) -> RowLayout {
    let cells: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|(t, w)| faces.wrap(style, t, w - 2.0 * PAD_X))
        .collect();
    let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let height = (lines as f32 * style.line_h() + 2.0 * PAD_Y).max(MIN_ROW);
    RowLayout { cells, height }
}

/// How a row is ruled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rules {
    /// The first row of a table: its top edge too.
    First,
    /// Bottom edge and the column lines.
    Row,
    /// Bottom edge only: the list draws its column lines once per page.
    BottomOnly,
}

/// Draws a row whose top edge is at `top`.
fn draw_row(
    c: &mut Canvas,
    style: Style,
    widths: &[f32],
    aligns: &[Align],
    row: &RowLayout,
    top: f32,
    rules: Rules,
) {
    let bottom = top + row.height;
    if rules == Rules::First {
        c.rule(LEFT, RIGHT, top);
    }
    c.rule(LEFT, RIGHT, bottom);
    let verticals = rules != Rules::BottomOnly;
    let mut x = LEFT;
    if verticals {
        c.line(x, top, x, bottom);
    }
    for ((lines, w), align) in row.cells.iter().zip(widths).zip(aligns) {
        let block = lines.len() as f32 * style.line_h();
        let y = top + (row.height - block) / 2.0;
        let tx = match align {
            Align::Left => x + PAD_X,
            Align::Center => x + w / 2.0,
        };
        c.lines(style, tx, y, *align, lines);
        x += w;
        if verticals {
            c.line(x, top, x, bottom);
        }
    }
}

const LIST_ALIGNS: [Align; 6] = [
    Align::Center,
    Align::Center,
    Align::Center,
    Align::Center,
    Align::Center,
    Align::Left,
];

struct Pages<'a> {
    faces: &'a Faces,
    draft: Option<String>,
    pages: Vec<Canvas<'a>>,
    y: f32,
    /// Where the list's ruled part began on the current page.
    list_top: Option<f32>,
}

impl<'a> Pages<'a> {
    fn new_page(&mut self) {
        self.close_list();
        let mut c = Canvas::new(self.faces);
        if let Some(line) = &self.draft {
            c.diagonal_mark(wording::DRAFT_MARK);
            c.text(HEADING, PAGE_W / 2.0, 10.0, Align::Center, line);
        }
        self.pages.push(c);
        self.y = TOP;
    }

    /// Draws the list's column lines from its header down to the last row.
    fn close_list(&mut self) {
        let Some(top) = self.list_top.take() else {
            return;
        };
        let bottom = self.y;
        let c = self.page();
        let mut x = LEFT;
        c.line(x, top, x, bottom);
        for w in LIST_WIDTHS {
            x += w;
            c.line(x, top, x, bottom);
        }
    }

    fn page(&mut self) -> &mut Canvas<'a> {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// 附件1, the title, the agency and signature lines beside the seal square.
    fn header(&mut self, a: &Annex1) {
        let faces = self.faces;
        let annex = Style {
            face: Face::Hei,
            size: 14.0,
        };
        let title = Style {
            face: Face::Hei,
            size: 18.0,
        };
        let c = self.page();
        c.text(annex, LEFT, TOP, Align::Left, wording::ANNEX);
        let title_top = TOP + annex.line_h() + 4.0;
        c.bold_text(
            title,
            PAGE_W / 2.0,
            title_top,
            Align::Center,
            wording::TITLE,
        );

        // The seal square sits at the right; the two lines keep to its left.
        let block_top = title_top + title.line_h() + 4.0;
        let text_right = RIGHT - SEAL - 4.0;
        let agency = format!("{}{}", wording::AGENCY, a.agency_name);
        let lines = faces.wrap(HEAD_TEXT, &agency, text_right - LEFT);
        let agency_top = block_top + 8.0;
        c.lines(HEAD_TEXT, LEFT, agency_top, Align::Left, &lines);
        let sign_top = block_top + SEAL - 14.0;
        c.text(HEAD_TEXT, LEFT, sign_top, Align::Left, wording::HEAD);
        let blank_from = LEFT + faces.width(HEAD_TEXT, wording::HEAD) + 1.0;
        let underline = sign_top + HEAD_TEXT.line_h() - 0.5;
        c.line(blank_from, underline, text_right, underline);
        self.y = block_top + SEAL + 4.0;
    }

    fn heading(&mut self, text: &str) {
        let y = self.y;
        self.page().text(HEADING, LEFT, y, Align::Left, text);
        self.y += HEADING.line_h() + 2.0;
    }

    fn summary(&mut self, a: &Annex1) {
        let aligns = [Align::Left, Align::Center];
        let mut first = true;
        for item in &a.summary {
            let cells = [item.label.to_string(), item.value.clone()];
            let row = layout_row(self.faces, BODY, &SUMMARY_WIDTHS, &cells);
            let y = self.y;
            let rules = if first { Rules::First } else { Rules::Row };
            draw_row(self.page(), BODY, &SUMMARY_WIDTHS, &aligns, &row, y, rules);
            self.y += row.height;
            first = false;
        }
    }

    fn list_header(&mut self, header: &RowLayout) {
        let y = self.y;
        draw_row(
            self.page(),
            COLUMN_HEAD,
            &LIST_WIDTHS,
            &[Align::Center; 6],
            header,
            y,
            Rules::BottomOnly,
        );
        self.page().rule(LEFT, RIGHT, y);
        self.list_top = Some(y);
        self.y += header.height;
    }

    fn list(&mut self, a: &Annex1) {
        let columns = wording::LIST_COLUMNS.map(String::from);
        let header = layout_row(self.faces, COLUMN_HEAD, &LIST_WIDTHS, &columns);
        self.list_header(&header);
        for r in &a.rows {
            let row = layout_row(self.faces, BODY, &LIST_WIDTHS, &r.cells());
            let room = BOTTOM - TOP - header.height;
            if self.y + row.height > BOTTOM {
                self.new_page();
                self.list_header(&header);
            }
            if row.height > room {
                self.tall_row(row, &header);
                continue;
            }
            let y = self.y;
            draw_row(
                self.page(),
                BODY,
                &LIST_WIDTHS,
                &LIST_ALIGNS,
                &row,
                y,
                Rules::BottomOnly,
            );
            self.y += row.height;
        }
    }

    /// A row taller than a whole page (a remark of hundreds of characters): the
    /// only case where a row continues on the next page, line by line.
    fn tall_row(&mut self, row: RowLayout, header: &RowLayout) {
        let lh = BODY.line_h();
        let mut cells = row.cells;
        loop {
            let fit = (((BOTTOM - self.y - 2.0 * PAD_Y) / lh).floor() as usize).max(1);
            let rest: Vec<Vec<String>> = cells
                .iter_mut()
                .map(|c| c.split_off(fit.min(c.len())))
                .collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let part = RowLayout {
                height: lines as f32 * lh + 2.0 * PAD_Y,
                cells,
            };
            let y = self.y;
            draw_row(
                self.page(),
                BODY,
                &LIST_WIDTHS,
                &LIST_ALIGNS,
                &part,
                y,
                Rules::BottomOnly,
            );
            self.y += part.height;
            if rest.iter().all(Vec::is_empty) {
                return;
            }
            cells = rest;
            self.new_page();
            self.list_header(header);
        }
    }

    /// 填表人姓名, 联系电话, 填报日期 and the 填报说明.
    fn footer(&mut self, a: &Annex1) {
        let notes = wording::NOTES_TEXT;
        let note_lines = self.faces.wrap(BODY, notes, RIGHT - LEFT);
        let need = 5.0 + BODY.line_h() * (2.0 + note_lines.len() as f32);
        if self.y + need > BOTTOM {
            self.new_page();
        }
        let y = self.y + 5.0;
        let fields = [
            (LEFT, format!("{}{}", wording::FILLER, a.filler)),
            (LEFT + 58.0, format!("{}{}", wording::PHONE, a.phone)),
            (
                LEFT + 116.0,
                format!("{}{}", wording::FILL_DATE, a.fill_date_text()),
            ),
        ];
        let c = self.page();
        for (x, text) in &fields {
            c.text(BODY, *x, y, Align::Left, text);
        }
        let notes_top = y + BODY.line_h() * 2.0;
        c.lines(BODY, LEFT, notes_top, Align::Left, &note_lines);
        self.y = notes_top + BODY.line_h() * note_lines.len() as f32;
    }
}

/// The PDF file's bytes.
pub fn render(a: &Annex1) -> Result<Vec<u8>> {
    let cells = a.rows.iter().flat_map(|r| r.cells());
    let fields = [&a.agency_name, &a.filler, &a.phone].map(String::clone);
    let values = a.summary.iter().map(|s| s.value.clone());
    let texts: Vec<String> = cells.chain(fields).chain(values).collect();
    let song = song_for(texts.iter().map(String::as_str))?;
    let hei = font(Face::Hei)?;
    let mut doc = PdfDocument::new(wording::TITLE);
    let faces = Faces {
        song,
        hei,
        song_id: doc.add_font(&song.parsed),
        hei_id: doc.add_font(&hei.parsed),
        glyphs: Default::default(),
    };
    let mut p = Pages {
        faces: &faces,
        draft: a.draft_line(),
        pages: Vec::new(),
        y: TOP,
        list_top: None,
    };
    p.new_page();
    p.header(a);
    p.heading(wording::PART1);
    p.summary(a);
    p.y += 5.0;
    p.heading(wording::PART2);
    p.list(a);
    p.footer(a);

    let total = p.pages.len();
    let pages: Vec<PdfPage> = p
        .pages
        .into_iter()
        .enumerate()
        .map(|(i, mut c)| {
            let line = wording::page_line(i + 1, total);
            c.text(SMALL, PAGE_W / 2.0, PAGE_H - 13.0, Align::Center, &line);
            PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), c.finish())
        })
        .collect();
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut lo = doc
        .with_pages(pages)
        .to_lopdf_document(&opts, &mut warnings);
    super::pdf_runs::merge_glyph_runs(&mut lo)
        .map_err(|e| Error::Other(format!("生成附件1 PDF 失败：{e}")))?;
    lo.compress();
    let save = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(9)
        .build();
    let mut bytes = Vec::new();
    lo.save_with_options(&mut bytes, save)
        .map_err(|e| Error::Other(format!("生成附件1 PDF 失败：{e}")))?;
    if bytes.is_empty() {
        return Err(Error::Other("生成附件1 PDF 失败：输出为空".to_string()));
    }
    Ok(bytes)
}
