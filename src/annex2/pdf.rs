//! Annex 2 as a print-ready A4 PDF, on the shared printing module: 附件2, the
//! title, 单位名称（盖章） with room for the seal, table (一) with its two row
//! groups and the right-hand pairs, list (二) paginated with its header
//! repeated, the footer and the 填报说明; on a draft the mark and the line.

use super::Annex2;
use super::wording::{self, Group, ROWS};
use crate::Result;
use crate::print::canvas::{Align, PAGE_W, Style};
use crate::print::document;
use crate::print::fonts::Face;
use crate::print::table::{
    ANNEX_MARK, BODY, COLUMN_HEAD, HEAD_TEXT, LEFT, PAD_X, Pages, Rules, TITLE, TOP, draw_row_at,
    layout_row,
};

/// Table (一): the group label column, then label | figure | label | figure
/// (24 + 146 = the text width of 170 mm).
const GROUP_W: f32 = 24.0;
const PAIR_WIDTHS: [f32; 4] = [64.0, 16.0, 50.0, 16.0];
/// A row without a right-hand pair: its figure spans the rest.
const SINGLE_WIDTHS: [f32; 2] = [64.0, 82.0];
/// List (二)'s columns, summing to 170 mm.
const LIST_WIDTHS: [f32; 4] = [12.0, 48.0, 60.0, 50.0];
const LIST_ALIGNS: [Align; 4] = [Align::Center, Align::Left, Align::Left, Align::Left];
/// The title is longer than Annex 1's: a little smaller so it keeps to one line.
const A2_TITLE: Style = Style {
    face: Face::Hei,
    size: 16.0,
};
/// Room left beside 单位名称 for the round seal.
const SEAL_ROOM: f32 = 26.0;

fn figure(v: Option<i64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

fn header(p: &mut Pages, a: &Annex2) {
    let faces = p.faces;
    let c = p.page();
    c.text(ANNEX_MARK, LEFT, TOP, Align::Left, wording::ANNEX);
    let title_top = TOP + ANNEX_MARK.line_h() + 4.0;
    c.bold_text(
        A2_TITLE,
        PAGE_W / 2.0,
        title_top,
        Align::Center,
        wording::TITLE,
    );
    let top = title_top + TITLE.line_h() + 6.0;
    let agency = format!("{}{}", wording::AGENCY, a.regulator);
    let lines = faces.wrap(HEAD_TEXT, &agency, 120.0);
    c.lines(HEAD_TEXT, LEFT, top, Align::Left, &lines);
    p.y = top + SEAL_ROOM;
}

/// Table (一), each group's label drawn once beside its rows.
fn table(p: &mut Pages, a: &Annex2) {
    let x = LEFT + GROUP_W;
    let mut first = true;
    for group in [Group::SelfInspection, Group::Supervision] {
        let top = p.y;
        for (i, r) in ROWS.iter().enumerate().filter(|(_, r)| r.group == group) {
            let [left, right] = a.figures.values[i];
            let (widths, cells, aligns): (&[f32], Vec<String>, &[Align]) = match r.right {
                Some(label) => (
                    &PAIR_WIDTHS,
                    vec![r.left.into(), figure(left), label.into(), figure(right)],
                    &[Align::Left, Align::Center, Align::Left, Align::Center],
                ),
                None => (
                    &SINGLE_WIDTHS,
                    vec![r.left.into(), figure(left)],
                    &[Align::Left, Align::Center],
                ),
            };
            let row = layout_row(p.faces, BODY, widths, &cells);
            let y = p.y;
            let rules = if first { Rules::First } else { Rules::Row };
            draw_row_at(p.page(), BODY, x, widths, aligns, &row, y, rules);
            p.y += row.height;
            first = false;
        }
        let label = group.label();
        let bottom = p.y;
        let lines = p.faces.wrap(BODY, label, GROUP_W - 2.0 * PAD_X);
        let block = lines.len() as f32 * BODY.line_h();
        let c = p.page();
        c.line(LEFT, top, x, top);
        c.line(LEFT, bottom, x, bottom);
        c.line(LEFT, top, LEFT, bottom);
        let mid = top + (bottom - top - block) / 2.0;
        c.lines(BODY, LEFT + GROUP_W / 2.0, mid, Align::Center, &lines);
    }
}

/// The PDF file's bytes.
pub fn render(a: &Annex2) -> Result<Vec<u8>> {
    let texts: Vec<&str> = a
        .list
        .iter()
        .flat_map(|e| [e.name.as_str(), &e.problems, &e.rectification])
        .chain([a.regulator.as_str(), &a.filler, &a.phone])
        .collect();
    let (doc, faces) = document::start(wording::TITLE, texts)?;
    let mut p = Pages::new(&faces, a.draft_line(), wording::DRAFT_MARK);
    header(&mut p, a);
    p.heading(wording::PART1);
    table(&mut p, a);
    p.y += 5.0;
    p.ensure(30.0);
    p.heading(wording::PART2);
    let columns = wording::LIST_COLUMNS.map(String::from);
    let mut rows: Vec<Vec<String>> = a
        .list
        .iter()
        .enumerate()
        .map(|(i, e)| {
            vec![
                (i + 1).to_string(),
                e.name.clone(),
                e.problems.clone(),
                e.rectification.clone(),
            ]
        })
        .collect();
    if rows.is_empty() {
        rows.push(vec![String::new(); 4]);
    }
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
    document::finish(
        doc,
        &faces,
        p.pages,
        crate::annex1::wording::page_line,
        "附件2",
    )
}
