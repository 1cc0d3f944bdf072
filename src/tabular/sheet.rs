//! Building a sheet's rows cell by cell, for the formats the reader parses
//! itself (text, HTML, SpreadsheetML) and the streamed .xlsx/.xlsb sheets,
//! held to the limits while the rows are built: no row wider than Excel's,
//! no cell longer than Excel's, no more rows than `MAX_ROWS`, no more cells
//! than `MAX_CELLS`.

use super::RawRow;
use super::cell::Cell;
use super::limits::{MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_SHEET_TEXT_BYTES};

/// A sheet read: its name and its non-empty rows.
pub(super) type Sheet = (String, Vec<RawRow>);

pub(super) fn too_many_rows(sheet: &str) -> String {
    format!(
        "工作表“{sheet}”超过 {MAX_ROWS} 行数据，超出任何单位的数据量；请检查是否选错了文件，或拆分为几个文件分别导入"
    )
}

/// A streamed sheet with more cells holding a value, or more text in them,
/// than any real list.
pub(super) fn too_much_content(sheet: &str) -> String {
    format!(
        "工作表“{sheet}”有内容的单元格超过 {MAX_CELLS} 个或其文字超过 {} MB，超出任何单位的数据量；文件可能已损坏或被改动，数据确实这么多时请拆分为几个文件分别导入；未导入任何数据",
        MAX_SHEET_TEXT_BYTES / 1024 / 1024
    )
}

pub(super) fn cell_too_long(sheet: &str, row: u32) -> String {
    let at = if sheet.is_empty() {
        String::new()
    } else {
        format!("工作表“{sheet}”")
    };
    let row = if row > 0 {
        format!("第{row}行")
    } else {
        String::new()
    };
    format!(
        "{at}{row}有一个单元格超过 {MAX_CELL_CHARS} 个字符（Excel 单元格的上限），文件可能已损坏或被改动；未导入任何数据"
    )
}

pub(super) fn too_wide(sheet: &str, row: u32) -> String {
    format!(
        "工作表“{sheet}”第{row}行超过 {MAX_COLUMNS} 列（Excel 的上限），文件可能已损坏；未导入任何数据"
    )
}

pub(super) fn too_many_cells(sheet: &str, rows: u64, columns: u64) -> String {
    format!(
        "工作表“{sheet}”的数据区域过大（{rows} 行 × {columns} 列，超过 {MAX_CELLS} 个单元格）；\
         通常是远处的某个单元格误填了内容，请在 Excel 中删除多余的行和列后另存再导入，数据确实这么多时请拆分为几个文件"
    )
}

pub(super) fn book_too_big() -> String {
    format!(
        "工作簿各工作表的数据区域合计超过 {MAX_CELLS} 个单元格，超出任何单位的数据量；\
         通常是远处的某个单元格误填了内容，请在 Excel 中删除多余的行和列、或删去不需要的工作表后另存为 .xlsx 再导入"
    )
}

/// Rows of one sheet, built cell by cell.
pub(super) struct SheetBuilder {
    name: String,
    rows: Vec<RawRow>,
    current: Vec<Cell>,
    /// The Excel row number of the row being built.
    number: u32,
    cells: u64,
}

impl SheetBuilder {
    pub(super) fn new(name: impl Into<String>) -> SheetBuilder {
        SheetBuilder {
            name: name.into(),
            rows: Vec::new(),
            current: Vec::new(),
            number: 1,
            cells: 0,
        }
    }

    /// The column (0-based) the next cell goes to.
    pub(super) fn column(&self) -> usize {
        self.current.len()
    }

    /// Moves the row being built to row `number` (SpreadsheetML's ss:Index);
    /// only forward, so row numbers stay in order.
    pub(super) fn set_row_number(&mut self, number: u32) {
        if number > self.number && self.current.is_empty() {
            self.number = number;
        }
    }

    /// Adds `cell` as the next cell of the row.
    pub(super) fn push(&mut self, cell: Cell) -> Result<(), String> {
        if cell.text.chars().nth(MAX_CELL_CHARS).is_some() {
            return Err(cell_too_long(&self.name, self.number));
        }
        if self.current.len() >= MAX_COLUMNS as usize {
            return Err(too_wide(&self.name, self.number));
        }
        self.current.push(cell);
        Ok(())
    }

    /// Adds `n` empty cells (a colspan, a gap before ss:Index).
    pub(super) fn skip(&mut self, n: usize) -> Result<(), String> {
        if self.current.len() + n > MAX_COLUMNS as usize {
            return Err(too_wide(&self.name, self.number));
        }
        self.current.extend(std::iter::repeat_n(Cell::default(), n));
        Ok(())
    }

    /// Ends the row being built; an empty row is left out, its number kept.
    pub(super) fn end_row(&mut self) -> Result<(), String> {
        while self.current.last().is_some_and(Cell::is_empty) {
            self.current.pop();
        }
        if !self.current.is_empty() {
            if self.rows.len() >= MAX_ROWS {
                return Err(too_many_rows(&self.name));
            }
            self.cells += self.current.len() as u64;
            if self.cells > MAX_CELLS {
                let width = self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
                return Err(too_many_cells(
                    &self.name,
                    self.rows.len() as u64 + 1,
                    width.max(self.current.len()) as u64,
                ));
            }
            let cells = std::mem::take(&mut self.current);
            self.rows.push(RawRow {
                number: self.number,
                cells,
            });
        }
        self.number = self.number.saturating_add(1);
        Ok(())
    }

    /// The sheet, its rows starting at the first used column (as calamine's).
    pub(super) fn finish(mut self) -> Result<Sheet, String> {
        if !self.current.is_empty() {
            self.end_row()?;
        }
        let leading = self
            .rows
            .iter()
            .map(|r| r.cells.iter().take_while(|c| c.is_empty()).count())
            .min()
            .unwrap_or(0);
        if leading > 0 {
            for row in &mut self.rows {
                row.cells.drain(..leading);
            }
        }
        Ok((self.name, self.rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_drop_empty_cells_at_both_ends_and_keep_their_numbers() {
        let mut b = SheetBuilder::new("表1");
        b.skip(1).unwrap();
        b.push(Cell::text("姓名")).unwrap();
        b.push(Cell::text("")).unwrap();
        b.end_row().unwrap();
        b.end_row().unwrap();
        b.skip(2).unwrap();
        b.push(Cell::text("张三")).unwrap();
        let (name, rows) = b.finish().unwrap();
        assert_eq!(name, "表1");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].number, 1);
        assert_eq!(rows[0].cells, vec![Cell::text("姓名")]);
        assert_eq!(rows[1].number, 3);
        assert_eq!(rows[1].cells, vec![Cell::default(), Cell::text("张三")]);
    }

    #[test]
    fn limits_hold_while_building() {
        let mut b = SheetBuilder::new("表1");
        let e = b
            .push(Cell::text(&"字".repeat(MAX_CELL_CHARS + 1)))
            .unwrap_err();
        assert!(e.contains("32767") && e.contains("第1行"), "{e}");
        assert!(b.push(Cell::text(&"字".repeat(MAX_CELL_CHARS))).is_ok());
        let e = b.skip(MAX_COLUMNS as usize).unwrap_err();
        assert!(e.contains("16384"), "{e}");
        let mut b = SheetBuilder::new("表1");
        for _ in 0..MAX_ROWS {
            b.push(Cell::text("1")).unwrap();
            b.end_row().unwrap();
        }
        b.push(Cell::text("1")).unwrap();
        let e = b.end_row().unwrap_err();
        assert!(e.contains("1000000"), "{e}");
        let mut b = SheetBuilder::new("宽表");
        let mut failed = None;
        for _ in 0..=(MAX_CELLS / 1000) {
            b.skip(999).unwrap();
            b.push(Cell::text("x")).unwrap();
            if let Err(e) = b.end_row() {
                failed = Some(e);
                break;
            }
        }
        let e = failed.unwrap();
        assert!(e.contains("宽表") && e.contains("5000000"), "{e}");
    }
}
