//! The bounds every imported file is held to, so that a hostile or broken
//! file is refused with a message before memory grows (docs/DECISIONS.md,
//! "One reader and its limits (issue 13)").

/// The most data rows a sheet may have: more than any agency has.
pub const MAX_ROWS: usize = 1_000_000;

/// The largest file read at all (every format): the reader holds the whole
/// file in memory, and a real 300,000-row payment list is ~10 MB as .xlsx.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The largest attachment (附件材料) accepted: a scan of a 备案表 or a
/// certificate is a few hundred KB; 20 MB leaves room for a multi-page
/// contract scanned in colour.
pub const MAX_ATTACHMENT_BYTES: u64 = 20 * 1024 * 1024;

/// The most a part of a zip workbook (.xlsx .xlsm .xlsb .ods) may decompress
/// to, worksheets excepted: calamine holds shared strings and styles whole.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The most a worksheet part may decompress to. A worksheet is streamed, not
/// held: a real 300,000-row × 8-column sheet is ~90 MB of XML.
pub const MAX_SHEET_PART_BYTES: u64 = 512 * 1024 * 1024;

/// The most parts a zip workbook may have (a real one has a few dozen).
pub const MAX_ZIP_ENTRIES: usize = 10_000;

/// Excel's own maximum length of a cell, in characters.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Excel's own maximum number of columns.
pub const MAX_COLUMNS: u32 = 16_384;

/// The most cells the used area of a sheet (rows × columns, from the first
/// used cell to the last) may span: calamine and the reader hold that many
/// cells (32–48 bytes each, empty or not), so this keeps a sheet under
/// ~250 MB; 300,000 rows × 16 columns fit.
pub const MAX_CELLS: u64 = 5_000_000;

/// The most text the cells of one streamed sheet (.xlsx .xlsb) may hold in
/// all: a real 300,000-row payment list holds ~25 MB. Bounds what a few
/// kilobytes can ask for when many cells repeat one long shared string.
pub const MAX_SHEET_TEXT_BYTES: u64 = 128 * 1024 * 1024;

/// How long a value of a kind of field may be, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldSize {
    /// 姓名 and other names of persons: 50.
    Name,
    /// Codes and numbers (身份证号, 证书编号, 报告编号, dates, months): 64.
    Code,
    /// Free text (单位名称, 说明, 备注): 2,000.
    Text,
}

impl FieldSize {
    pub fn max_chars(self) -> usize {
        match self {
            FieldSize::Name => 50,
            FieldSize::Code => 64,
            FieldSize::Text => 2_000,
        }
    }

    /// `Err` with a Chinese message when `text` is longer than the field allows.
    pub fn check(self, text: &str) -> Result<(), String> {
        let max = self.max_chars();
        // A text of no more bytes than that has no more characters; counting
        // stops early: a huge cell is not walked to its end.
        if text.len() > max && text.chars().nth(max).is_some() {
            return Err(format!(
                "内容过长（超过{max}个字符），请检查是否填错了列或粘贴了多余的内容"
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_bounded_by_kind() {
        assert!(FieldSize::Name.check(&"张".repeat(50)).is_ok());
        assert!(FieldSize::Name.check(&"张".repeat(51)).is_err());
        assert!(FieldSize::Code.check(&"1".repeat(64)).is_ok());
        assert!(FieldSize::Code.check(&"1".repeat(65)).is_err());
        assert!(FieldSize::Text.check(&"字".repeat(2_000)).is_ok());
        let e = FieldSize::Text.check(&"字".repeat(2_001)).unwrap_err();
        assert!(e.contains("2000"), "{e}");
    }
}
