//! Conversions between stored column values and domain values.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Value;

use crate::domain::YearMonth;
use crate::error::{Error, Result};

pub const TIMESTAMP_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

pub fn text(v: &Option<String>) -> Value {
    v.clone().map(Value::Text).unwrap_or(Value::Null)
}

pub fn date(v: Option<NaiveDate>) -> Value {
    v.map(|d| Value::Text(d.to_string())).unwrap_or(Value::Null)
}

pub fn flag(v: Option<bool>) -> Value {
    v.map(|b| Value::Integer(b as i64)).unwrap_or(Value::Null)
}

pub fn label<T>(v: Option<T>, f: fn(T) -> &'static str) -> Value {
    v.map(|x| Value::Text(f(x).to_string()))
        .unwrap_or(Value::Null)
}

fn corrupt(what: &str, value: &str) -> Error {
    Error::Other(format!(
        "数据库中的{what}“{value}”无法识别，文件可能已被其他程序修改"
    ))
}

pub fn parse_date(v: Option<String>, what: &str) -> Result<Option<NaiveDate>> {
    v.map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| corrupt(what, &s)))
        .transpose()
}

pub fn parse_month(s: &str) -> Result<YearMonth> {
    YearMonth::parse_iso(s).ok_or_else(|| corrupt("月份", s))
}

pub fn parse_timestamp(s: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, TIMESTAMP_FORMAT).map_err(|_| corrupt("时间", s))
}

/// Parses a stored label with the enum's own parser.
pub fn parse_label<T>(
    v: Option<String>,
    parse: fn(&str) -> std::result::Result<Option<T>, String>,
    what: &str,
) -> Result<Option<T>> {
    match v {
        None => Ok(None),
        Some(s) => parse(&s).map_err(|_| corrupt(what, &s)),
    }
}

pub fn now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

pub fn timestamp(t: NaiveDateTime) -> String {
    t.format(TIMESTAMP_FORMAT).to_string()
}
