//! Whether Annex 1 is final (正式表) or a draft (草稿), and why (rules.md Output):
//! a roster with any 待核实 row, an empty roster and an unset 单位名称 are drafts.
//! The PDF, the XLSX, the CLI and the app all take their words from here.

use crate::checks::RosterReport;
use crate::domain::Settings;

use super::wording;

/// The form's status: final, or a draft with its reasons.
///
/// ```
/// # use zicha::annex1::FormStatus;
/// let status = FormStatus::new(0, true, 0);
/// assert!(!status.is_final());
/// assert_eq!(status.line(), "台账中没有人员，未填写单位名称，本表为草稿，不得报送");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormStatus {
    /// Persons on the form (rows of part two).
    pub persons: usize,
    /// 单位名称 is empty (or only white space).
    pub unnamed_agency: bool,
    /// Persons with any 待核实 verdict.
    pub pending: usize,
}

impl FormStatus {
    /// The status of the form built from `report` under `settings`.
    pub fn of(report: &RosterReport, settings: &Settings) -> Self {
        FormStatus::new(
            report.rows.len(),
            settings.agency_name.trim().is_empty(),
            report.summary.pending,
        )
    }

    pub fn new(persons: usize, unnamed_agency: bool, pending: usize) -> Self {
        FormStatus {
            persons,
            unnamed_agency,
            pending,
        }
    }

    /// Whether the form may be signed, sealed and submitted (no 草稿 mark).
    pub fn is_final(&self) -> bool {
        self.reasons().is_empty()
    }

    /// Why the form is a draft, in the order printed: "台账中没有人员",
    /// "未填写单位名称", "尚有 N 人待核实". Empty on a final form.
    pub fn reasons(&self) -> Vec<String> {
        let mut reasons = Vec::new();
        if self.persons == 0 {
            reasons.push(wording::DRAFT_EMPTY.to_string());
        }
        if self.unnamed_agency {
            reasons.push(wording::DRAFT_UNNAMED.to_string());
        }
        if self.pending > 0 {
            reasons.push(wording::draft_pending(self.pending));
        }
        reasons
    }

    /// The line printed on every page of a draft (reasons, then "本表为草稿，不得报送");
    /// `None` on a final form.
    pub fn draft_line(&self) -> Option<String> {
        let reasons = self.reasons();
        (!reasons.is_empty()).then(|| wording::draft_line(&reasons))
    }

    /// One sentence for the clerk: the draft line, or that the form is final.
    pub fn line(&self) -> String {
        self.draft_line()
            .unwrap_or_else(|| wording::FINAL_LINE.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_is_named_and_combined() {
        for (persons, unnamed, pending, line) in [
            (3, false, 0, None),
            (0, false, 0, Some("台账中没有人员，本表为草稿，不得报送")),
            (3, true, 0, Some("未填写单位名称，本表为草稿，不得报送")),
            (3, false, 2, Some("尚有 2 人待核实，本表为草稿，不得报送")),
            (
                3,
                true,
                1,
                Some("未填写单位名称，尚有 1 人待核实，本表为草稿，不得报送"),
            ),
            (
                0,
                true,
                0,
                Some("台账中没有人员，未填写单位名称，本表为草稿，不得报送"),
            ),
        ] {
            let s = FormStatus::new(persons, unnamed, pending);
            assert_eq!(s.draft_line().as_deref(), line, "{s:?}");
            assert_eq!(s.is_final(), line.is_none());
            assert!(!s.line().contains("尚有 0 人"));
            if s.is_final() {
                assert_eq!(s.line(), wording::FINAL_LINE);
            } else {
                assert!(!s.line().contains("正式表"), "{}", s.line());
            }
        }
    }

    #[test]
    fn a_blank_agency_name_is_unset() {
        let report = crate::checks::check_roster(
            &crate::domain::Roster::default(),
            chrono::NaiveDate::from_ymd_opt(2024, 7, 10).unwrap_or_default(),
        );
        let settings = Settings {
            agency_name: " \u{3000}".to_string(),
            ..Settings::default()
        };
        let s = FormStatus::of(&report, &settings);
        assert_eq!(s.reasons(), ["台账中没有人员", "未填写单位名称"]);
    }
}
