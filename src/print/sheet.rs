//! The XLSX side of printing: the page setup both forms share (A4 portrait,
//! one page wide, centred, page numbers in the footer, the draft line in the
//! header) and row heights from wrapped text (Excel does not grow rows that
//! have merged cells or explicit heights).

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// Points per wrapped line of 10.5 pt text.
pub const LINE_PT: f64 = 14.0;

/// A4 portrait, fit to one page wide, the footer `footer` (with `&P`, `&N`),
/// the draft line in the header of a draft.
pub fn page_setup(
    ws: &mut Worksheet,
    footer: &str,
    draft_line: Option<&str>,
) -> Result<(), XlsxError> {
    ws.set_paper_size(9)
        .set_portrait()
        .set_print_fit_to_pages(1, 0);
    ws.set_margins(0.6, 0.6, 0.8, 0.8, 0.3, 0.3);
    ws.set_print_center_horizontally(true);
    ws.set_footer(format!("&C{footer}"));
    if let Some(line) = draft_line {
        ws.set_header(format!("&C{line}"));
    }
    Ok(())
}

/// Wrapped lines of `text` in a cell `width` Excel units wide.
pub fn lines_in(text: &str, width: f64) -> usize {
    // One unit is about one half-width character of 11 pt; a 10.5 pt ideograph
    // takes close to two.
    let capacity = ((width - 1.0) / 2.0).max(1.0);
    text.split('\n')
        .map(|p| {
            let w: f64 = p
                .chars()
                .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
                .sum();
            (w / capacity).ceil().max(1.0) as usize
        })
        .sum()
}

/// The height (pt) of a row whose cells are `(text, width)`.
pub fn row_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(t, w)| lines_in(t, *w))
        .max()
        .unwrap_or(1);
    (lines as f64 * LINE_PT + 6.0).max(20.0)
}

/// The cell formats of a printed form: Song 10.5 pt for the body, Hei for
/// the annex mark, the title and headings.
pub struct Formats {
    pub annex: Format,
    pub title: Format,
    pub plain: Format,
    pub heading: Format,
    pub cell: Format,
    pub cell_left: Format,
    pub column_head: Format,
    pub notes: Format,
}

pub fn formats() -> Formats {
    let song = Format::new()
        .set_font_name("宋体")
        .set_font_size(10.5)
        .set_align(FormatAlign::VerticalCenter);
    let hei = song.clone().set_font_name("黑体");
    let cell = song
        .clone()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    Formats {
        annex: hei.clone().set_font_size(14),
        title: hei
            .clone()
            .set_font_size(18)
            .set_bold()
            .set_align(FormatAlign::Center),
        plain: song.clone().set_font_size(12).set_text_wrap(),
        heading: hei.clone().set_font_size(12),
        cell_left: song
            .clone()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Left),
        column_head: song
            .clone()
            .set_bold()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Center),
        notes: song.clone().set_text_wrap().set_align(FormatAlign::Top),
        cell,
    }
}
