//! A calendar month (缴费月份), the unit of social-insurance records.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A calendar month such as 2024-07. Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    /// `None` unless `month` is 1–12 and the year is 1900–2999.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((1..=12).contains(&month) && (1900..=2999).contains(&year)).then_some(Self { year, month })
    }

    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    fn index(self) -> i64 {
        self.year as i64 * 12 + (self.month as i64 - 1)
    }

    fn from_index(i: i64) -> Self {
        Self {
            year: i.div_euclid(12) as i32,
            month: (i.rem_euclid(12) + 1) as u32,
        }
    }

    /// The month `n` months later (earlier when negative).
    pub fn plus_months(self, n: i64) -> Self {
        Self::from_index(self.index() + n)
    }

    /// Every month from `self` to `last`, both included (empty when `last` is earlier).
    pub fn through(self, last: YearMonth) -> impl Iterator<Item = YearMonth> {
        (self.index()..=last.index()).map(Self::from_index)
    }

    /// Months from `self` to `other` (`other - self`).
    pub fn months_until(self, other: YearMonth) -> i64 {
        other.index() - self.index()
    }

    /// "2024年7月", the way months appear in reasons.
    pub fn chinese(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }

    /// "2024-07", the stored form.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// Parses the stored form "2024-07".
    pub fn parse_iso(s: &str) -> Option<Self> {
        let (y, m) = s.split_once('-')?;
        Self::new(y.parse().ok()?, m.parse().ok()?)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl From<YearMonth> for String {
    fn from(m: YearMonth) -> String {
        m.iso()
    }
}

impl TryFrom<String> for YearMonth {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse_iso(&s).ok_or_else(|| format!("不是有效的月份：{s}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_crosses_years() {
        let m = YearMonth::new(2024, 1).unwrap();
        assert_eq!(m.plus_months(-1), YearMonth::new(2023, 12).unwrap());
        assert_eq!(m.plus_months(12), YearMonth::new(2025, 1).unwrap());
        let all: Vec<_> = YearMonth::new(2023, 11).unwrap().through(m).collect();
        assert_eq!(all.len(), 3);
        assert_eq!(all[2], m);
        assert_eq!(m.chinese(), "2024年1月");
        assert_eq!(YearMonth::parse_iso("2024-01"), Some(m));
        assert_eq!(YearMonth::parse_iso("2024-00"), None);
        assert_eq!(YearMonth::new(2024, 13), None);
    }
}
