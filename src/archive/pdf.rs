//! The 核查档案 page: one A4 page (more only for very long reasons) on the
//! shared printing module, set in the Song face throughout (the Hei cut holds
//! only the forms' fixed wording).

use super::{PersonSheet, wording};
use crate::Result;
use crate::print::canvas::{Align, PAGE_W, Style};
use crate::print::document;
use crate::print::fonts::Face;
use crate::print::table::{LEFT, Pages, RIGHT, TOP};

const TITLE: Style = Style {
    face: Face::Song,
    size: 16.0,
};
const HEADING: Style = Style {
    face: Face::Song,
    size: 12.0,
};
const BODY: Style = Style {
    face: Face::Song,
    size: 10.0,
};

const VERDICT_WIDTHS: [f32; 3] = [58.0, 26.0, 86.0];
const FLAG_WIDTHS: [f32; 3] = [48.0, 100.0, 22.0];
const ATTACHMENT_WIDTHS: [f32; 6] = [10.0, 26.0, 56.0, 16.0, 40.0, 22.0];

fn heading(p: &mut Pages, text: &str) {
    p.ensure(HEADING.line_h() + 12.0);
    p.y += 3.0;
    let y = p.y;
    p.page().bold_text(HEADING, LEFT, y, Align::Left, text);
    p.y += HEADING.line_h() + 1.5;
}

fn paragraph(p: &mut Pages, text: &str) {
    let lines = p.faces.wrap(BODY, text, RIGHT - LEFT);
    for line in lines {
        p.ensure(BODY.line_h());
        let y = p.y;
        p.page().text(BODY, LEFT, y, Align::Left, &line);
        p.y += BODY.line_h();
    }
}

/// A ruled table, every column left-aligned except a first 序号 column (`numbered`).
fn table<const N: usize>(
    p: &mut Pages,
    widths: &[f32; N],
    columns: [&str; N],
    rows: &[[String; N]],
    numbered: bool,
) {
    let mut aligns = [Align::Left; N];
    if numbered {
        aligns[0] = Align::Center;
    }
    let columns = columns.map(String::from);
    p.list(
        (BODY, BODY),
        widths,
        &aligns,
        &columns,
        rows.iter().map(|r| r.to_vec()),
    );
}

/// The PDF file's bytes.
pub fn render(s: &PersonSheet) -> Result<Vec<u8>> {
    let fixed = [
        wording::TITLE,
        wording::AGENCY,
        wording::REFERENCE_DATE,
        wording::EXPORTED,
        wording::SEQ,
        wording::NAME,
        wording::ID_NUMBER,
        wording::VERDICTS,
        wording::MANUAL,
        wording::FLAGS,
        wording::FLAG_BLOCKING,
        wording::FLAG_CONFIRMED,
        wording::FLAG_NOTICE,
        wording::NONE,
        wording::ATTACHMENTS,
        wording::UNSUPPORTED,
        wording::REMARK,
        "第页共0123456789—",
    ];
    let columns = wording::VERDICT_COLUMNS
        .iter()
        .chain(&wording::FLAG_COLUMNS)
        .chain(&wording::ATTACHMENT_COLUMNS)
        .copied();
    let texts: Vec<&str> = s.texts().into_iter().chain(fixed).chain(columns).collect();
    let (doc, faces) = document::start(wording::TITLE, texts)?;
    let mut p = Pages::new(&faces, None, "");
    p.page()
        .bold_text(TITLE, PAGE_W / 2.0, TOP, Align::Center, wording::TITLE);
    p.y = TOP + TITLE.line_h() + 4.0;
    paragraph(&mut p, &format!("{}{}", wording::AGENCY, s.agency));
    paragraph(
        &mut p,
        &format!(
            "{}{}　　{}{}",
            wording::REFERENCE_DATE,
            s.reference_date,
            wording::EXPORTED,
            s.exported
        ),
    );
    paragraph(
        &mut p,
        &format!(
            "{}{}　　{}{}　　{}{}",
            wording::SEQ,
            s.seq,
            wording::NAME,
            s.name,
            wording::ID_NUMBER,
            s.id_number
        ),
    );
    heading(&mut p, wording::VERDICTS);
    table(
        &mut p,
        &VERDICT_WIDTHS,
        wording::VERDICT_COLUMNS,
        &s.verdicts,
        false,
    );
    heading(&mut p, wording::FLAGS);
    if s.flags.is_empty() {
        paragraph(&mut p, wording::NONE);
    } else {
        table(&mut p, &FLAG_WIDTHS, wording::FLAG_COLUMNS, &s.flags, false);
    }
    heading(&mut p, wording::ATTACHMENTS);
    if s.attachments.is_empty() {
        paragraph(&mut p, wording::NONE);
    } else {
        table(
            &mut p,
            &ATTACHMENT_WIDTHS,
            wording::ATTACHMENT_COLUMNS,
            &s.attachments,
            true,
        );
    }
    for line in &s.unsupported {
        p.y += 1.0;
        paragraph(&mut p, &format!("{}{line}", wording::UNSUPPORTED));
    }
    heading(&mut p, wording::REMARK);
    let remark = if s.remark.is_empty() {
        wording::NONE
    } else {
        &s.remark
    };
    paragraph(&mut p, remark);
    document::finish(doc, &faces, p.pages, wording::page_line, "核查档案")
}
