//! Parsers for the value spellings the clerk may type or import
//! (docs/WORKBOOK.md, "Values"). Each returns a Chinese message
//! saying what is expected when the text does not parse.

use chrono::NaiveDate;

use super::month::YearMonth;
use super::text::clean;

/// What a date field accepts, for messages.
pub const DATE_HINT: &str =
    "日期应写作 2024-07-10、2024/7/10、2024.7.10、20240710 或 2024年7月10日";
/// What a month field accepts, for messages.
pub const MONTH_HINT: &str = "月份应写作 2024-07、2024/7、202407 或 2024年7月";
/// What a yes/no field accepts, for messages.
pub const YES_NO_HINT: &str = "应填“是”或“否”（也可填 Y/N、√/×、有/无）";

/// Splits "2024-7-10", "2024/7/10", "2024.7.10", "2024年7月10日" into numeric parts.
fn numeric_parts(s: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        Some(parts)
    } else {
        None
    }
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Parses a date in any accepted spelling. Empty text is `Ok(None)`.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let s = clean(text);
    if s.is_empty() {
        return Ok(None);
    }
    let bad = || format!("“{s}”不是有效日期，{DATE_HINT}");
    let parts = numeric_parts(&s).ok_or_else(bad)?;
    let date = match parts.as_slice() {
        [compact] if compact.len() == 8 => ymd(&compact[..4], &compact[4..6], &compact[6..]),
        [y, m, d] => ymd(y, m, d),
        _ => None,
    };
    let date = date.ok_or_else(bad)?;
    if !(1900..=2999).contains(&chrono::Datelike::year(&date)) {
        return Err(bad());
    }
    Ok(Some(date))
}

/// Parses a month in any accepted spelling; a full date stands for its month.
/// Empty text is `Ok(None)`.
pub fn parse_month(text: &str) -> Result<Option<YearMonth>, String> {
    let s = clean(text);
    if s.is_empty() {
        return Ok(None);
    }
    let bad = || format!("“{s}”不是有效月份，{MONTH_HINT}");
    let parts = numeric_parts(&s).ok_or_else(bad)?;
    let ym = |y: &str, m: &str| -> Option<YearMonth> {
        if y.len() != 4 || m.is_empty() || m.len() > 2 {
            return None;
        }
        YearMonth::new(y.parse().ok()?, m.parse().ok()?)
    };
    let month = match parts.as_slice() {
        [compact] if compact.len() == 6 => ym(&compact[..4], &compact[4..]),
        [compact] if compact.len() == 8 => parse_date(compact).ok().flatten().map(YearMonth::of),
        [y, m] => ym(y, m),
        [_, _, _] => parse_date(&s).ok().flatten().map(YearMonth::of),
        _ => None,
    };
    month.map(Some).ok_or_else(bad)
}

/// Parses 是/否 and its accepted spellings. Empty text is `Ok(None)`.
pub fn parse_yes_no(text: &str) -> Result<Option<bool>, String> {
    let s = clean(text);
    match s.as_str() {
        "" => Ok(None),
        "是" | "Y" | "y" | "√" | "✓" | "✔" | "有" => Ok(Some(true)),
        "否" | "N" | "n" | "×" | "✗" | "✘" | "无" => Ok(Some(false)),
        _ => Err(format!("“{s}”{YES_NO_HINT}")),
    }
}

/// 是 / 否, the way a yes/no value is written back out.
pub fn yes_no_label(v: bool) -> &'static str {
    if v { "是" } else { "否" }
}

/// "2024年7月10日", the way dates appear in reasons and on the form.
pub fn chinese_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn every_date_spelling() {
        for s in [
            "2024-07-10",
            "2024/7/10",
            "2024.7.10",
            "20240710",
            "2024年7月10日",
            " ２０２４－０７－１０ ",
        ] {
            assert_eq!(parse_date(s), Ok(d(2024, 7, 10)), "{s}");
        }
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(parse_date("2024-02-29"), Ok(d(2024, 2, 29)));
    }

    #[test]
    fn impossible_dates_are_refused() {
        for s in [
            "2024-13-45",
            "2023-02-29",
            "2024-07",
            "明天",
            "24-7-10",
            "2024-7-10-1",
        ] {
            let e = parse_date(s).unwrap_err();
            assert!(e.contains("不是有效日期"), "{s}: {e}");
        }
    }

    #[test]
    fn every_month_spelling() {
        let m = YearMonth::new(2024, 7);
        for s in [
            "2024-07",
            "2024/7",
            "202407",
            "2024年7月",
            "2024-07-10",
            "2024.7",
        ] {
            assert_eq!(parse_month(s), Ok(m), "{s}");
        }
        for s in ["2024-00", "2024-13", "24-07", "七月"] {
            assert!(parse_month(s).is_err(), "{s}");
        }
    }

    #[test]
    fn yes_no_spellings() {
        for s in ["是", "Y", "√", "有", " y "] {
            assert_eq!(parse_yes_no(s), Ok(Some(true)), "{s}");
        }
        for s in ["否", "N", "×", "无"] {
            assert_eq!(parse_yes_no(s), Ok(Some(false)), "{s}");
        }
        assert_eq!(parse_yes_no(""), Ok(None));
        assert!(parse_yes_no("不确定").is_err());
    }
}
