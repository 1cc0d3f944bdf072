//! Matching rows to persons: 身份证号 first, else a 姓名 that is unique among the
//! persons without a different 身份证号 (docs/WORKBOOK.md, "Matching rows to persons").

use std::collections::HashMap;

use crate::domain::text::name_key;
use crate::domain::{Person, PersonField};
use crate::error::CellError;

use super::columns::{Col, SheetKind};
use super::parse::Parsed;

fn person_error(
    parsed: &Parsed,
    row: u32,
    field: PersonField,
    value: &str,
    msg: String,
) -> CellError {
    let sheet = parsed.sheet_name(SheetKind::Persons);
    let header = parsed
        .tables
        .iter()
        .find(|t| t.kind == SheetKind::Persons)
        .map(|t| t.header(Col::Person(field)).to_string())
        .unwrap_or_else(|| field.header().to_string());
    CellError::cell(&sheet, row, &header, value, msg)
}

/// Marks file persons sharing a 身份证号 as errors, every row of each group.
pub(super) fn duplicate_ids(parsed: &mut Parsed) {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in parsed.persons.iter().enumerate() {
        if let Some(id) = &p.person.id_number {
            groups.entry(id.clone()).or_default().push(i);
        }
    }
    let mut errors = Vec::new();
    for (id, rows) in groups.into_iter().filter(|(_, r)| r.len() > 1) {
        for &i in &rows {
            let others: Vec<String> = rows
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| format!("第{}行", parsed.persons[j].row))
                .collect();
            parsed.persons[i].ok = false;
            errors.push(person_error(
                parsed,
                parsed.persons[i].row,
                PersonField::IdNumber,
                &id,
                format!(
                    "身份证号与{}重复：同一身份证号只能属于一名人员",
                    others.join("、")
                ),
            ));
        }
    }
    parsed.errors.extend(errors);
}

/// Finds the stored person a file person stands for: same 身份证号, else the
/// one person of the same 姓名 (without a different 身份证号).
pub(super) fn match_stored(p: &Person, stored: &Index) -> Result<Option<usize>, String> {
    match stored.find(&p.name, p.id_number.as_deref()) {
        Ok(i) => Ok(Some(i)),
        Err(0) => Ok(None),
        Err(n) if p.id_number.is_some() => Err(format!(
            "台账中已有{n}名“{}”且都没有身份证号，无法确定与哪一位对应；请先在台账中补齐身份证号",
            p.name
        )),
        Err(n) => Err(format!(
            "台账中有{n}名“{}”，请填写身份证号以确定是哪一位",
            p.name
        )),
    }
}

/// The roster's persons, indexed for attaching child rows.
pub(super) struct Index {
    by_id: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    has_id: Vec<bool>,
}

impl Index {
    pub(super) fn new<'a>(persons: impl Iterator<Item = &'a Person>) -> Self {
        let mut ix = Index {
            by_id: HashMap::new(),
            by_name: HashMap::new(),
            has_id: Vec::new(),
        };
        for (i, p) in persons.enumerate() {
            if let Some(id) = &p.id_number {
                ix.by_id.insert(id.to_ascii_uppercase(), i);
            }
            ix.by_name.entry(name_key(&p.name)).or_default().push(i);
            ix.has_id.push(p.id_number.is_some());
        }
        ix
    }

    /// By 身份证号 when both have one, else by 姓名 (which must then be unique).
    pub(super) fn find(&self, name: &str, id: Option<&str>) -> Result<usize, usize> {
        if let Some(&i) = id.and_then(|id| self.by_id.get(id)) {
            return Ok(i);
        }
        let all = self
            .by_name
            .get(&name_key(name))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let candidates: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| id.is_none() || !self.has_id[i])
            .collect();
        match candidates.as_slice() {
            [i] => Ok(*i),
            other => Err(other.len()),
        }
    }
}
