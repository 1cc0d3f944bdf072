//! What an import will change: file persons matched to stored ones (身份证号,
//! else a unique 姓名), merge or replace applied in memory, child rows attached
//! to their persons, identical rows skipped, settings and staffing compared.
//! Nothing here writes; [`super::apply`] does, in one transaction.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use crate::domain::{
    Person, PersonField, PersonRecord, Roster, SettingKey, Settings, StaffingLine,
};
use crate::error::CellError;
use crate::store::record_label;

use super::columns::{Col, SheetKind};
use super::matching::{Index, duplicate_ids, match_stored};
use super::parse::Parsed;

/// Rows added (or skipped as identical) per child sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowCounts {
    /// 证书 rows.
    pub certificates: usize,
    /// 社保 months (a range row counts each month).
    pub social_insurance: usize,
    /// 工作见证 rows.
    pub evidence: usize,
}

impl RowCounts {
    pub fn total(&self) -> usize {
        self.certificates + self.social_insurance + self.evidence
    }
}

/// One person of the roster after the import.
#[derive(Debug, Clone)]
pub struct PlannedPerson {
    /// The 人员 row it comes from; `None` for a stored person the file leaves alone.
    pub source_row: Option<u32>,
    /// The stored person (with its id), `None` for a new one.
    pub old: Option<Person>,
    /// The person as the import leaves it.
    pub new: Person,
    /// Child rows the import adds to this person.
    pub added: RowCounts,
}

impl PlannedPerson {
    pub fn is_new(&self) -> bool {
        self.old.is_none()
    }

    pub fn is_changed(&self) -> bool {
        self.old.as_ref().is_some_and(|o| *o != self.new)
    }
}

/// Everything the import will change.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub persons: Vec<PlannedPerson>,
    /// Stored persons the file does not hold (replace only).
    pub removed: Vec<PersonRecord>,
    /// The new settings and the items that change, when any does.
    pub settings: Option<(Settings, Vec<SettingKey>)>,
    /// The new staffing table, when it differs from the stored one.
    pub staffing: Option<Vec<StaffingLine>>,
    pub rows_added: RowCounts,
    pub rows_identical: RowCounts,
}

/// Builds the plan. Errors found while matching are added to `parsed.errors`
/// and their rows marked; only rows without errors enter the plan.
/// `stored` is the roster as the store returns it.
pub fn build(parsed: &mut Parsed, stored: Roster, replace: bool, skip_invalid: bool) -> Plan {
    duplicate_ids(parsed);
    let person_sheet = parsed.sheet_name(SheetKind::Persons);

    // File persons → stored persons.
    let mut matched: Vec<Option<usize>> = vec![None; parsed.persons.len()];
    let mut claimed: HashMap<usize, u32> = HashMap::new();
    let mut errors = Vec::new();
    let stored_index = Index::new(stored.persons.iter().map(|r| &r.person));
    for (i, row) in parsed.persons.iter_mut().enumerate() {
        if row.person.name.is_empty() {
            continue;
        }
        match match_stored(&row.person, &stored_index) {
            Ok(Some(s)) => {
                if let Some(first) = claimed.get(&s) {
                    row.ok = false;
                    errors.push(CellError::cell(
                        &person_sheet,
                        row.row,
                        PersonField::Name.header(),
                        &row.person.name,
                        format!(
                            "与第{first}行对应台账中的同一人员“{}”，请合并为一行",
                            record_label(&stored.persons[s].person)
                        ),
                    ));
                } else {
                    claimed.insert(s, row.row);
                    matched[i] = Some(s);
                }
            }
            Ok(None) => {}
            Err(m) => {
                row.ok = false;
                errors.push(CellError::cell(
                    &person_sheet,
                    row.row,
                    PersonField::Name.header(),
                    &row.person.name,
                    m,
                ));
            }
        }
    }
    parsed.errors.extend(errors);

    // The roster after the import, before child rows.
    let mut plan = Plan::default();
    let mut from_file: HashMap<usize, usize> = HashMap::new(); // stored index → plan index
    if !replace {
        for s in &stored.persons {
            plan.persons.push(PlannedPerson {
                source_row: None,
                old: Some(s.person.clone()),
                new: s.person.clone(),
                added: RowCounts::default(),
            });
        }
    }
    for (i, row) in parsed.persons.iter().enumerate() {
        if !row.ok {
            continue;
        }
        match matched[i] {
            Some(s) if !replace => {
                let p = &mut plan.persons[s];
                for f in &row.given {
                    // The text came from `set` on the parsed person, so it parses again.
                    let _ = f.set(&mut p.new, &f.get(&row.person));
                }
                p.source_row = Some(row.row);
            }
            Some(s) => {
                let old = stored.persons[s].person.clone();
                let mut new = row.person.clone();
                new.id = old.id;
                // Imported records are not the workbook's to replace: they stay
                // with their source (persons::update keeps them).
                keep_imported(&old, &mut new);
                from_file.insert(s, plan.persons.len());
                plan.persons.push(PlannedPerson {
                    source_row: Some(row.row),
                    old: Some(old),
                    new,
                    added: RowCounts::default(),
                });
            }
            None => plan.persons.push(PlannedPerson {
                source_row: Some(row.row),
                old: None,
                new: row.person.clone(),
                added: RowCounts::default(),
            }),
        }
    }
    if replace {
        plan.removed = stored
            .persons
            .iter()
            .enumerate()
            .filter(|(i, _)| !from_file.contains_key(i))
            .map(|(_, r)| r.clone())
            .collect();
    }

    attach_children(parsed, &mut plan, skip_invalid);
    plan_settings(parsed, &stored, &mut plan);
    plan
}

/// What makes two child rows the same row, wherever they came from: a row of
/// the workbook equal to an imported record is that record.
trait RowKey {
    type Key: Eq + Hash;
    fn row_key(&self) -> Self::Key;
}

impl RowKey for crate::domain::Certificate {
    type Key = crate::domain::Certificate;
    fn row_key(&self) -> Self::Key {
        self.clone()
    }
}

impl RowKey for crate::domain::SocialInsuranceMonth {
    type Key = (crate::domain::YearMonth, Option<String>);
    fn row_key(&self) -> Self::Key {
        (self.month, self.payer.clone())
    }
}

impl RowKey for crate::domain::Evidence {
    type Key = (
        chrono::NaiveDate,
        Option<crate::domain::EvidenceKind>,
        Option<String>,
        Option<String>,
    );
    fn row_key(&self) -> Self::Key {
        (
            self.date,
            self.kind,
            self.number.clone(),
            self.description.clone(),
        )
    }
}

fn keep_imported(old: &Person, new: &mut Person) {
    let si = old.social_insurance.iter().filter(|s| s.origin.is_some());
    new.social_insurance.splice(0..0, si.cloned());
    let ev = old.evidence.iter().filter(|e| e.origin.is_some());
    new.evidence.splice(0..0, ev.cloned());
}

/// Identical-row detection for one child list.
fn add_unique<T: Clone + RowKey>(
    target: &mut Vec<T>,
    seen: &mut Option<HashSet<T::Key>>,
    items: &[T],
) -> (usize, usize) {
    let set = seen.get_or_insert_with(|| target.iter().map(RowKey::row_key).collect());
    let (mut added, mut same) = (0, 0);
    for item in items {
        if set.insert(item.row_key()) {
            target.push(item.clone());
            added += 1;
        } else {
            same += 1;
        }
    }
    (added, same)
}

type KeyOf<T> = <T as RowKey>::Key;

#[derive(Default)]
struct Seen {
    certificates: Option<HashSet<KeyOf<crate::domain::Certificate>>>,
    social_insurance: Option<HashSet<KeyOf<crate::domain::SocialInsuranceMonth>>>,
    evidence: Option<HashSet<KeyOf<crate::domain::Evidence>>>,
}

fn attach_children(parsed: &mut Parsed, plan: &mut Plan, skip_invalid: bool) {
    let index = Index::new(plan.persons.iter().map(|p| &p.new));
    let rejected = Index::new(parsed.persons.iter().filter(|r| !r.ok).map(|r| &r.person));
    let rejected_rows: Vec<u32> = parsed
        .persons
        .iter()
        .filter(|r| !r.ok)
        .map(|r| r.row)
        .collect();
    let person_sheet = parsed.sheet_name(SheetKind::Persons);
    let mut seen: Vec<Seen> = plan.persons.iter().map(|_| Seen::default()).collect();
    let mut errors = Vec::new();

    macro_rules! attach {
        ($rows:expr, $kind:expr, $field:ident) => {{
            let sheet = parsed.sheet_name($kind);
            let table = parsed.tables.iter().find(|t| t.kind == $kind);
            for row in $rows.iter_mut() {
                if !row.ok {
                    continue;
                }
                let (col, value) = match &row.id_number {
                    Some(id) => (PersonField::IdNumber, id.clone()),
                    None => (PersonField::Name, row.name.clone()),
                };
                let header = table
                    .map(|t| t.header(Col::Person(col)).to_string())
                    .unwrap_or_else(|| col.header().to_string());
                match index.find(&row.name, row.id_number.as_deref()) {
                    Ok(i) => {
                        let (added, same) =
                            add_unique(&mut plan.persons[i].new.$field, &mut seen[i].$field, &row.items);
                        plan.persons[i].added.$field += added;
                        plan.rows_added.$field += added;
                        plan.rows_identical.$field += same;
                    }
                    Err(n) if n > 1 => {
                        row.ok = false;
                        errors.push(CellError::cell(
                            &sheet,
                            row.row,
                            &header,
                            &value,
                            format!(
                                "“{person_sheet}”表中有{n}名“{}”，请填写身份证号以确定是哪一位",
                                row.name
                            ),
                        ));
                    }
                    Err(_) => {
                        let in_rejected = rejected.find(&row.name, row.id_number.as_deref());
                        match in_rejected {
                            Ok(r) => {
                                if skip_invalid {
                                    row.ok = false;
                                    errors.push(CellError::cell(
                                        &sheet,
                                        row.row,
                                        &header,
                                        &value,
                                        format!(
                                            "所属人员在“{person_sheet}”表第{}行有错误，本行一并未导入",
                                            rejected_rows[r]
                                        ),
                                    ));
                                } else {
                                    // Nothing is imported anyway; the person's own row says why.
                                    row.ok = false;
                                }
                            }
                            Err(_) => {
                                row.ok = false;
                                let who = match &row.id_number {
                                    Some(id) => format!("身份证号为 {id}、姓名为“{}”的人员", row.name),
                                    None => format!("姓名为“{}”的人员", row.name),
                                };
                                errors.push(CellError::cell(
                                    &sheet,
                                    row.row,
                                    &header,
                                    &value,
                                    format!("“{person_sheet}”表中没有{who}，请先在“{person_sheet}”表中添加此人"),
                                ));
                            }
                        }
                    }
                }
            }
        }};
    }
    attach!(parsed.certificates, SheetKind::Certificates, certificates);
    attach!(
        parsed.social_insurance,
        SheetKind::SocialInsurance,
        social_insurance
    );
    attach!(parsed.evidence, SheetKind::Evidence, evidence);
    parsed.errors.extend(errors);
}

fn plan_settings(parsed: &Parsed, stored: &Roster, plan: &mut Plan) {
    let mut settings = stored.settings.clone();
    for (_, key, value, ok) in &parsed.agency {
        if *ok {
            // Validated while parsing; a failure here leaves the stored value.
            let _ = settings.set(*key, value);
        }
    }
    let changed: Vec<SettingKey> = SettingKey::ALL
        .into_iter()
        .filter(|k| settings.get(*k) != stored.settings.get(*k))
        .collect();
    if !changed.is_empty() {
        plan.settings = Some((settings, changed));
    }
    if let Some(lines) = &parsed.staffing {
        let new: Vec<StaffingLine> = lines
            .iter()
            .filter(|(_, _, ok)| *ok)
            .map(|(_, l, _)| l.clone())
            .collect();
        if new != stored.staffing && !new.is_empty() {
            plan.staffing = Some(new);
        }
    }
}
