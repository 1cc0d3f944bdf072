//! The look shared by every workbook zicha writes (template, export, rejected
//! rows): header row, frozen panes, widths, text/date formats and drop-downs.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DataValidation, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::columns::{Col, Shape, SheetKind};
use crate::error::{Error, Result};

/// Rows below the header that get drop-downs in a blank template.
pub const TEMPLATE_ROWS: u32 = 2000;
pub const DATE_FORMAT: &str = "yyyy-mm-dd";

/// Formats used across a workbook.
pub struct Formats {
    pub header: Format,
    pub required: Format,
    pub text: Format,
    pub date: Format,
    pub wrap: Format,
}

impl Formats {
    pub fn new() -> Self {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7))
            .set_border(FormatBorder::Thin)
            .set_text_wrap();
        Formats {
            required: header.clone().set_font_color(Color::RGB(0xC00000)),
            header,
            text: Format::new().set_num_format("@"),
            date: Format::new().set_num_format(DATE_FORMAT),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

impl Default for Formats {
    fn default() -> Self {
        Self::new()
    }
}

/// Maps a writer error to the clerk's message.
pub fn write_error(path: &Path, e: XlsxError) -> Error {
    match e {
        XlsxError::IoError(source) => crate::safe_write::failure(path, &source),
        other => Error::Other(format!("生成工作簿 {} 失败：{other}", path.display())),
    }
}

/// Refuses an output name that is not .xlsx: writing a workbook over a file of
/// another kind (the database, an .xls) would destroy it or confuse Excel.
pub fn check_output(path: &Path) -> Result<()> {
    let is_xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        Ok(())
    } else {
        Err(Error::Workbook(format!(
            "输出文件 {} 的扩展名应为 .xlsx，请改用如“台账.xlsx”的文件名",
            path.display()
        )))
    }
}

/// Saves `book` to `path` through a temporary file (see safe_write), creating
/// the folder when needed.
pub fn save(book: &mut Workbook, path: &Path) -> Result<()> {
    check_output(path)?;
    let bytes = book.save_to_buffer().map_err(|e| write_error(path, e))?;
    crate::safe_write::write_atomically(path, &bytes)
}

pub fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).ok()?,
        u8::try_from(d.month()).ok()?,
        u8::try_from(d.day()).ok()?,
    )
    .ok()
}

/// Writes a header row of `columns`, sets widths and formats, freezes the
/// header and adds drop-downs on list columns down to `last_row`.
pub fn setup_sheet(
    ws: &mut Worksheet,
    kind: SheetKind,
    f: &Formats,
    last_row: u32,
) -> std::result::Result<(), XlsxError> {
    ws.set_name(kind.name())?;
    for (i, col) in kind.columns().into_iter().enumerate() {
        let c = i as u16;
        let fmt = if col.required() {
            &f.required
        } else {
            &f.header
        };
        ws.write_string_with_format(0, c, col.template_header(), fmt)?;
        ws.set_column_width(c, col.width())?;
        match col.shape() {
            Shape::Text | Shape::Month => {
                ws.set_column_format(c, &f.text)?;
            }
            Shape::Date => {
                ws.set_column_format(c, &f.date)?;
            }
            _ => {}
        }
        if let Shape::List(labels) = col.shape() {
            let v = DataValidation::new()
                .allow_list_strings(&labels())?
                .set_error_title("请从下拉列表中选择")?
                .set_error_message(format!("{}只能填写：{}", col.header(), labels().join("、")))?;
            ws.add_data_validation(1, c, last_row.max(1), c, &v)?;
        }
    }
    ws.set_row_height(0, 30)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Writes one value in the column's form: dates as Excel dates, whole numbers
/// as numbers, everything else as text.
pub fn write_value(
    ws: &mut Worksheet,
    row: u32,
    c: u16,
    col: Col,
    text: &str,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    if text.is_empty() {
        return Ok(());
    }
    match col.shape() {
        Shape::Date => {
            let d = NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(excel_date);
            match d {
                Some(d) => ws.write_datetime_with_format(row, c, d, &f.date)?,
                None => ws.write_string_with_format(row, c, text, &f.text)?,
            };
        }
        Shape::Integer => match text.parse::<u32>() {
            Ok(n) => {
                ws.write_number(row, c, n as f64)?;
            }
            Err(_) => {
                ws.write_string(row, c, text)?;
            }
        },
        _ => {
            ws.write_string_with_format(row, c, text, &f.text)?;
        }
    }
    Ok(())
}
