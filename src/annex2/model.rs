//! What the regulator receives (接收), as stored: an agency's Annex 1 read
//! from its XLSX, or an agency's roster workbook reduced to what the
//! cross-agency check needs. Serialized as the receipt's JSON.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where an Annex 1 came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// zicha's own export, with its hidden data sheet.
    Zicha,
    /// Filled by hand in the official layout, found by its labels.
    Hand,
}

/// One row of an Annex 1's list (排查清单), as printed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListRow {
    pub seq: String,
    pub name: String,
    /// 是否在本单位真实执业: 是, 否, - (or what the file says).
    pub practice: String,
    pub diploma: String,
    pub title: String,
    /// 存在问题及整改情况说明.
    pub remark: String,
    /// 整改措施 (已取消执业公示, 已注销资质, 已整改, 整改中), empty when none is known.
    pub action: String,
}

impl ListRow {
    /// The three verdicts in order (practice, diploma, title).
    pub fn verdicts(&self) -> [&str; 3] {
        [&self.practice, &self.diploma, &self.title]
    }
}

/// An agency's Annex 1 as received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedAnnex1 {
    /// 单位名称 as written on the form (or given by the clerk).
    pub agency_name: String,
    /// 填报日期, when the form gives a readable one.
    pub fill_date: Option<NaiveDate>,
    pub origin: Origin,
    /// A 草稿: received, listed apart, not counted.
    pub draft: bool,
    /// zicha's export whose visible sheet no longer matches its data sheet
    /// (导出后被改动); the visible sheet is used.
    pub edited_after_export: bool,
    /// What differs between the data sheet and the visible sheet, in words.
    pub differences: Vec<String>,
    /// The eight summary items as printed, in the form's order; empty text
    /// when the item was not found.
    pub summary: Vec<String>,
    pub rows: Vec<ListRow>,
}

/// One person of a received roster workbook.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterPerson {
    pub name: String,
    /// 身份证号 as stored (upper-case X), empty when none.
    pub id_number: String,
    pub practice: String,
    pub diploma: String,
    pub title: String,
    /// Units other than the agency that paid the person's social insurance.
    pub other_payers: Vec<String>,
}

/// An agency's roster workbook as received (for the cross-agency check).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedRoster {
    pub agency_name: String,
    pub persons: Vec<RosterPerson>,
}

/// A received file, by kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    Annex1(ReceivedAnnex1),
    Roster(ReceivedRoster),
}

impl Received {
    pub fn agency_name(&self) -> &str {
        match self {
            Received::Annex1(a) => &a.agency_name,
            Received::Roster(r) => &r.agency_name,
        }
    }
}
