//! A cell's value "as the cell shows it": text, numbers without a spurious ".0",
//! Excel dates as 2024-07-10. Numbers too long for Excel to keep exactly are
//! marked, so that a 身份证号 typed as a number is refused rather than stored wrong.

use calamine::{Data, DataRef};
use chrono::NaiveDate;

use crate::domain::text::clean_text;

/// Excel keeps 15 significant digits: an integer this large may have lost its last ones.
const EXACT_LIMIT: f64 = 1e15;

/// One cell as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// The value as text, trimmed, full-width digits and letters folded; empty for an empty cell.
    pub text: String,
    /// Why the cell cannot be used as it is (an error value, a number too long).
    pub problem: Option<String>,
}

impl Cell {
    pub fn text(s: &str) -> Cell {
        Cell {
            text: clean_text(s),
            problem: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.problem.is_none()
    }
}

/// The text of a number as Excel shows it in a General cell.
pub fn number_text(f: f64) -> String {
    // Whole numbers an i64 holds exactly: integer formatting, many times
    // faster than float formatting (a 300,000-row payment list has millions).
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15 {
        return (f as i64).to_string();
    }
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e17 {
        format!("{f:.0}")
    } else {
        format!("{f}")
    }
}

fn lost_digits(text: &str) -> String {
    format!(
        "数字“{text}”超过15位，Excel 已把它当作数值保存，末尾几位可能已丢失；请把该列设置为“文本”格式后重新录入"
    )
}

/// A number as Excel shows it, marked when it may have lost digits.
pub fn from_number(f: f64) -> Cell {
    let text = number_text(f);
    let problem = (f.fract() == 0.0 && f.abs() >= EXACT_LIMIT).then(|| lost_digits(&text));
    Cell { text, problem }
}

/// Whether `s` is a number in scientific notation ("3.70502E+17").
fn scientific(s: &str) -> Option<f64> {
    let s = s.trim();
    let (mantissa, exponent) = s.split_once(['E', 'e'])?;
    let digits = mantissa.strip_prefix(['+', '-']).unwrap_or(mantissa);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let exp = exponent.strip_prefix('+').unwrap_or(exponent);
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    (!int.is_empty() && all_digits(int) && all_digits(frac) && !exp.is_empty() && all_digits(exp))
        .then(|| s.parse::<f64>().ok())
        .flatten()
}

/// A cell of a text table (CSV, HTML): its text as written, marked when it is
/// a long number in the scientific notation Excel writes for one
/// ("3.70502E+17"): its digits are gone, as with a number cell.
pub fn from_table_text(s: &str) -> Cell {
    let mut cell = Cell::text(s);
    if let Some(f) = scientific(&cell.text)
        && f.abs() >= EXACT_LIMIT
    {
        cell.problem = Some(lost_digits(&cell.text));
    }
    cell
}

fn date_cell(date: Option<NaiveDate>, raw: f64) -> Cell {
    match date {
        Some(d) => Cell {
            text: d.to_string(),
            problem: None,
        },
        None => Cell {
            text: number_text(raw),
            problem: Some("单元格是日期格式，但不是有效日期".into()),
        },
    }
}

/// A streamed cell as [`from_data`] reads it, without copying its text first
/// (a 300,000-row payment list has millions of text cells).
pub fn from_data_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::String(s) => Cell::text(s),
        DataRef::SharedString(s) => Cell::text(s),
        other => from_data(&Data::from(other.clone())),
    }
}

/// Converts a calamine value.
pub fn from_data(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::default(),
        Data::String(s) => Cell::text(s),
        Data::Int(n) => Cell {
            text: n.to_string(),
            problem: None,
        },
        Data::Float(f) => from_number(*f),
        Data::Bool(b) => Cell::text(if *b { "是" } else { "否" }),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            date_cell(
                NaiveDate::from_ymd_opt(y as i32, m as u32, day as u32),
                dt.as_f64(),
            )
        }
        Data::DateTime(dt) => from_number(dt.as_f64()),
        Data::DateTimeIso(s) => {
            let head: String = s.chars().take(10).collect();
            match NaiveDate::parse_from_str(&head, "%Y-%m-%d") {
                Ok(d) => date_cell(Some(d), 0.0),
                Err(_) => Cell::text(s),
            }
        }
        Data::DurationIso(s) => Cell::text(s),
        Data::Error(e) => Cell {
            text: e.to_string(),
            problem: Some(format!("单元格是错误值 {e}，请改为实际内容")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn numbers_read_as_shown() {
        assert_eq!(from_data(&Data::Float(123.0)).text, "123");
        assert_eq!(from_data(&Data::Float(3.5)).text, "3.5");
        assert_eq!(from_data(&Data::Float(20240710.0)).text, "20240710");
        assert_eq!(from_data(&Data::Int(7)).text, "7");
        let old_id = from_data(&Data::Float(370502800101101.0));
        assert_eq!(old_id.text, "370502800101101");
        assert!(old_id.problem.is_none());
        let long = from_data(&Data::Float(110105194912310000.0));
        assert_eq!(long.text, "110105194912310000");
        assert!(long.problem.unwrap().contains("15位"));
    }

    #[test]
    fn scientific_notation_in_text_lost_its_digits() {
        let id = from_table_text("3.70502E+17");
        assert_eq!(id.text, "3.70502E+17");
        assert!(id.problem.unwrap().contains("15位"));
        assert!(from_table_text("1.5E+3").problem.is_none());
        assert!(from_table_text("370502198001011013").problem.is_none());
        assert!(from_table_text("E+17").problem.is_none());
        assert!(from_table_text("3E").problem.is_none());
        assert_eq!(from_table_text(" 张三 ").text, "张三");
    }

    #[test]
    fn dates_read_as_dates() {
        let dt = ExcelDateTime::new(45483.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(from_data(&Data::DateTime(dt)).text, "2024-07-10");
        let with_time = ExcelDateTime::new(45483.75, ExcelDateTimeType::DateTime, false);
        assert_eq!(from_data(&Data::DateTime(with_time)).text, "2024-07-10");
        assert_eq!(
            from_data(&Data::DateTimeIso("2024-07-10T00:00:00".into())).text,
            "2024-07-10"
        );
        // Digits fold; the full-width dash stays for the month parser, which folds it.
        let month = from_data(&Data::String(" ２０２４－０７ ".into())).text;
        assert_eq!(month, "2024－07");
        assert_eq!(
            crate::domain::parse::parse_month(&month),
            Ok(crate::domain::YearMonth::new(2024, 7))
        );
        assert_eq!(
            from_data(&Data::String("已整改，见（附件）".into())).text,
            "已整改，见（附件）"
        );
        assert!(
            from_data(&Data::Error(calamine::CellErrorType::NA))
                .problem
                .is_some()
        );
    }
}
