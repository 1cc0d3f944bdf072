//! The clerk's own decisions on a person: manual verdicts (人工认定), flag
//! confirmations and a hand-written remark. Each keeps who and when.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::enums::{Verdict, VerdictKind};
use super::person::Person;
use super::settings::{Settings, StaffingLine};

/// A verdict set by hand (人工认定), with its required note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManualVerdict {
    pub kind: VerdictKind,
    /// 是, 否 or - (a manual verdict is never 待核实).
    pub value: Verdict,
    pub note: String,
    pub who: String,
    pub at: NaiveDateTime,
}

/// A flag the clerk has looked at and confirmed with a note, so it no longer blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlagConfirmation {
    pub code: String,
    pub note: String,
    pub who: String,
    pub at: NaiveDateTime,
}

/// Everything the clerk decided about one person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Decisions {
    pub manual: Vec<ManualVerdict>,
    pub confirmations: Vec<FlagConfirmation>,
    /// 存在问题及整改情况说明 replaced by hand; `None` means built from the reasons.
    pub remark_override: Option<String>,
}

impl Decisions {
    pub fn manual_for(&self, kind: VerdictKind) -> Option<&ManualVerdict> {
        self.manual.iter().find(|m| m.kind == kind)
    }

    pub fn is_confirmed(&self, code: &str) -> bool {
        self.confirmations.iter().any(|c| c.code == code)
    }
}

/// A person with the clerk's decisions about them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonRecord {
    pub person: Person,
    pub decisions: Decisions,
}

/// The whole roster as the checks see it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Roster {
    pub settings: Settings,
    pub staffing: Vec<StaffingLine>,
    /// In form order (序号, then order of entry).
    pub persons: Vec<PersonRecord>,
}
