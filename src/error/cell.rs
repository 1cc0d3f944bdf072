//! One problem found in a workbook (导入错误), named by sheet, row, column and value,
//! and the text of a refused import. Plain data in the error layer, so
//! [`Error::ImportRejected`](super::Error::ImportRejected) carries it without
//! error.rs reaching up into the workbook.

use std::fmt;
use std::path::Path;

/// A problem with one cell, one row or one sheet of an imported workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// The sheet's name as the workbook spells it.
    pub sheet: String,
    /// The row number as Excel shows it (1-based); `None` for a whole sheet.
    pub row: Option<u32>,
    /// The column header as the workbook spells it, when one column is at fault.
    pub column: Option<String>,
    /// The cell's content as read.
    pub value: String,
    /// What is wrong and what is expected, in Chinese.
    pub message: String,
}

impl CellError {
    pub fn sheet(sheet: &str, message: impl Into<String>) -> Self {
        CellError {
            sheet: sheet.to_string(),
            row: None,
            column: None,
            value: String::new(),
            message: message.into(),
        }
    }

    pub fn row(sheet: &str, row: u32, message: impl Into<String>) -> Self {
        CellError {
            row: Some(row),
            ..CellError::sheet(sheet, message)
        }
    }

    pub fn cell(
        sheet: &str,
        row: u32,
        column: &str,
        value: &str,
        message: impl Into<String>,
    ) -> Self {
        CellError {
            sheet: sheet.to_string(),
            row: Some(row),
            column: Some(column.to_string()),
            value: value.to_string(),
            message: message.into(),
        }
    }

    /// The message without the sheet and row, for the 错误说明 column.
    pub fn short(&self) -> String {
        let mut s = String::new();
        if let Some(c) = &self.column {
            s.push_str(&format!("【{c}】"));
        }
        if !self.value.is_empty() && !self.message.contains(&self.value) {
            s.push_str(&format!("“{}”：", self.value));
        } else if self.column.is_some() && !self.message.starts_with('“') {
            s.push('：');
        }
        s.push_str(&self.message);
        s
    }
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "工作表“{}”", self.sheet)?;
        if let Some(r) = self.row {
            write!(f, "第{r}行")?;
        }
        if self.column.is_none() && self.value.is_empty() {
            write!(f, "：")?;
        }
        write!(f, "{}", self.short())
    }
}

/// The text of a refused import: every error, then where the rows were written.
pub fn rejected_message(
    errors: &[CellError],
    rejects_file: Option<&Path>,
    rejects_failed: Option<&str>,
) -> String {
    let mut s = format!(
        "工作簿中有 {} 处错误，未导入任何数据，数据库保持原样：",
        errors.len()
    );
    for (i, e) in errors.iter().enumerate() {
        s.push_str(&format!("\n  {}. {e}", i + 1));
    }
    if let Some(p) = rejects_file {
        s.push_str(&format!(
            "\n出错的行已写入 {}（“错误说明”列写明原因），改正后可重新导入。",
            p.display()
        ));
    }
    if let Some(why) = rejects_failed {
        s.push_str(&format!("\n出错的行未能写入错误文件：{why}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sheet_row_column_and_value() {
        let e = CellError::cell("人员", 5, "入职日期", "2024-13-45", "不是有效日期");
        assert_eq!(
            e.to_string(),
            "工作表“人员”第5行【入职日期】“2024-13-45”：不是有效日期"
        );
        let e = CellError::cell(
            "人员",
            5,
            "用工形式",
            "合同工",
            "“合同工”不是用工形式的可选值",
        );
        assert_eq!(
            e.to_string(),
            "工作表“人员”第5行【用工形式】“合同工”不是用工形式的可选值"
        );
        let e = CellError::sheet("人员", "缺少必填列“姓名”");
        assert_eq!(e.to_string(), "工作表“人员”：缺少必填列“姓名”");
    }
}
