//! HTML tables, which government systems often save under a .xls name (and
//! Excel's "网页" format): each `<table>` is one sheet, 表1, 表2 … in the order
//! they open; a table inside a cell is a sheet of its own, not the cell's text.

use encoding_rs::Encoding;

use super::cell::from_table_text;
use super::limits::{MAX_CELLS, MAX_COLUMNS};
use super::markup::{Token, Tokens, attr, decode_entities};
use super::sheet::{Sheet, SheetBuilder, too_many_cells};

/// Whether the text starts as an HTML page or table.
pub(super) fn is_html(text: &str) -> bool {
    let head: String = text.chars().take(4096).collect::<String>().to_lowercase();
    head.contains("<html") || head.contains("<table") || head.contains("<!doctype html")
}

/// The charset the page declares in its first bytes (`<meta charset="gbk">`,
/// `content="text/html; charset=gb2312"`).
pub(super) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &lower[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or(rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..len])
}

/// One open table.
struct Frame {
    index: usize,
    sheet: SheetBuilder,
    /// The text of the open cell and its colspan.
    cell: Option<(String, usize)>,
    in_row: bool,
}

impl Frame {
    fn end_cell(&mut self) -> Result<(), String> {
        if let Some((text, span)) = self.cell.take() {
            let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            self.sheet.push(from_table_text(&collapsed))?;
            self.sheet.skip(span.saturating_sub(1))?;
        }
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), String> {
        self.end_cell()?;
        if self.in_row {
            self.sheet.end_row()?;
            self.in_row = false;
        }
        Ok(())
    }

    fn start_row(&mut self) -> Result<(), String> {
        self.end_row()?;
        self.in_row = true;
        Ok(())
    }
}

/// Reads every table of the page `text`; tables without rows are left out.
pub(super) fn read(text: &str) -> Result<Vec<Sheet>, String> {
    let mut open: Vec<Frame> = Vec::new();
    let mut done: Vec<(usize, Sheet)> = Vec::new();
    let mut tables = 0;
    let mut cells: u64 = 0;
    for token in Tokens::new(text) {
        match token {
            Token::Open { name, .. } if name == "table" => {
                tables += 1;
                open.push(Frame {
                    index: tables,
                    sheet: SheetBuilder::new(format!("表{tables}")),
                    cell: None,
                    in_row: false,
                });
            }
            Token::Close { name } if name == "table" => {
                let Some(mut frame) = open.pop() else {
                    continue;
                };
                frame.end_row()?;
                let (name, rows) = frame.sheet.finish()?;
                cells += rows.iter().map(|r| r.cells.len() as u64).sum::<u64>();
                if cells > MAX_CELLS {
                    return Err(too_many_cells(
                        &name,
                        rows.len() as u64,
                        u64::from(MAX_COLUMNS),
                    ));
                }
                if !rows.is_empty() {
                    done.push((frame.index, (name, rows)));
                }
            }
            Token::Open { name, attrs, .. } => {
                let Some(frame) = open.last_mut() else {
                    continue;
                };
                match name.as_str() {
                    "tr" => frame.start_row()?,
                    "td" | "th" => {
                        frame.end_cell()?;
                        if !frame.in_row {
                            frame.start_row()?;
                        }
                        let span = attr(attrs, "colspan")
                            .and_then(|s| s.trim().parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, MAX_COLUMNS as usize);
                        frame.cell = Some((String::new(), span));
                    }
                    "br" | "p" | "div" => {
                        if let Some((text, _)) = &mut frame.cell {
                            text.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            Token::Close { name } => {
                let Some(frame) = open.last_mut() else {
                    continue;
                };
                match name.as_str() {
                    "tr" => frame.end_row()?,
                    "td" | "th" => frame.end_cell()?,
                    "p" | "div" => {
                        if let Some((text, _)) = &mut frame.cell {
                            text.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            Token::Text(raw) => {
                // The file is bounded (64 MB); the cell's length is checked when it ends.
                if let Some(Frame {
                    cell: Some((text, _)),
                    ..
                }) = open.last_mut()
                {
                    text.push_str(&decode_entities(raw));
                }
            }
        }
    }
    // Tables left open at the end of the page still count.
    while let Some(mut frame) = open.pop() {
        frame.end_row()?;
        let (name, rows) = frame.sheet.finish()?;
        if !rows.is_empty() {
            done.push((frame.index, (name, rows)));
        }
    }
    done.sort_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, sheet)| sheet).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tabular::RawRow;

    fn texts(rows: &[RawRow]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn tables_with_colspan_and_entities() {
        let page = r#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
            <style>td { color: red }</style></head><body>
            <TABLE border=1>
              <tr><th colspan="3">单位参保缴费明细</th></tr>
              <tr><th>姓名</th><th>证件<br>号码</th><th>所属期</th></tr>
              <tr><td><b>张&nbsp;三</b></td><td>370502198001011013</td><td>2023&#24180;07&#x6708;</td></tr>
              <tr><td colspan=2>合&amp;计 &lt;1&gt;</td><td>3.70502E+17
            </table>
            <table><tr><td></td></tr></table>
            <table><tr><td>第二张表</td></tr></table></body></html>"#;
        assert!(is_html(page));
        assert_eq!(declared_charset(page.as_bytes()), Some(encoding_rs::GBK));
        let sheets = read(page).unwrap();
        assert_eq!(sheets.len(), 2);
        let (name, rows) = &sheets[0];
        assert_eq!(name, "表1");
        assert_eq!(
            texts(rows),
            vec![
                vec!["单位参保缴费明细"],
                vec!["姓名", "证件 号码", "所属期"],
                vec!["张 三", "370502198001011013", "2023年07月"],
                vec!["合&计 <1>", "", "3.70502E+17"],
            ]
        );
        assert!(rows[3].cells[2].problem.is_some());
        assert_eq!(sheets[1].0, "表3");
    }

    #[test]
    fn a_table_inside_a_cell_is_its_own_sheet() {
        let page =
            "<table><tr><td>外<table><tr><td>内</td></tr></table></td><td>b</td></tr></table>";
        let sheets = read(page).unwrap();
        assert_eq!(sheets.len(), 2);
        assert_eq!(sheets[0].0, "表1");
        assert_eq!(texts(&sheets[0].1), vec![vec!["外", "b"]]);
        assert_eq!(texts(&sheets[1].1), vec![vec!["内"]]);
    }

    #[test]
    fn limits_hold() {
        let long = format!("<table><tr><td>{}</td></tr></table>", "字".repeat(40_000));
        assert!(read(&long).unwrap_err().contains("32767"));
        let wide = "<table><tr><td colspan=99999999>x</td><td>y</td></tr></table>";
        assert!(read(wide).unwrap_err().contains("16384"));
        assert!(!is_html("姓名,身份证号\n"));
        assert_eq!(
            declared_charset(b"<meta charset='utf-8'>"),
            Some(encoding_rs::UTF_8)
        );
    }
}
