//! SpreadsheetML 2003 ("XML 电子表格"), which government systems often save
//! under a .xls name: `Worksheet ss:Name` / `Table` / `Row ss:Index` /
//! `Cell ss:Index ss:MergeAcross` / `Data ss:Type`. A cell's comment is not
//! its value.

use super::cell::{Cell, from_number, from_table_text};
use super::limits::MAX_CELLS;
use super::markup::{Token, Tokens, attr, decode_entities};
use super::sheet::{Sheet, SheetBuilder, too_many_cells};

const NAMESPACE: &str = "urn:schemas-microsoft-com:office:spreadsheet";

/// Whether the text is a SpreadsheetML workbook.
pub(super) fn is_spreadsheetml(text: &str) -> bool {
    let head: String = text.chars().take(8192).collect();
    head.trim_start().starts_with("<?xml") && head.contains(NAMESPACE)
}

/// The cell a `Data` element of type `kind` holding `text` gives.
fn data_cell(kind: &str, text: &str) -> Cell {
    let t = text.trim();
    match kind.to_ascii_lowercase().as_str() {
        "number" => match t.parse::<f64>() {
            Ok(f) => from_number(f),
            Err(_) => from_table_text(t),
        },
        "datetime" => {
            let head: String = t.chars().take(10).collect();
            match chrono::NaiveDate::parse_from_str(&head, "%Y-%m-%d") {
                Ok(d) => Cell::text(&d.to_string()),
                Err(_) => from_table_text(t),
            }
        }
        "boolean" => Cell::text(match t {
            "1" => "是",
            "0" => "否",
            other => other,
        }),
        "error" => Cell {
            text: t.to_string(),
            problem: Some(format!("单元格是错误值 {t}，请改为实际内容")),
        },
        _ => from_table_text(text),
    }
}

/// The 1-based index an `ss:Index` attribute gives, if any.
fn index(attrs: &str) -> Option<usize> {
    attr(attrs, "index").and_then(|s| s.trim().parse::<usize>().ok())
}

/// Reads every worksheet of the workbook `text`.
pub(super) fn read(text: &str) -> Result<Vec<Sheet>, String> {
    let mut sheets: Vec<Sheet> = Vec::new();
    let mut sheet: Option<SheetBuilder> = None;
    // The open cell: its merge, its Data's type and text.
    let mut cell: Option<(usize, String, String)> = None;
    let mut in_data = false;
    let mut in_comment = false;
    let mut cells: u64 = 0;
    for token in Tokens::new(text) {
        match token {
            Token::Open { name, attrs, .. } if name == "worksheet" => {
                let n = sheets.len() + 1;
                let title = attr(attrs, "name").unwrap_or_else(|| format!("Sheet{n}"));
                sheet = Some(SheetBuilder::new(title));
            }
            Token::Close { name } if name == "worksheet" => {
                if let Some(b) = sheet.take() {
                    let (name, rows) = b.finish()?;
                    cells += rows.iter().map(|r| r.cells.len() as u64).sum::<u64>();
                    if cells > MAX_CELLS {
                        return Err(too_many_cells(&name, rows.len() as u64, 0));
                    }
                    sheets.push((name, rows));
                }
            }
            Token::Open {
                name,
                attrs,
                self_closing,
            } => {
                let Some(b) = sheet.as_mut() else { continue };
                match name.as_str() {
                    "row" => {
                        if let Some(i) = index(attrs) {
                            b.set_row_number(u32::try_from(i).unwrap_or(u32::MAX));
                        }
                        if self_closing {
                            b.end_row()?;
                        }
                    }
                    "cell" => {
                        if let Some(i) = index(attrs) {
                            let at = i.saturating_sub(1);
                            if at > b.column() {
                                b.skip(at - b.column())?;
                            }
                        }
                        let merge = attr(attrs, "mergeacross")
                            .and_then(|s| s.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        if self_closing {
                            b.push(Cell::default())?;
                            b.skip(merge)?;
                        } else {
                            cell = Some((merge, String::new(), String::new()));
                        }
                    }
                    "data" if !in_comment && !self_closing => {
                        if let Some((_, kind, _)) = &mut cell {
                            *kind = attr(attrs, "type").unwrap_or_default();
                            in_data = true;
                        }
                    }
                    "comment" if !self_closing => in_comment = true,
                    _ => {}
                }
            }
            Token::Close { name } => {
                let Some(b) = sheet.as_mut() else { continue };
                match name.as_str() {
                    "row" => b.end_row()?,
                    "cell" => {
                        if let Some((merge, kind, text)) = cell.take() {
                            b.push(data_cell(&kind, &text))?;
                            b.skip(merge)?;
                        }
                    }
                    "data" if !in_comment => in_data = false,
                    "comment" => in_comment = false,
                    _ => {}
                }
            }
            Token::Text(raw) => {
                if in_data
                    && !in_comment
                    && let Some((_, _, text)) = &mut cell
                {
                    text.push_str(&decode_entities(raw));
                }
            }
        }
    }
    if let Some(b) = sheet.take() {
        sheets.push(b.finish()?);
    }
    Ok(sheets)
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

    const BOOK: &str = r#"<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="缴费明细">
  <Table>
   <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">单位参保缴费明细</Data></Cell></Row>
   <Row ss:Index="3"><Cell><Data ss:Type="String">姓名</Data></Cell><Cell><Data ss:Type="String">证件号码</Data></Cell><Cell><Data ss:Type="String">所属期</Data></Cell><Cell><Data ss:Type="String">基数</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">张&amp;三</Data><Comment><Data>批注</Data></Comment></Cell><Cell ss:Index="3"><Data ss:Type="DateTime">2023-07-01T00:00:00.000</Data></Cell><Cell><Data ss:Type="Number">6000</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">370502198001011000</Data></Cell><Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>粗</B>体</ss:Data></Cell><Cell><Data ss:Type="Boolean">1</Data></Cell><Cell><Data ss:Type="Number">3.5</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="空表"><Table/></Worksheet>
</Workbook>"#;

    #[test]
    fn worksheets_rows_and_cells() {
        assert!(is_spreadsheetml(BOOK));
        assert!(!is_spreadsheetml("<?xml version=\"1.0\"?><x/>"));
        let sheets = read(BOOK).unwrap();
        assert_eq!(sheets.len(), 2);
        let (name, rows) = &sheets[0];
        assert_eq!(name, "缴费明细");
        assert_eq!(
            texts(rows),
            vec![
                vec!["单位参保缴费明细"],
                vec!["姓名", "证件号码", "所属期", "基数"],
                vec!["张&三", "", "2023-07-01", "6000"],
                vec!["370502198001011000", "粗体", "是", "3.5"],
            ]
        );
        assert_eq!(
            rows.iter().map(|r| r.number).collect::<Vec<_>>(),
            [1, 3, 4, 5]
        );
        assert!(
            rows[3].cells[0]
                .problem
                .as_deref()
                .unwrap()
                .contains("15位")
        );
        assert_eq!(sheets[1].0, "空表");
        assert!(sheets[1].1.is_empty());
    }

    #[test]
    fn limits_hold() {
        let long = BOOK.replace("单位参保缴费明细", &"字".repeat(40_000));
        let e = read(&long).unwrap_err();
        assert!(e.contains("缴费明细") && e.contains("第1行"), "{e}");
        let wide = BOOK.replace("ss:Index=\"3\"><Data", "ss:Index=\"20000\"><Data");
        assert!(read(&wide).unwrap_err().contains("16384"));
    }
}
