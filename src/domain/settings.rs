//! Agency settings (单位信息) and the staffing table (人员条件).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::parse::parse_date;
use super::text::{clean, clean_text};
use crate::error::{Error, Result};

/// The default 核查月数 W.
pub const DEFAULT_WINDOW_MONTHS: u32 = 12;
/// The largest 核查月数 accepted (ten years).
pub const MAX_WINDOW_MONTHS: u32 = 120;

/// 单位信息: who the agency is and how the checks are run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// 单位名称: the agency's name, also the payer name that counts as "the agency".
    pub agency_name: String,
    /// 单位主要负责人.
    pub head: String,
    /// 填表人.
    pub filler: String,
    /// 联系电话.
    pub phone: String,
    /// 核查基准日 R; `None` means today.
    pub reference_date: Option<NaiveDate>,
    /// 核查月数 W.
    pub window_months: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            agency_name: String::new(),
            head: String::new(),
            filler: String::new(),
            phone: String::new(),
            reference_date: None,
            window_months: DEFAULT_WINDOW_MONTHS,
        }
    }
}

/// One settable field of [`Settings`], with its Chinese name and its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKey {
    AgencyName,
    Head,
    Filler,
    Phone,
    ReferenceDate,
    WindowMonths,
}

impl SettingKey {
    pub const ALL: [SettingKey; 6] = [
        SettingKey::AgencyName,
        SettingKey::Head,
        SettingKey::Filler,
        SettingKey::Phone,
        SettingKey::ReferenceDate,
        SettingKey::WindowMonths,
    ];

    /// The Chinese name, as on the 单位信息 sheet.
    pub fn label(self) -> &'static str {
        match self {
            SettingKey::AgencyName => "单位名称",
            SettingKey::Head => "单位主要负责人",
            SettingKey::Filler => "填表人",
            SettingKey::Phone => "联系电话",
            SettingKey::ReferenceDate => "核查基准日",
            SettingKey::WindowMonths => "核查月数",
        }
    }

    /// The stored key.
    pub fn key(self) -> &'static str {
        match self {
            SettingKey::AgencyName => "agency_name",
            SettingKey::Head => "head",
            SettingKey::Filler => "filler",
            SettingKey::Phone => "phone",
            SettingKey::ReferenceDate => "reference_date",
            SettingKey::WindowMonths => "window_months",
        }
    }

    /// Finds a key by its Chinese name or its stored key.
    pub fn find(text: &str) -> Result<SettingKey> {
        let t = clean(text);
        let t = t.trim_end_matches('*').trim_end_matches("（必填）");
        SettingKey::ALL
            .into_iter()
            .find(|k| k.label() == t || k.key() == t)
            .ok_or_else(|| {
                let names: Vec<_> = SettingKey::ALL.iter().map(|k| k.label()).collect();
                Error::invalid(
                    "设置项",
                    format!("没有“{t}”这一项，可设置：{}", names.join("、")),
                )
            })
    }
}

impl Settings {
    /// The value of one field as text (empty for an unset 核查基准日).
    pub fn get(&self, key: SettingKey) -> String {
        match key {
            SettingKey::AgencyName => self.agency_name.clone(),
            SettingKey::Head => self.head.clone(),
            SettingKey::Filler => self.filler.clone(),
            SettingKey::Phone => self.phone.clone(),
            SettingKey::ReferenceDate => self
                .reference_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            SettingKey::WindowMonths => self.window_months.to_string(),
        }
    }

    /// Sets one field from text, refusing a value that does not parse with a
    /// message naming the field. On error `self` is unchanged.
    pub fn set(&mut self, key: SettingKey, value: &str) -> Result<()> {
        let v = clean_text(value);
        match key {
            SettingKey::AgencyName => {
                if v.is_empty() {
                    return Err(Error::invalid(key.label(), "不能为空"));
                }
                self.agency_name = v;
            }
            SettingKey::Head => self.head = v,
            SettingKey::Filler => self.filler = v,
            SettingKey::Phone => self.phone = v,
            SettingKey::ReferenceDate => {
                self.reference_date = parse_date(&v).map_err(|m| Error::invalid(key.label(), m))?;
            }
            SettingKey::WindowMonths => {
                let n: u32 = v.parse().map_err(|_| {
                    Error::invalid(
                        key.label(),
                        format!("“{v}”不是整数，应为 1 到 {MAX_WINDOW_MONTHS} 之间的月数"),
                    )
                })?;
                if !(1..=MAX_WINDOW_MONTHS).contains(&n) {
                    return Err(Error::invalid(
                        key.label(),
                        format!("{n} 超出范围，应为 1 到 {MAX_WINDOW_MONTHS} 之间的月数"),
                    ));
                }
                self.window_months = n;
            }
        }
        Ok(())
    }

    /// 核查基准日 R, today when unset.
    pub fn reference_date_or(&self, today: NaiveDate) -> NaiveDate {
        self.reference_date.unwrap_or(today)
    }
}

/// 人员条件: one line of the staffing table from the agency's 核准规则 conditions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffingLine {
    /// 类别, e.g. 检验师.
    pub category: String,
    /// 证书项目 patterns; a certificate matches when its item contains one of them.
    pub patterns: Vec<String>,
    /// 最少人数.
    pub min_count: u32,
}

impl StaffingLine {
    /// Splits the 证书项目 cell on 、 ； ; ， or , into patterns.
    pub fn split_patterns(text: &str) -> Vec<String> {
        text.split(['、', '；', ';', '，', ','])
            .map(clean)
            .filter(|p| !p.is_empty())
            .collect()
    }

    /// The patterns joined back with 、 for display and export.
    pub fn patterns_text(&self) -> String {
        self.patterns.join("、")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_settings_are_refused_and_leave_settings_unchanged() {
        let mut s = Settings::default();
        let before = s.clone();
        for (k, v) in [
            (SettingKey::ReferenceDate, "2024-13-01"),
            (SettingKey::WindowMonths, "0"),
            (SettingKey::WindowMonths, "1000"),
            (SettingKey::WindowMonths, "十二"),
            (SettingKey::AgencyName, "  "),
        ] {
            let e = s.set(k, v).unwrap_err();
            assert!(e.to_string().starts_with(k.label()), "{e}");
            assert!(e.is_user_error());
            assert_eq!(s, before);
        }
        s.set(SettingKey::WindowMonths, "6").unwrap();
        assert_eq!(s.window_months, 6);
        assert_eq!(
            SettingKey::find("核查基准日").unwrap(),
            SettingKey::ReferenceDate
        );
        assert_eq!(
            SettingKey::find("window_months").unwrap(),
            SettingKey::WindowMonths
        );
        assert!(SettingKey::find("单位地址").is_err());
    }

    #[test]
    fn staffing_patterns_split() {
        assert_eq!(
            StaffingLine::split_patterns("RT-Ⅱ、UT-Ⅱ；MT-Ⅱ, PT-Ⅱ"),
            vec!["RT-Ⅱ", "UT-Ⅱ", "MT-Ⅱ", "PT-Ⅱ"]
        );
    }
}
