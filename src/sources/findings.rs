//! The report ledger's findings, as the order asks for them: report signers
//! who are not in the roster of certified persons (报告署名人员不在持证人员台账中),
//! signers the roster cannot tell apart, and reports dated after a signer's
//! 离职日期. Listed in 汇总 and the CLI, exported as a sheet.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use crate::domain::Roster;
use crate::error::Result;
use crate::store::Store;
use crate::store::sources::LedgerFinding;
use crate::workbook::layout::{self, Formats};

use super::plan::{NOT_IN_ROSTER, REPORT_KIND, SAME_NAME};

/// The finding for a report dated after the signer left.
pub const AFTER_LEAVE: &str = "离职后署名";

/// One line of the findings sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingLine {
    /// 不在台账, 同名无法区分 or 离职后署名.
    pub kind: &'static str,
    pub name: String,
    pub report_number: String,
    pub report_date: String,
    pub role: String,
    /// The ledger and its row.
    pub source: String,
    /// Why it is a finding, in words.
    pub explanation: String,
}

/// Every finding: the stored ones of the imported ledgers, and the reports
/// dated after their signer's 离职日期 as the roster stands now.
pub fn collect(stored: &[LedgerFinding], roster: &Roster) -> Vec<FindingLine> {
    let mut out: Vec<FindingLine> = stored
        .iter()
        .map(|f| {
            let kind = if f.kind == SAME_NAME {
                SAME_NAME
            } else {
                NOT_IN_ROSTER
            };
            FindingLine {
                kind,
                name: f.name.clone(),
                report_number: f.report_number.clone().unwrap_or_default(),
                report_date: f.report_date.clone().unwrap_or_default(),
                role: f.role.clone().unwrap_or_default(),
                source: format!("{} 第{}行", f.file_name, f.row),
                explanation: if kind == SAME_NAME {
                    "台账中有多人同名，无法确定是谁署名".into()
                } else {
                    "报告署名人员不在持证人员台账中".into()
                },
            }
        })
        .collect();
    for r in &roster.persons {
        let p = &r.person;
        let Some(left) = p.leave_date else { continue };
        for e in &p.evidence {
            let Some(o) = &e.origin else { continue };
            if e.kind == Some(REPORT_KIND) && e.date > left {
                out.push(FindingLine {
                    kind: AFTER_LEAVE,
                    name: p.name.clone(),
                    report_number: e.number.clone().unwrap_or_default(),
                    report_date: e.date.to_string(),
                    role: e.description.clone().unwrap_or_default(),
                    source: format!("{} 第{}行", o.file, o.row),
                    explanation: format!(
                        "报告日期晚于离职日期（{}）",
                        crate::domain::parse::chinese_date(left)
                    ),
                });
            }
        }
    }
    out
}

/// The findings of the store's roster.
pub fn of_store(store: &Store) -> Result<Vec<FindingLine>> {
    Ok(collect(&store.ledger_findings()?, &store.load_roster()?))
}

/// How many findings of each kind, in words ("不在台账 3 人（12 份报告）…").
pub fn counts_text(lines: &[FindingLine]) -> String {
    let mut parts = Vec::new();
    for kind in [NOT_IN_ROSTER, SAME_NAME, AFTER_LEAVE] {
        let of: Vec<&FindingLine> = lines.iter().filter(|l| l.kind == kind).collect();
        if of.is_empty() {
            continue;
        }
        let mut names: Vec<&str> = of.iter().map(|l| l.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        parts.push(format!("{kind} {} 人（{} 份报告）", names.len(), of.len()));
    }
    parts.join("，")
}

/// The sheet's columns.
const HEADERS: [&str; 7] = [
    "类别",
    "署名人员",
    "报告编号",
    "报告日期",
    "署名角色",
    "来源",
    "说明",
];

/// Writes the findings as 报告署名核查清单.xlsx-style sheet at `path`.
pub fn write_xlsx(path: &Path, lines: &[FindingLine]) -> Result<()> {
    layout::check_output(path)?;
    let mut book = Workbook::new();
    let f = Formats::new();
    let write = |book: &mut Workbook| -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
        let ws = book.add_worksheet();
        ws.set_name("报告署名核查")?;
        for (c, h) in HEADERS.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &f.header)?;
        }
        for (c, w) in [12, 12, 22, 12, 10, 30, 36].into_iter().enumerate() {
            ws.set_column_width(c as u16, w)?;
        }
        for (i, l) in lines.iter().enumerate() {
            let r = i as u32 + 1;
            for (c, v) in [
                l.kind,
                &l.name,
                &l.report_number,
                &l.report_date,
                &l.role,
                &l.source,
                &l.explanation,
            ]
            .into_iter()
            .enumerate()
            {
                ws.write_string(r, c as u16, v)?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(())
    };
    write(&mut book).map_err(|e| layout::write_error(path, e))?;
    layout::save(&mut book, path)
}
