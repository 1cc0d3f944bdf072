//! Parsing the two settings sheets: 人员条件 (the staffing table) and 单位信息
//! (项目 | 内容 rows).

use crate::domain::{SettingKey, Settings, StaffingLine};

use super::columns::Col;
use super::parse::{Parsed, RowErrors};
use super::table::Table;

fn parse_count(text: &str) -> Result<u32, String> {
    let bad = || format!("“{text}”不是有效人数，应为不小于0的整数");
    text.parse::<u32>()
        .ok()
        .or_else(|| {
            text.parse::<f64>()
                .ok()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= u32::MAX as f64)
                .map(|f| f as u32)
        })
        .ok_or_else(bad)
}

pub(super) fn parse_staffing(t: &Table, out: &mut Parsed) {
    let mut lines = Vec::new();
    for row in &t.rows {
        let mut e = RowErrors::new(t, row);
        let category = e.required(Col::StaffCategory);
        let patterns = e
            .required(Col::StaffPatterns)
            .map(|p| StaffingLine::split_patterns(&p))
            .unwrap_or_default();
        let min_count = e.required(Col::StaffMin).and_then(|n| {
            parse_count(&n)
                .map_err(|m| e.push(Col::StaffMin, &n, m))
                .ok()
        });
        let ok = e.finish(&mut out.errors);
        lines.push((
            row.number,
            StaffingLine {
                category: category.unwrap_or_default(),
                patterns,
                min_count: min_count.unwrap_or(0),
            },
            ok,
        ));
    }
    out.staffing = (!lines.is_empty()).then_some(lines);
}

pub(super) fn parse_agency(t: &Table, out: &mut Parsed) {
    let mut seen: Vec<(SettingKey, u32)> = Vec::new();
    for row in &t.rows {
        let mut e = RowErrors::new(t, row);
        let Some(item) = e.required(Col::AgencyItem) else {
            e.finish(&mut out.errors);
            continue;
        };
        let value = e.text(Col::AgencyValue).unwrap_or("").to_string();
        let key = match SettingKey::find(&item) {
            Ok(k) => Some(k),
            Err(err) => {
                let m = match err {
                    crate::Error::InvalidValue { message, .. } => message,
                    other => other.to_string(),
                };
                e.push(Col::AgencyItem, &item, m);
                None
            }
        };
        if let Some(k) = key {
            if let Some((_, first)) = seen.iter().find(|(s, _)| *s == k) {
                e.push(
                    Col::AgencyItem,
                    &item,
                    format!("“{}”已在第{first}行填写，请只保留一行", k.label()),
                );
            } else {
                seen.push((k, row.number));
            }
            if !value.is_empty()
                && let Err(err) = Settings::default().set(k, &value)
            {
                let m = match err {
                    crate::Error::InvalidValue { message, .. } => message,
                    other => other.to_string(),
                };
                e.push(Col::AgencyValue, &value, format!("{}：{m}", k.label()));
            }
        }
        let ok = e.finish(&mut out.errors);
        if let (Some(k), false) = (key, value.is_empty()) {
            out.agency.push((row.number, k, value, ok));
        }
    }
}
