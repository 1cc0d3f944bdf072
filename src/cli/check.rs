//! `zicha check [--json]`.

use std::path::PathBuf;

use super::output::Out;
use crate::annex1::FormStatus;
use crate::checks::{self, json};
use crate::domain::Verdict;
use crate::error::Result;
use crate::store::Store;

pub fn run(store: &Store, as_json: bool, output: Option<&PathBuf>) -> Result<()> {
    let roster = store.load_roster()?;
    let report = checks::check_roster(&roster, super::today());
    let mut out = Out::default();
    if as_json {
        out.line(json::to_json(&report));
        return out.emit(output);
    }
    let s = &report.summary;
    out.line(format!(
        "核查基准日 {}，核查月数 {}；人员 {} 人，执业公示 {} 人，持续缴纳社保 {} 人，人员条件：{}",
        report.reference_date,
        report.window_months,
        s.total,
        s.disclosed,
        s.social_insurance_continuous,
        s.staffing_text()
    ));
    out.line(format!(
        "真实执业问题 {} 人，学历问题 {} 人，职称问题 {} 人，待核实 {} 人",
        s.practice_problems, s.diploma_problems, s.title_problems, s.pending
    ));
    if s.expiring > 0 {
        out.line(format!("证书即将到期 {} 人", s.expiring));
    }
    out.line("");
    out.line("序号\t姓名\t真实执业\t学历\t职称\t疑点\t说明");
    for r in &report.rows {
        let mark = |v: &checks::VerdictResult| {
            let m = if v.manual.is_some() {
                "（人工）"
            } else {
                ""
            };
            format!("{}{m}", v.value.label())
        };
        // Labels, as `confirm` takes them; the codes are for --json only.
        let mut open_flags: Vec<&str> = Vec::new();
        for f in r.check.flags.iter().filter(|f| !f.confirmed) {
            if !open_flags.contains(&f.code.label()) {
                open_flags.push(f.code.label());
            }
        }
        let open_flags = if open_flags.is_empty() {
            "无".to_string()
        } else {
            open_flags.join("、")
        };
        let mut text = r.check.remark.clone();
        if text.is_empty() {
            text = r
                .check
                .verdicts()
                .iter()
                .filter(|v| v.value == Verdict::Pending)
                .flat_map(|v| v.reasons.clone())
                .collect::<Vec<_>>()
                .join("；");
        }
        out.line(format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.seq,
            r.name,
            mark(&r.check.practice),
            mark(&r.check.diploma),
            mark(&r.check.title),
            open_flags,
            text
        ));
    }
    let status = FormStatus::of(&report, &roster.settings);
    if !status.is_final() {
        out.line(format!(
            "\n{}，附件1只能作为草稿，不得报送。",
            status.reasons().join("，")
        ));
    }
    out.emit(output)
}
