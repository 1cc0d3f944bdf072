//! The hidden machine-readable sheet of zicha's Annex 1 XLSX (数据页, issue 14):
//! the rows, the summary, each row's 整改措施, the settings that matter and a
//! SHA-256 over them, so the county regulator (附件2) reads exactly what was
//! exported and sees when the visible sheet was edited afterwards. The hash
//! detects edits, not forgery: anybody can recompute it.
//!
//! Layout, one value per cell, every cell text:
//! ```text
//! zicha附件1数据 | 1
//! 单位名称 | …            填报日期 | 2024-07-10     状态 | 正式 / 草稿     草稿说明 | …
//! {eight summary labels} | value
//! 序号 | 姓名 | 是否在本单位真实执业 | … | 存在问题及整改情况说明 | 整改措施
//! {rows}
//! SHA-256 | 64 hex digits
//! ```

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::model::Annex1;
use super::wording;
use crate::domain::text::clean_text;

/// The sheet's name (hidden in the workbook).
pub const SHEET: &str = "zicha数据";
/// The first cell, naming the sheet's kind.
pub const MARK: &str = "zicha附件1数据";
/// The layout version, beside [`MARK`].
pub const VERSION: &str = "1";
/// Labels of the sheet's own cells.
pub const AGENCY: &str = "单位名称";
pub const FILL_DATE: &str = "填报日期";
pub const STATUS: &str = "状态";
pub const DRAFT_LINE: &str = "草稿说明";
pub const ACTION: &str = "整改措施";
pub const HASH: &str = "SHA-256";
pub const FINAL: &str = "正式";
pub const DRAFT: &str = "草稿";

/// One row of the list as exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataRow {
    pub seq: String,
    pub name: String,
    pub practice: String,
    pub diploma: String,
    pub title: String,
    pub remark: String,
    /// 整改措施, empty when none.
    pub action: String,
}

/// What the data sheet holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataSheet {
    pub agency_name: String,
    pub fill_date: String,
    pub draft: bool,
    pub draft_line: String,
    /// The eight summary items: label and value.
    pub summary: Vec<(String, String)>,
    pub rows: Vec<DataRow>,
}

/// A data sheet read back, with whether its SHA-256 matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadBack {
    pub sheet: DataSheet,
    pub hash_ok: bool,
}

impl DataSheet {
    pub fn of(a: &Annex1) -> DataSheet {
        DataSheet {
            agency_name: a.agency_name.clone(),
            fill_date: a.fill_date.to_string(),
            draft: a.is_draft(),
            draft_line: a.draft_line().unwrap_or_default(),
            summary: a
                .summary
                .iter()
                .map(|s| (s.label.to_string(), s.value.clone()))
                .collect(),
            rows: a
                .rows
                .iter()
                .map(|r| DataRow {
                    seq: r.seq.to_string(),
                    name: r.name.clone(),
                    practice: r.practice.clone(),
                    diploma: r.diploma.clone(),
                    title: r.title.clone(),
                    remark: r.remark.clone(),
                    action: r.action.clone(),
                })
                .collect(),
        }
    }

    /// 填报日期 as a date, when it is one.
    pub fn fill_date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&self.fill_date, "%Y-%m-%d").ok()
    }

    /// The sheet's rows before the hash row.
    fn body(&self) -> Vec<Vec<String>> {
        let s = |t: &str| t.to_string();
        let mut out = vec![
            vec![s(MARK), s(VERSION)],
            vec![s(AGENCY), self.agency_name.clone()],
            vec![s(FILL_DATE), self.fill_date.clone()],
            vec![s(STATUS), s(if self.draft { DRAFT } else { FINAL })],
            vec![s(DRAFT_LINE), self.draft_line.clone()],
        ];
        out.extend(self.summary.iter().map(|(l, v)| vec![l.clone(), v.clone()]));
        let mut header: Vec<String> = wording::LIST_COLUMNS.iter().map(|c| s(c)).collect();
        header.push(s(ACTION));
        out.push(header);
        out.extend(self.rows.iter().map(|r| {
            vec![
                r.seq.clone(),
                r.name.clone(),
                r.practice.clone(),
                r.diploma.clone(),
                r.title.clone(),
                r.remark.clone(),
                r.action.clone(),
            ]
        }));
        out
    }

    /// The SHA-256 (lowercase hex) over the body's cells as a reader sees them
    /// (trimmed, full-width digits and letters folded), each length-prefixed
    /// and each row closed, so no two different sheets hash alike.
    pub fn digest(&self) -> String {
        digest_of(&self.body())
    }

    /// Every row of the sheet, the hash row last.
    pub fn cells(&self) -> Vec<Vec<String>> {
        let mut body = self.body();
        let hash = digest_of(&body);
        body.push(vec![HASH.to_string(), hash]);
        body
    }

    /// Reads the sheet back from its rows of cell texts. `Err` says in Chinese
    /// what is wrong when the rows are not a data sheet of this layout.
    pub fn parse(rows: &[Vec<String>]) -> Result<ReadBack, String> {
        let broken = |what: &str| format!("隐藏数据页格式不符（{what}）");
        let cell = |r: usize, c: usize| -> &str {
            rows.get(r)
                .and_then(|row| row.get(c))
                .map_or("", String::as_str)
        };
        if cell(0, 0) != MARK {
            return Err(broken("第一格不是数据页标记"));
        }
        if cell(0, 1) != VERSION {
            return Err(format!(
                "隐藏数据页的版本为“{}”，本程序只认识版本 {VERSION}，请升级本程序",
                cell(0, 1)
            ));
        }
        for (r, label) in [(1, AGENCY), (2, FILL_DATE), (3, STATUS), (4, DRAFT_LINE)] {
            if cell(r, 0) != label {
                return Err(broken(&format!("缺少“{label}”")));
            }
        }
        let summary: Vec<(String, String)> = (5..13)
            .map(|r| (cell(r, 0).to_string(), cell(r, 1).to_string()))
            .collect();
        for ((label, _), want) in summary.iter().zip(wording::SUMMARY_ITEMS) {
            if label != want {
                return Err(broken(&format!("缺少汇总项“{want}”")));
            }
        }
        if cell(13, 0) != wording::LIST_COLUMNS[0] || cell(13, 6) != ACTION {
            return Err(broken("缺少清单表头"));
        }
        let Some(last) = rows.len().checked_sub(1).filter(|l| *l > 13) else {
            return Err(broken("缺少校验码"));
        };
        if cell(last, 0) != HASH {
            return Err(broken("缺少校验码"));
        }
        let data_rows = (14..last)
            .map(|r| DataRow {
                seq: cell(r, 0).to_string(),
                name: cell(r, 1).to_string(),
                practice: cell(r, 2).to_string(),
                diploma: cell(r, 3).to_string(),
                title: cell(r, 4).to_string(),
                remark: cell(r, 5).to_string(),
                action: cell(r, 6).to_string(),
            })
            .collect();
        let sheet = DataSheet {
            agency_name: cell(1, 1).to_string(),
            fill_date: cell(2, 1).to_string(),
            draft: cell(3, 1) != FINAL,
            draft_line: cell(4, 1).to_string(),
            summary,
            rows: data_rows,
        };
        let hash_ok = sheet.digest() == cell(last, 1);
        Ok(ReadBack { sheet, hash_ok })
    }
}

fn digest_of(rows: &[Vec<String>]) -> String {
    let mut h = Sha256::new();
    h.update(b"zicha-annex1-data-v1");
    for row in rows {
        for c in row {
            let c = clean_text(c);
            h.update((c.len() as u64).to_le_bytes());
            h.update(c.as_bytes());
        }
        h.update([0xFF]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annex1::sample::sample_roster;

    fn sheet() -> DataSheet {
        let roster = sample_roster(12, 2);
        let d = NaiveDate::from_ymd_opt(2024, 7, 10).unwrap();
        let report = crate::checks::check_roster(&roster, d);
        DataSheet::of(&Annex1::new(&roster.settings, &report, d))
    }

    #[test]
    fn cells_read_back_with_the_hash() {
        let s = sheet();
        assert!(s.rows.iter().any(|r| !r.action.is_empty()), "{s:?}");
        let back = DataSheet::parse(&s.cells()).unwrap();
        assert!(back.hash_ok);
        assert_eq!(back.sheet, s);
        assert!(back.sheet.draft);
    }

    #[test]
    fn an_edited_cell_breaks_the_hash() {
        let s = sheet();
        let mut cells = s.cells();
        cells[15][2] = "是".to_string();
        cells[15][5] = "改过".to_string();
        let back = DataSheet::parse(&cells).unwrap();
        assert!(!back.hash_ok);
    }

    #[test]
    fn other_sheets_are_refused_with_a_reason() {
        let e = DataSheet::parse(&[vec!["序号".to_string()]]).unwrap_err();
        assert!(e.contains("数据页"), "{e}");
        let mut cells = sheet().cells();
        cells[0][1] = "9".to_string();
        assert!(DataSheet::parse(&cells).unwrap_err().contains("升级"));
        let cells = sheet().cells();
        let cut = &cells[..cells.len() - 1];
        assert!(DataSheet::parse(cut).unwrap_err().contains("校验码"));
    }
}
