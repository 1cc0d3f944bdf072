//! Agency settings (单位信息) and the staffing table (人员条件).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::parse::parse_date;
use super::text::{clean, clean_text, same_unit};
use crate::error::{Error, Result};

/// The default 核查月数 W.
pub const DEFAULT_WINDOW_MONTHS: u32 = 12;
/// The largest 核查月数 accepted (ten years).
pub const MAX_WINDOW_MONTHS: u32 = 120;
/// The default 到期提醒天数: certificates expiring within this many days after R are flagged.
pub const DEFAULT_EXPIRY_WARNING_DAYS: u32 = 90;
/// The largest 到期提醒天数 accepted (ten years).
pub const MAX_EXPIRY_WARNING_DAYS: u32 = 3650;

fn default_expiry_warning_days() -> u32 {
    DEFAULT_EXPIRY_WARNING_DAYS
}

/// 单位信息: who the agency is and how the checks are run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// 单位名称: the agency's name, also the payer name that counts as "the agency".
    pub agency_name: String,
    /// 单位别名: other registered or short names of the same unit, which count
    /// as the agency wherever a payer or a unit is compared (rules.md, Output).
    #[serde(default)]
    pub aliases: Vec<String>,
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
    /// 到期提醒天数: a certificate whose 有效期至 falls within this many days
    /// after R raises `cert.expiring`; 0 turns the reminder off.
    #[serde(default = "default_expiry_warning_days")]
    pub expiry_warning_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            agency_name: String::new(),
            aliases: Vec::new(),
            head: String::new(),
            filler: String::new(),
            phone: String::new(),
            reference_date: None,
            window_months: DEFAULT_WINDOW_MONTHS,
            expiry_warning_days: DEFAULT_EXPIRY_WARNING_DAYS,
        }
    }
}

/// One settable field of [`Settings`], with its Chinese name and its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKey {
    AgencyName,
    Aliases,
    Head,
    Filler,
    Phone,
    ReferenceDate,
    WindowMonths,
    ExpiryWarningDays,
}

impl SettingKey {
    pub const ALL: [SettingKey; 8] = [
        SettingKey::AgencyName,
        SettingKey::Aliases,
        SettingKey::Head,
        SettingKey::Filler,
        SettingKey::Phone,
        SettingKey::ReferenceDate,
        SettingKey::WindowMonths,
        SettingKey::ExpiryWarningDays,
    ];

    /// The Chinese name, as on the 单位信息 sheet.
    pub fn label(self) -> &'static str {
        match self {
            SettingKey::AgencyName => "单位名称",
            SettingKey::Aliases => "单位别名",
            SettingKey::Head => "单位主要负责人",
            SettingKey::Filler => "填表人",
            SettingKey::Phone => "联系电话",
            SettingKey::ReferenceDate => "核查基准日",
            SettingKey::WindowMonths => "核查月数",
            SettingKey::ExpiryWarningDays => "到期提醒天数",
        }
    }

    /// The stored key.
    pub fn key(self) -> &'static str {
        match self {
            SettingKey::AgencyName => "agency_name",
            SettingKey::Aliases => "agency_aliases",
            SettingKey::Head => "head",
            SettingKey::Filler => "filler",
            SettingKey::Phone => "phone",
            SettingKey::ReferenceDate => "reference_date",
            SettingKey::WindowMonths => "window_months",
            SettingKey::ExpiryWarningDays => "expiry_warning_days",
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
            SettingKey::Aliases => self.aliases.join(ALIAS_SEPARATOR),
            SettingKey::Head => self.head.clone(),
            SettingKey::Filler => self.filler.clone(),
            SettingKey::Phone => self.phone.clone(),
            SettingKey::ReferenceDate => self
                .reference_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            SettingKey::WindowMonths => self.window_months.to_string(),
            SettingKey::ExpiryWarningDays => self.expiry_warning_days.to_string(),
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
            SettingKey::Aliases => {
                let mut names: Vec<String> = Vec::new();
                for name in v.split(['；', ';', '、', '\n', '，', ',']).map(clean) {
                    if name.is_empty() || names.iter().any(|n| same_unit(n, &name)) {
                        continue;
                    }
                    if let Err(m) = super::limits::FieldSize::Text.check(&name) {
                        return Err(Error::invalid(key.label(), m));
                    }
                    names.push(name);
                }
                self.aliases = names;
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
            SettingKey::ExpiryWarningDays => {
                // An empty value (e.g. a cleared field) means the default.
                if v.is_empty() {
                    self.expiry_warning_days = DEFAULT_EXPIRY_WARNING_DAYS;
                    return Ok(());
                }
                let n: u32 = v.parse().map_err(|_| {
                    Error::invalid(
                        key.label(),
                        format!("“{v}”不是整数，应为 0 到 {MAX_EXPIRY_WARNING_DAYS} 之间的天数（0 表示不提醒）"),
                    )
                })?;
                if n > MAX_EXPIRY_WARNING_DAYS {
                    return Err(Error::invalid(
                        key.label(),
                        format!("{n} 超出范围，应为 0 到 {MAX_EXPIRY_WARNING_DAYS} 之间的天数"),
                    ));
                }
                self.expiry_warning_days = n;
            }
        }
        Ok(())
    }

    /// Whether `unit` names the agency: its 单位名称 or one of its 单位别名,
    /// compared as unit names are (white space and width ignored).
    pub fn is_agency(&self, unit: &str) -> bool {
        names_agency(unit, &self.agency_name, &self.aliases)
    }

    /// 核查基准日 R, today when unset.
    pub fn reference_date_or(&self, today: NaiveDate) -> NaiveDate {
        self.reference_date.unwrap_or(today)
    }
}

/// How several 单位别名 are written in one text (settings screen, 单位信息 sheet).
pub const ALIAS_SEPARATOR: &str = "；";

/// Whether `unit` is `name` or one of `aliases` (see [`same_unit`]).
pub fn names_agency(unit: &str, name: &str, aliases: &[String]) -> bool {
    same_unit(unit, name) || aliases.iter().any(|a| same_unit(unit, a))
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
            (SettingKey::ExpiryWarningDays, "三个月"),
            (SettingKey::ExpiryWarningDays, "3651"),
            (SettingKey::ExpiryWarningDays, "-1"),
            (SettingKey::AgencyName, "  "),
        ] {
            let e = s.set(k, v).unwrap_err();
            assert!(e.to_string().starts_with(k.label()), "{e}");
            assert!(e.is_user_error());
            assert_eq!(s, before);
        }
        s.set(SettingKey::WindowMonths, "6").unwrap();
        assert_eq!(s.window_months, 6);
        assert_eq!(s.expiry_warning_days, 90, "the default");
        s.set(SettingKey::ExpiryWarningDays, "30").unwrap();
        assert_eq!(s.get(SettingKey::ExpiryWarningDays), "30");
        s.set(SettingKey::ExpiryWarningDays, "0").unwrap();
        assert_eq!(s.expiry_warning_days, 0);
        s.set(SettingKey::ExpiryWarningDays, "").unwrap();
        assert_eq!(s.expiry_warning_days, 90, "empty is the default");
        assert_eq!(
            SettingKey::find("到期提醒天数").unwrap(),
            SettingKey::ExpiryWarningDays
        );
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
    fn aliases_name_the_agency() {
        let mut s = Settings::default();
        s.set(SettingKey::AgencyName, "东营市特检院").unwrap();
        s.set(
            SettingKey::Aliases,
            "东营市特种设备检验研究院；东营市特种设备检验研究院 ；东营特检(分院)",
        )
        .unwrap();
        assert_eq!(s.aliases.len(), 2, "{:?}", s.aliases);
        assert!(s.is_agency("东营市特检院"));
        assert!(s.is_agency("东营市特种设备检验研究院"));
        assert!(s.is_agency("东营特检（分院）"));
        assert!(!s.is_agency("某人力资源公司"));
        assert_eq!(
            s.get(SettingKey::Aliases),
            "东营市特种设备检验研究院；东营特检(分院)"
        );
        s.set(SettingKey::Aliases, "").unwrap();
        assert!(s.aliases.is_empty());
    }

    #[test]
    fn staffing_patterns_split() {
        assert_eq!(
            StaffingLine::split_patterns("RT-Ⅱ、UT-Ⅱ；MT-Ⅱ, PT-Ⅱ"),
            vec!["RT-Ⅱ", "UT-Ⅱ", "MT-Ⅱ", "PT-Ⅱ"]
        );
    }
}
