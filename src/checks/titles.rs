//! Engineering titles (职称) and the earliest plausible years after graduation,
//! from 人社部发〔2019〕16号《工程技术人才职称评价基本标准》 (domain.md).

use crate::domain::EducationLevel;

/// An engineering title recognised by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineeringTitle {
    /// 助理工程师 (助工).
    Assistant,
    /// 工程师.
    Engineer,
    /// 高级工程师 (高工).
    Senior,
    /// 正高级工程师.
    Professor,
}

impl EngineeringTitle {
    /// Matches a 职称名称 exactly (after removing white space and folding width);
    /// other titles (技术员, 经济师 …) are not engineering titles here.
    pub fn from_name(name: &str) -> Option<Self> {
        match crate::domain::text::name_key(name).as_str() {
            "助理工程师" | "助工" => Some(EngineeringTitle::Assistant),
            "工程师" => Some(EngineeringTitle::Engineer),
            "高级工程师" | "高工" => Some(EngineeringTitle::Senior),
            "正高级工程师" => Some(EngineeringTitle::Professor),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EngineeringTitle::Assistant => "助理工程师",
            EngineeringTitle::Engineer => "工程师",
            EngineeringTitle::Senior => "高级工程师",
            EngineeringTitle::Professor => "正高级工程师",
        }
    }
}

/// The years a person of `level` needs after graduation before `title`:
/// `Some(Some(n))` n years; `Some(None)` no ordinary route from that level
/// (a "–" in the table); `None` when the table does not cover the level (高中).
pub fn min_years(title: EngineeringTitle, level: EducationLevel) -> Option<Option<u32>> {
    use EducationLevel::*;
    use EngineeringTitle::*;
    let column = match level {
        Doctor => 0,
        Master | SecondBachelor => 1,
        Bachelor => 2,
        College => 3,
        Secondary => 4,
        HighSchool => return None,
    };
    let row: [Option<u32>; 5] = match title {
        Assistant => [Some(0), Some(0), Some(1), Some(3), Some(5)],
        Engineer => [Some(0), Some(2), Some(5), Some(7), None],
        Senior => [Some(2), Some(7), Some(10), None, None],
        Professor => [Some(7), Some(12), Some(15), None, None],
    };
    Some(row[column])
}
