//! The Annex 1 model (附件1): what the form says, built from the settings and the
//! check results, before any rendering.

use chrono::{Datelike, NaiveDate};

use crate::checks::RosterReport;
use crate::domain::Settings;

use super::FormStatus;
use super::wording;

/// One item of part one (自查情况汇总): the order's label and the value printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryItem {
    pub label: &'static str,
    pub value: String,
}

/// One row of part two (排查清单).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annex1Row {
    /// 序号.
    pub seq: usize,
    /// 姓名.
    pub name: String,
    /// 是否在本单位真实执业: 是, 否, - or (on a draft) 待核实.
    pub practice: String,
    /// 初次取证时提交的学历是否真实.
    pub diploma: String,
    /// 初次取证时提交的职称是否真实.
    pub title: String,
    /// 存在问题及整改情况说明.
    pub remark: String,
    /// 整改措施 (已取消执业公示, 已注销资质, 已整改, 整改中) or empty: not printed, carried
    /// in the XLSX's hidden data sheet for the regulator's Annex 2.
    pub action: String,
}

impl Annex1Row {
    /// The six cells in column order.
    pub fn cells(&self) -> [String; 6] {
        [
            self.seq.to_string(),
            self.name.clone(),
            self.practice.clone(),
            self.diploma.clone(),
            self.title.clone(),
            self.remark.clone(),
        ]
    }
}

/// The whole form, ready for the PDF and XLSX renderers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annex1 {
    /// 单位名称.
    pub agency_name: String,
    /// 单位主要负责人: kept for the screen; the form leaves the line blank for the
    /// hand signature (签字).
    pub head: String,
    /// Part one, the eight items in order.
    pub summary: Vec<SummaryItem>,
    /// Part two, in 序号 order.
    pub rows: Vec<Annex1Row>,
    /// 填表人姓名.
    pub filler: String,
    /// 联系电话.
    pub phone: String,
    /// 填报日期.
    pub fill_date: NaiveDate,
    /// Persons with any 待核实 verdict.
    pub pending: usize,
    /// Final or draft (草稿), and why: see [`FormStatus`].
    pub status: FormStatus,
}

/// Part one's eight items, worded as the form prints them (also shown on the app's 汇总 screen).
pub fn summary_items(s: &crate::checks::Summary) -> Vec<SummaryItem> {
    let values = [
        s.total.to_string(),
        s.disclosed.to_string(),
        s.social_insurance_continuous.to_string(),
        s.staffing_text(),
        s.checked.to_string(),
        s.practice_problems.to_string(),
        s.diploma_problems.to_string(),
        s.title_problems.to_string(),
    ];
    wording::SUMMARY_ITEMS
        .iter()
        .zip(values)
        .map(|(label, value)| SummaryItem { label, value })
        .collect()
}

impl Annex1 {
    pub fn new(settings: &Settings, report: &RosterReport, fill_date: NaiveDate) -> Self {
        let summary = summary_items(&report.summary);
        let rows = report
            .rows
            .iter()
            .map(|r| Annex1Row {
                seq: r.seq,
                name: r.name.clone(),
                practice: r.check.practice.value.label().to_string(),
                diploma: r.check.diploma.value.label().to_string(),
                title: r.check.title.value.label().to_string(),
                remark: r.check.remark.clone(),
                action: r.action.map(|a| a.label().to_string()).unwrap_or_default(),
            })
            .collect();
        Annex1 {
            agency_name: settings.agency_name.clone(),
            head: settings.head.clone(),
            summary,
            rows,
            filler: settings.filler.clone(),
            phone: settings.phone.clone(),
            fill_date,
            pending: report.summary.pending,
            status: FormStatus::of(report, settings),
        }
    }

    /// Whether the form must carry the 草稿 mark (pending rows, no persons, or
    /// no 单位名称).
    pub fn is_draft(&self) -> bool {
        !self.status.is_final()
    }

    /// The draft line printed on every page of a draft, saying why, `None` on
    /// a final form.
    pub fn draft_line(&self) -> Option<String> {
        self.status.draft_line()
    }

    /// 填报日期 as written on the form, e.g. 2024年7月10日.
    pub fn fill_date_text(&self) -> String {
        chinese_date(self.fill_date)
    }
}

/// A date the way a clerk writes it on a form: 2024年7月10日.
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The default file name:
/// `附件1_特种设备检验检测机构自查情况统计表_{单位名称}_{YYYY-MM-DD}.{ext}`, with the
/// characters Windows refuses in file names replaced by `_`.
pub fn default_file_name(settings: &Settings, date: NaiveDate, ext: &str) -> String {
    let ext = ext.trim_start_matches('.');
    let agency = sanitize_file_part(&settings.agency_name);
    let agency = if agency.is_empty() {
        wording::UNNAMED_AGENCY.to_string()
    } else {
        agency
    };
    format!(
        "{}_{}_{}.{}",
        wording::FILE_STEM,
        agency,
        date.format("%Y-%m-%d"),
        ext
    )
}

/// Replaces `\ / : * ? " < > |` and control characters, and trims the spaces and
/// dots Windows drops at the end of a name.
pub(crate) fn sanitize_file_part(s: &str) -> String {
    let replaced: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    replaced.trim_end_matches(['.', ' ']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_is_sanitised() {
        let s = Settings {
            agency_name: "东营市特检院/东营:分院?".to_string(),
            ..Settings::default()
        };
        let d = NaiveDate::from_ymd_opt(2024, 7, 10).unwrap();
        assert_eq!(
            default_file_name(&s, d, "pdf"),
            "附件1_特种设备检验检测机构自查情况统计表_东营市特检院_东营_分院__2024-07-10.pdf"
        );
        assert_eq!(
            default_file_name(&Settings::default(), d, ".xlsx"),
            "附件1_特种设备检验检测机构自查情况统计表_未填单位名称_2024-07-10.xlsx"
        );
    }

    #[test]
    fn chinese_date_has_no_leading_zeros() {
        let d = NaiveDate::from_ymd_opt(2024, 7, 1).unwrap();
        assert_eq!(chinese_date(d), "2024年7月1日");
    }
}
