//! Ruled tables on A4 pages: rows laid out from their cells' wrapped lines,
//! drawn with their rules, and a [`Pages`] writer that starts a new page when
//! a row does not fit, repeating a list's header, never splitting a row
//! (except one taller than a page), with the draft mark on every page.

use super::canvas::{Align, Canvas, Faces, PAGE_H, PAGE_W, Style};
use super::fonts::Face;

pub const LEFT: f32 = 20.0;
pub const RIGHT: f32 = PAGE_W - 20.0;
pub const TOP: f32 = 20.0;
/// Nothing but the page number goes below this line.
pub const BOTTOM: f32 = PAGE_H - 18.0;
pub const PAD_X: f32 = 1.2;
pub const PAD_Y: f32 = 1.0;
pub const MIN_ROW: f32 = 6.8;

/// The heading style of part titles and of the draft line.
pub const HEADING: Style = Style {
    face: Face::Hei,
    size: 12.0,
};

/// The body text of the forms' tables.
pub const BODY: Style = Style {
    face: Face::Song,
    size: 10.5,
};
/// The lines beside the seal (单位名称（盖章）…).
pub const HEAD_TEXT: Style = Style {
    face: Face::Song,
    size: 12.0,
};
/// Column headings in the Song face: their characters are mostly in the
/// tables already, so the Hei subset stays small.
pub const COLUMN_HEAD: Style = Style {
    face: Face::Song,
    size: 10.5,
};
/// The annex mark, top left (附件1, 附件2).
pub const ANNEX_MARK: Style = Style {
    face: Face::Hei,
    size: 14.0,
};
/// The form's title.
pub const TITLE: Style = Style {
    face: Face::Hei,
    size: 18.0,
};

/// A table row laid out: its cells' lines and its height.
pub struct RowLayout {
    pub cells: Vec<Vec<String>>,
    pub height: f32,
}

pub fn layout_row(faces: &Faces, style: Style, widths: &[f32], cells: &[String]) -> RowLayout {
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
pub enum Rules {
    /// The first row of a table: its top edge too.
    First,
    /// Bottom edge and the column lines.
    Row,
    /// Bottom edge only: the list draws its column lines once per page.
    BottomOnly,
}

/// Draws a row whose top edge is at `top`, from `LEFT`.
pub fn draw_row(
    c: &mut Canvas,
    style: Style,
    widths: &[f32],
    aligns: &[Align],
    row: &RowLayout,
    top: f32,
    rules: Rules,
) {
    draw_row_at(c, style, LEFT, widths, aligns, row, top, rules);
}

/// Draws a row whose top edge is at `top`, starting at `left` (a table whose
/// first column is drawn apart, such as a row-group label).
#[allow(clippy::too_many_arguments)]
pub fn draw_row_at(
    c: &mut Canvas,
    style: Style,
    left: f32,
    widths: &[f32],
    aligns: &[Align],
    row: &RowLayout,
    top: f32,
    rules: Rules,
) {
    let bottom = top + row.height;
    let right = left + widths.iter().sum::<f32>();
    // Full-width rules are batched by the canvas; others drawn as lines.
    let full = left == LEFT && (right - RIGHT).abs() < 0.01;
    let mut edge = |y: f32| {
        if full {
            c.rule(LEFT, RIGHT, y);
        } else {
            c.line(left, y, right, y);
        }
    };
    if rules == Rules::First {
        edge(top);
    }
    edge(bottom);
    let verticals = rules != Rules::BottomOnly;
    let mut x = left;
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

/// A form's pages as they are written, top to bottom.
pub struct Pages<'a> {
    pub faces: &'a Faces,
    /// The draft line printed on every page of a draft (with the diagonal mark).
    pub draft: Option<String>,
    pub draft_mark: &'static str,
    pub pages: Vec<Canvas<'a>>,
    /// Where the next thing goes (mm from the top).
    pub y: f32,
    /// Where the list's ruled part began on the current page, and its widths.
    list: Option<(f32, Vec<f32>)>,
}

impl<'a> Pages<'a> {
    /// The first page.
    pub fn new(faces: &'a Faces, draft: Option<String>, draft_mark: &'static str) -> Self {
        let mut p = Pages {
            faces,
            draft,
            draft_mark,
            pages: Vec::new(),
            y: TOP,
            list: None,
        };
        p.new_page();
        p
    }

    pub fn new_page(&mut self) {
        self.close_list();
        let mut c = Canvas::new(self.faces);
        if let Some(line) = &self.draft {
            c.diagonal_mark(self.draft_mark);
            c.text(HEADING, PAGE_W / 2.0, 10.0, Align::Center, line);
        }
        self.pages.push(c);
        self.y = TOP;
    }

    /// Draws the list's column lines from its header down to the last row.
    pub fn close_list(&mut self) {
        let Some((top, widths)) = self.list.take() else {
            return;
        };
        let bottom = self.y;
        let c = self.page();
        let mut x = LEFT;
        c.line(x, top, x, bottom);
        for w in widths {
            x += w;
            c.line(x, top, x, bottom);
        }
    }

    pub fn page(&mut self) -> &mut Canvas<'a> {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// A part title in the heading style.
    pub fn heading(&mut self, text: &str) {
        let y = self.y;
        self.page().text(HEADING, LEFT, y, Align::Left, text);
        self.y += HEADING.line_h() + 2.0;
    }

    /// Starts a new page unless `need` mm still fit on this one.
    pub fn ensure(&mut self, need: f32) {
        if self.y + need > BOTTOM {
            self.new_page();
        }
    }

    fn list_header(&mut self, style: Style, widths: &[f32], header: &RowLayout) {
        let y = self.y;
        let aligns = vec![Align::Center; widths.len()];
        let c = self.page();
        draw_row(c, style, widths, &aligns, header, y, Rules::BottomOnly);
        c.rule(LEFT, RIGHT, y);
        self.list = Some((y, widths.to_vec()));
        self.y += header.height;
    }

    /// A list: its header row (set in `head`), then each row (set in `body`),
    /// the header repeated on every page it continues on.
    pub fn list(
        &mut self,
        (head, body): (Style, Style),
        widths: &[f32],
        aligns: &[Align],
        columns: &[String],
        rows: impl IntoIterator<Item = Vec<String>>,
    ) {
        let header = layout_row(self.faces, head, widths, columns);
        self.list_header(head, widths, &header);
        for cells in rows {
            let row = layout_row(self.faces, body, widths, &cells);
            let room = BOTTOM - TOP - header.height;
            if self.y + row.height > BOTTOM {
                self.new_page();
                self.list_header(head, widths, &header);
            }
            if row.height > room {
                self.tall_row(body, (widths, aligns), row, (head, &header));
                continue;
            }
            let y = self.y;
            draw_row(
                self.page(),
                body,
                widths,
                aligns,
                &row,
                y,
                Rules::BottomOnly,
            );
            self.y += row.height;
        }
        self.close_list();
    }

    /// A row taller than a whole page (a remark of hundreds of characters): the
    /// only case where a row continues on the next page, line by line.
    fn tall_row(
        &mut self,
        style: Style,
        (widths, aligns): (&[f32], &[Align]),
        row: RowLayout,
        (head, header): (Style, &RowLayout),
    ) {
        let lh = style.line_h();
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
                style,
                widths,
                aligns,
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
            self.list_header(head, widths, header);
        }
    }

    /// 填表人姓名, 联系电话, 填报日期 side by side, then the 填报说明 below.
    pub fn footer(&mut self, fields: [String; 3], notes: &str) {
        let note_lines = self.faces.wrap(BODY, notes, RIGHT - LEFT);
        self.ensure(5.0 + BODY.line_h() * (2.0 + note_lines.len() as f32));
        let y = self.y + 5.0;
        let c = self.page();
        for (x, text) in [LEFT, LEFT + 58.0, LEFT + 116.0].into_iter().zip(&fields) {
            c.text(BODY, x, y, Align::Left, text);
        }
        let notes_top = y + BODY.line_h() * 2.0;
        c.lines(BODY, LEFT, notes_top, Align::Left, &note_lines);
        self.y = notes_top + BODY.line_h() * note_lines.len() as f32;
    }
}
