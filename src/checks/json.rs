//! The machine-readable result (`check --json`), exactly the shape of docs/RULES.md (Output).

use serde::Serialize;

use super::{Flag, RosterReport};

#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub reference_date: String,
    pub window_months: u32,
    pub summary: JsonSummary,
    pub rows: Vec<JsonRow<'a>>,
}

#[derive(Serialize)]
pub struct JsonSummary {
    pub total: usize,
    pub disclosed: usize,
    pub social_insurance_continuous: usize,
    pub staffing: String,
    pub checked: usize,
    pub practice_problems: usize,
    pub diploma_problems: usize,
    pub title_problems: usize,
    pub pending: usize,
    pub expiring: usize,
}

#[derive(Serialize)]
pub struct JsonRow<'a> {
    pub seq: usize,
    pub name: &'a str,
    pub id_number: &'a str,
    pub practice: &'static str,
    pub diploma: &'static str,
    pub title: &'static str,
    pub manual: Vec<&'static str>,
    pub reasons: Vec<String>,
    pub flags: &'a [Flag],
    pub remark: &'a str,
}

impl<'a> JsonReport<'a> {
    pub fn new(report: &'a RosterReport) -> Self {
        let s = &report.summary;
        JsonReport {
            reference_date: report.reference_date.to_string(),
            window_months: report.window_months,
            summary: JsonSummary {
                total: s.total,
                disclosed: s.disclosed,
                social_insurance_continuous: s.social_insurance_continuous,
                staffing: s.staffing_text(),
                checked: s.checked,
                practice_problems: s.practice_problems,
                diploma_problems: s.diploma_problems,
                title_problems: s.title_problems,
                pending: s.pending,
                expiring: s.expiring,
            },
            rows: report
                .rows
                .iter()
                .map(|r| JsonRow {
                    seq: r.seq,
                    name: &r.name,
                    id_number: r.id_number.as_deref().unwrap_or(""),
                    practice: r.check.practice.value.label(),
                    diploma: r.check.diploma.value.label(),
                    title: r.check.title.value.label(),
                    manual: r
                        .check
                        .verdicts()
                        .iter()
                        .filter(|v| v.manual.is_some())
                        .map(|v| v.kind.json_name())
                        .collect(),
                    reasons: r.check.all_reasons(),
                    flags: &r.check.flags,
                    remark: &r.check.remark,
                })
                .collect(),
        }
    }
}

/// The report as pretty-printed UTF-8 JSON.
pub fn to_json(report: &RosterReport) -> String {
    serde_json::to_string_pretty(&JsonReport::new(report))
        .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
