//! Annex 1 as a print-ready A4 PDF, on the shared printing module
//! (`crate::print`: canvas, fonts, line breaking, paginated tables).
//!
//! Page 1: 附件1, the title, 单位名称（盖章） beside a blank square for the round
//! seal, 单位主要负责人签字 with a blank line, part one's table, then part two's
//! list. Every page repeats the list header, never splits a row, carries
//! "第 X 页 共 Y 页", and on a draft the diagonal 草稿 and the draft line.

use super::model::Annex1;
use super::wording;
use crate::Result;
use crate::print::canvas::{Align, PAGE_W};
use crate::print::document;
use crate::print::table::{
    ANNEX_MARK, BODY, COLUMN_HEAD, HEAD_TEXT, LEFT, Pages, RIGHT, Rules, TITLE, TOP, draw_row,
    layout_row,
};

/// Side of the square left blank for the round seal (公章, 42 mm across).
const SEAL: f32 = 48.0;
/// Part two's column widths (mm), summing to the text width of 170 mm.
const LIST_WIDTHS: [f32; 6] = [12.0, 22.0, 25.0, 25.0, 25.0, 61.0];
/// Part one's column widths (mm).
const SUMMARY_WIDTHS: [f32; 2] = [122.0, 48.0];

const LIST_ALIGNS: [Align; 6] = [
    Align::Center,
    Align::Center,
    Align::Center,
    Align::Center,
    Align::Center,
    Align::Left,
];

/// 附件1, the title, the agency and signature lines beside the seal square.
fn header(p: &mut Pages, a: &Annex1) {
    let faces = p.faces;
    let c = p.page();
    c.text(ANNEX_MARK, LEFT, TOP, Align::Left, wording::ANNEX);
    let title_top = TOP + ANNEX_MARK.line_h() + 4.0;
    c.bold_text(
        TITLE,
        PAGE_W / 2.0,
        title_top,
        Align::Center,
        wording::TITLE,
    );

    // The seal square sits at the right; the two lines keep to its left.
    let block_top = title_top + TITLE.line_h() + 4.0;
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
    p.y = block_top + SEAL + 4.0;
}

fn summary(p: &mut Pages, a: &Annex1) {
    let aligns = [Align::Left, Align::Center];
    let mut first = true;
    for item in &a.summary {
        let cells = [item.label.to_string(), item.value.clone()];
        let row = layout_row(p.faces, BODY, &SUMMARY_WIDTHS, &cells);
        let y = p.y;
        let rules = if first { Rules::First } else { Rules::Row };
        draw_row(p.page(), BODY, &SUMMARY_WIDTHS, &aligns, &row, y, rules);
        p.y += row.height;
        first = false;
    }
}

/// The PDF file's bytes.
pub fn render(a: &Annex1) -> Result<Vec<u8>> {
    let cells = a.rows.iter().flat_map(|r| r.cells());
    let fields = [&a.agency_name, &a.filler, &a.phone].map(String::clone);
    let values = a.summary.iter().map(|s| s.value.clone());
    let texts: Vec<String> = cells.chain(fields).chain(values).collect();
    let (doc, faces) = document::start(wording::TITLE, texts.iter().map(String::as_str))?;
    let mut p = Pages::new(&faces, a.draft_line(), wording::DRAFT_MARK);
    header(&mut p, a);
    p.heading(wording::PART1);
    summary(&mut p, a);
    p.y += 5.0;
    p.heading(wording::PART2);
    let columns = wording::LIST_COLUMNS.map(String::from);
    let rows = a.rows.iter().map(|r| r.cells().to_vec());
    p.list(
        (COLUMN_HEAD, BODY),
        &LIST_WIDTHS,
        &LIST_ALIGNS,
        &columns,
        rows,
    );
    p.footer(
        [
            format!("{}{}", wording::FILLER, a.filler),
            format!("{}{}", wording::PHONE, a.phone),
            format!("{}{}", wording::FILL_DATE, a.fill_date_text()),
        ],
        wording::NOTES_TEXT,
    );
    document::finish(doc, &faces, p.pages, wording::page_line, "附件1")
}
