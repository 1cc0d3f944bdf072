//! What importing a source will add, worked out against the roster the store
//! returns, with nothing written: records per person, the months or reports
//! already present, other payers, and the rows that name nobody in the roster.

use super::fast_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::domain::text::{name_key, normalize_name};
use crate::domain::{
    EvidenceKind, Origin, Person, Roster, Settings, SocialInsuranceMonth, YearMonth,
};
use crate::error::CellError;
use crate::store::imported::ImportedEvidence;
use crate::store::list_label;
use crate::store::sources::{LedgerFinding, RemovedKey};

use super::SourceKind;
use super::header::Located;
use super::records::{MonthsRow, Named, ReportRow, named_above};

/// The 工作见证 类型 of a ledger's records.
pub const REPORT_KIND: EvidenceKind = EvidenceKind::InspectionReport;
/// The finding for a signer nobody in the roster is called.
pub const NOT_IN_ROSTER: &str = "不在台账";
/// The finding for a signer several persons of the roster are called.
pub const SAME_NAME: &str = "同名无法区分";

/// What one person gets from the file.
#[derive(Debug, Clone, Default)]
pub struct PersonAddition {
    pub person_id: i64,
    /// 姓名（身份证号 masked）, for lists.
    pub label: String,
    /// 姓名（身份证号）, for the 修改记录.
    pub record: String,
    /// Months to add (origin's source filled in when written).
    pub months: Vec<SocialInsuranceMonth>,
    /// Reports the person signed, each to become a 检验报告 record
    /// ([`Planned::evidence`]).
    pub reports: Vec<PlannedReport>,
    /// Months or reports the file holds that are stored already.
    pub present: usize,
    /// Months paid by other units, by payer, among those added.
    pub other_payers: Vec<(String, Vec<YearMonth>)>,
    /// Reports dated after the person's 离职日期.
    pub after_leave: Vec<(String, chrono::NaiveDate)>,
}

/// A report of the ledger a person signed: its place in [`Planned::reports`]
/// and the role they signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedReport {
    pub report: u32,
    pub role: &'static str,
}

/// Rows that name somebody the roster does not have (or cannot tell apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// 姓名 and the masked 身份证号, as the file names them.
    pub who: String,
    /// How many rows (or reports) name them.
    pub rows: usize,
    pub first_row: u32,
}

/// The whole plan, before the source's id is known.
#[derive(Debug, Clone, Default)]
pub struct Planned {
    pub persons: Vec<PersonAddition>,
    pub unmatched: Vec<Unmatched>,
    /// Ledger signers several persons are called (同名无法区分).
    pub ambiguous: Vec<Unmatched>,
    /// Ledger findings to store.
    pub findings: Vec<LedgerFinding>,
    pub errors: Vec<CellError>,
    /// The ledger's reports, which the persons' records are made of.
    pub reports: Vec<ReportRow>,
}

impl Planned {
    /// The 检验报告 records the ledger brings `p`, as they will be stored.
    pub fn evidence<'a>(
        &'a self,
        p: &'a PersonAddition,
    ) -> impl Iterator<Item = ImportedEvidence<'a>> + 'a {
        p.reports.iter().filter_map(|planned| {
            let r = self.reports.get(planned.report as usize)?;
            Some(ImportedEvidence {
                row: r.row,
                date: r.date,
                kind: Some(REPORT_KIND),
                number: Some(&r.number),
                description: Some(planned.role),
            })
        })
    }
}

/// The roster, indexed for matching.
pub struct Index<'a> {
    persons: Vec<&'a Person>,
    by_id: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

impl<'a> Index<'a> {
    pub fn new(roster: &'a Roster) -> Self {
        let persons: Vec<&Person> = roster.persons.iter().map(|r| &r.person).collect();
        let mut by_id = HashMap::default();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, p) in persons.iter().enumerate() {
            if let Some(id) = &p.id_number {
                by_id.insert(id.to_ascii_uppercase(), i);
            }
            by_name.entry(p.name.clone()).or_default().push(i);
        }
        Index {
            persons,
            by_id,
            by_name,
        }
    }

    pub fn person(&self, i: usize) -> &'a Person {
        self.persons[i]
    }

    /// Whether `name` (normalised) is the name of somebody in the roster.
    pub fn has_name(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// By 身份证号 alone when the row has one (never by name: that would hand a
    /// stranger's months to a namesake), else by a unique 姓名.
    /// `Err(n)`: nobody (0) or n persons of that name.
    pub fn find(&self, who: &Named) -> Result<usize, usize> {
        if let Some(id) = &who.id_number {
            return self.by_id.get(&id.to_ascii_uppercase()).copied().ok_or(0);
        }
        match who.name.as_ref().and_then(|n| self.by_name.get(n)) {
            Some(v) if v.len() == 1 => Ok(v[0]),
            Some(v) => Err(v.len()),
            None => Err(0),
        }
    }
}

/// How a person is named in lists when the roster does not have them.
pub fn who_text(who: &Named) -> String {
    match (&who.name, &who.id_number) {
        (Some(n), Some(id)) => format!("{n}（{}）", crate::domain::idcard::mask(id)),
        (Some(n), None) => n.clone(),
        (None, Some(id)) => crate::domain::idcard::mask(id),
        (None, None) => String::new(),
    }
}

/// The key a payer is compared by: `None` for the agency (its name or an alias).
pub fn payer_key(payer: Option<&str>, settings: &Settings) -> Option<String> {
    payer.filter(|p| !settings.is_agency(p)).map(name_key)
}

fn unmatched_push(list: &mut Vec<Unmatched>, who: String, row: u32) {
    match list.iter_mut().find(|u| u.who == who) {
        Some(u) => u.rows += 1,
        None => list.push(Unmatched {
            who,
            rows: 1,
            first_row: row,
        }),
    }
}

/// What makes two evidence records of a person the same: date, number, role.
/// Borrowed from the roster and the ledger's rows: no copy per report.
type EvidenceKey<'a> = (chrono::NaiveDate, &'a str, &'a str);

/// Per-person accumulation while planning.
struct Acc<'a> {
    index: &'a Index<'a>,
    settings: &'a Settings,
    file: std::sync::Arc<str>,
    /// Each roster person's slot in `planned.persons` (`usize::MAX`: none yet).
    slots: Vec<usize>,
    planned: Planned,
    /// Each slot's months and payers already stored (a ledger's plan keeps
    /// none: it adds no months).
    month_keys: Vec<HashSet<(YearMonth, Option<String>)>>,
    /// Whether the plan adds months.
    months: bool,
    evidence_keys: Vec<HashSet<EvidenceKey<'a>>>,
    removed: &'a HashMap<i64, Vec<RemovedKey>>,
}

impl<'a> Acc<'a> {
    /// `months`: whether the plan adds months (a ledger's adds none).
    fn new(
        index: &'a Index<'a>,
        settings: &'a Settings,
        file: &str,
        removed: &'a HashMap<i64, Vec<RemovedKey>>,
        months: bool,
    ) -> Self {
        Acc {
            index,
            settings,
            file: file.into(),
            slots: vec![usize::MAX; index.persons.len()],
            planned: Planned::default(),
            month_keys: Vec::new(),
            months,
            evidence_keys: Vec::new(),
            removed,
        }
    }

    fn slot(&mut self, i: usize) -> usize {
        if let Some(&s) = self.slots.get(i).filter(|&&s| s != usize::MAX) {
            return s;
        }
        let p = self.index.person(i);
        let id = p.id.unwrap_or_default();
        let removed = self.removed.get(&id).map(Vec::as_slice).unwrap_or(&[]);
        let mut months: HashSet<_> = HashSet::default();
        if self.months {
            months.extend(
                p.social_insurance
                    .iter()
                    .map(|m| (m.month, payer_key(m.payer.as_deref(), self.settings))),
            );
        }
        let mut evidence: HashSet<_> =
            HashSet::with_capacity_and_hasher(p.evidence.len(), Default::default());
        evidence.extend(p.evidence.iter().map(|e| {
            (
                e.date,
                e.number.as_deref().unwrap_or(""),
                e.description.as_deref().unwrap_or(""),
            )
        }));
        for k in removed {
            match k {
                RemovedKey::Month(m, payer) => {
                    months.insert((*m, payer_key(payer.as_deref(), self.settings)));
                }
                RemovedKey::Evidence(date, number, description) => {
                    if let Ok(Some(d)) = crate::domain::parse::parse_date(date) {
                        evidence.insert((
                            d,
                            number.as_deref().unwrap_or(""),
                            description.as_deref().unwrap_or(""),
                        ));
                    }
                }
            }
        }
        self.month_keys.push(months);
        self.evidence_keys.push(evidence);
        self.planned.persons.push(PersonAddition {
            person_id: id,
            label: list_label(p),
            record: crate::store::record_label(p),
            ..Default::default()
        });
        let s = self.planned.persons.len() - 1;
        if let Some(slot) = self.slots.get_mut(i) {
            *slot = s;
        }
        s
    }

    fn add_month(&mut self, i: usize, month: YearMonth, payer: Option<String>, row: u32) {
        let s = self.slot(i);
        let key = (month, payer_key(payer.as_deref(), self.settings));
        let add = &mut self.planned.persons[s];
        if !self.month_keys[s].insert(key.clone()) {
            add.present += 1;
            return;
        }
        if let (Some(_), Some(p)) = (&key.1, &payer) {
            let k = name_key(p);
            match add.other_payers.iter_mut().find(|(n, _)| name_key(n) == k) {
                Some((_, months)) => months.push(month),
                None => add.other_payers.push((p.clone(), vec![month])),
            }
        }
        add.months.push(SocialInsuranceMonth {
            month,
            payer,
            origin: Some(Origin {
                source: 0,
                file: self.file.clone(),
                row,
            }),
        });
    }
}

fn removed_by_person(removed: Vec<(i64, RemovedKey)>) -> HashMap<i64, Vec<RemovedKey>> {
    let mut out: HashMap<i64, Vec<RemovedKey>> = HashMap::default();
    for (p, k) in removed {
        out.entry(p).or_default().push(k);
    }
    out
}

/// Plans the months of a payment list or a proof. `default_payer`: the unit
/// named at import for rows without one (`None`: the agency). `proof_person`:
/// the person a proof is about, when the clerk chose one.
#[allow(clippy::too_many_arguments)]
pub fn plan_months(
    kind: SourceKind,
    at: &Located,
    rows: &[MonthsRow],
    roster: &Roster,
    removed: Vec<(i64, RemovedKey)>,
    file: &str,
    default_payer: Option<&str>,
    proof_person: Option<i64>,
) -> Planned {
    let index = Index::new(roster);
    let removed = removed_by_person(removed);
    let mut acc = Acc::new(&index, &roster.settings, file, &removed, true);
    // A proof is one person's: named above the table, chosen by the clerk, or
    // on its rows.
    let mut proof_target: Option<usize> = None;
    if kind == SourceKind::Proof {
        let above = named_above(at);
        let chosen =
            proof_person.and_then(|id| roster.persons.iter().position(|r| r.person.id == Some(id)));
        match (above.is_empty(), chosen) {
            (false, chosen) => match index.find(&above) {
                Ok(i) if chosen.is_none_or(|c| c == i) => proof_target = Some(i),
                Ok(i) => acc.planned.errors.push(CellError::sheet(
                    &at.sheet,
                    format!(
                        "证明上写的是“{}”，与所选人员“{}”不是同一人，请核对",
                        who_text(&above),
                        list_label(index.person(chosen.unwrap_or(i)))
                    ),
                )),
                Err(n) => acc.planned.errors.push(CellError::sheet(
                    &at.sheet,
                    if n > 1 {
                        format!(
                            "证明上的“{}”在台账中有{n}人同名，请在证明上写明身份证号或选择人员",
                            who_text(&above)
                        )
                    } else {
                        format!(
                            "证明上的“{}”不在台账中，请先添加此人或核对证明",
                            who_text(&above)
                        )
                    },
                )),
            },
            (true, Some(c)) => proof_target = Some(c),
            (true, None) => {
                if !rows.iter().any(|r| !r.who.is_empty()) {
                    acc.planned.errors.push(CellError::sheet(
                        &at.sheet,
                        "参保缴费证明中没有写明是谁的记录（姓名、身份证号），请选择人员（命令行：--person 身份证号或姓名）",
                    ));
                }
            }
        }
        if !acc.planned.errors.is_empty() {
            return acc.planned;
        }
    }
    for r in rows {
        let target = match (proof_target, r.who.is_empty()) {
            (Some(t), true) => Ok(t),
            (Some(t), false) => match index.find(&r.who) {
                Ok(i) if i == t => Ok(t),
                _ => {
                    acc.planned.errors.push(CellError::row(
                        &at.sheet,
                        r.row,
                        format!(
                            "本行写的是“{}”，与证明所属人员“{}”不一致",
                            who_text(&r.who),
                            list_label(index.person(t))
                        ),
                    ));
                    continue;
                }
            },
            (None, _) => index.find(&r.who),
        };
        match target {
            Ok(i) => {
                let payer = r.payer.clone().or_else(|| default_payer.map(String::from));
                for m in &r.months {
                    acc.add_month(i, *m, payer.clone(), r.row);
                }
            }
            Err(0) => {
                let who = who_text(&r.who);
                unmatched_push(&mut acc.planned.unmatched, who, r.row);
            }
            Err(n) => {
                let name = r.who.name.clone().unwrap_or_default();
                acc.planned.errors.push(CellError::cell(
                    &at.sheet,
                    r.row,
                    at.header(super::columns::Column::Name),
                    &name,
                    format!("台账中有{n}名“{name}”，无法确定是哪一位；请在文件中填写身份证号"),
                ));
            }
        }
    }
    acc.planned
}

/// Splits a signer cell into names: on 、，,;；/ always, on spaces only where
/// the part without its spaces is not itself a roster name ("王 伟" is 王伟
/// when the roster has 王伟; "赵六 钱七" is two).
pub fn split_names(cell: &str, index: &Index) -> Vec<String> {
    let mut out = Vec::new();
    for part in cell.split(['、', '，', ',', ';', '；', '/', '／']) {
        let joined = normalize_name(part);
        if joined.is_empty() {
            continue;
        }
        if index.has_name(&joined) || !part.trim().contains(char::is_whitespace) {
            out.push(joined);
            continue;
        }
        let tokens: Vec<&str> = part.split_whitespace().collect();
        let mut i = 0;
        while i < tokens.len() {
            // Join a run of tokens when together they are a roster name and
            // the first alone is not ("王 伟").
            let mut taken = 1;
            if !index.has_name(&normalize_name(tokens[i])) {
                for j in (i + 2..=tokens.len()).rev() {
                    if index.has_name(&normalize_name(&tokens[i..j].concat())) {
                        taken = j - i;
                        break;
                    }
                }
            }
            out.push(normalize_name(&tokens[i..i + taken].concat()));
            i += taken;
        }
    }
    out
}

/// A name of a signer cell and whom it matches ([`Index::find`]).
type Signer = (String, Result<usize, usize>);

/// A roster person named by a report's signer cell: the person's place in
/// the roster, the report's place in the ledger, the place of the first
/// report with its date and number (a report listed twice is one report), its
/// date, the role of the cell, and the order it was found in. Places fit in
/// `u32`: a sheet has at most 1,000,000 rows (the reader's limit) and a
/// roster far fewer persons, and a ledger's matches are at most one per two
/// bytes of its text (128 MB a sheet: `MAX_SHEET_TEXT_BYTES`).
#[derive(Clone, Copy)]
struct Hit {
    person: u32,
    report: u32,
    same_as: u32,
    date: chrono::NaiveDate,
    role: &'static str,
    seq: u32,
}

/// Plans the evidence of a report ledger: each named signer gets a 检验报告
/// record; signers nobody (or several) in the roster is called are findings.
pub fn plan_reports(
    reports: Vec<ReportRow>,
    roster: &Roster,
    removed: Vec<(i64, RemovedKey)>,
    file: &str,
) -> Planned {
    let index = Index::new(roster);
    let removed = removed_by_person(removed);
    let mut acc = Acc::new(&index, &roster.settings, file, &removed, false);
    let rows = &reports;
    // A signer cell's names and whom they match, worked out once per
    // distinct cell: a ledger names the same few hundred signers thousands
    // of times.
    let mut signers: HashMap<&str, Vec<Signer>> =
        HashMap::with_capacity_and_hasher(rows.len().min(1 << 16), Default::default());
    let mut hits: Vec<Hit> = Vec::with_capacity(rows.iter().map(|r| r.signers.len()).sum());
    // Each report's first place by date and number, and the roles of the
    // signer columns: a person's records are then told apart by two small
    // values, without going back to the rows.
    let mut first: HashMap<(chrono::NaiveDate, &str), u32> =
        HashMap::with_capacity_and_hasher(rows.len(), Default::default());
    let mut roles: Vec<&'static str> = Vec::new();
    for (ri, r) in rows.iter().enumerate() {
        let same_as = *first
            .entry((r.date, r.number.as_str()))
            .or_insert(ri as u32);
        for (role, cell) in &r.signers {
            if !roles.contains(role) {
                roles.push(role);
            }
            let named = signers.entry(cell.as_str()).or_insert_with(|| {
                split_names(cell, &index)
                    .into_iter()
                    .map(|name| {
                        let found = index.find(&Named {
                            name: Some(name.clone()),
                            id_number: None,
                        });
                        (name, found)
                    })
                    .collect()
            });
            for (name, found) in named.iter() {
                match *found {
                    Ok(i) => hits.push(Hit {
                        person: i as u32,
                        report: ri as u32,
                        same_as,
                        date: r.date,
                        role,
                        seq: hits.len() as u32,
                    }),
                    Err(n) => {
                        let (kind, list) = if n == 0 {
                            (NOT_IN_ROSTER, &mut acc.planned.unmatched)
                        } else {
                            (SAME_NAME, &mut acc.planned.ambiguous)
                        };
                        unmatched_push(list, name.clone(), r.row);
                        acc.planned.findings.push(LedgerFinding {
                            kind: kind.to_string(),
                            name: name.clone(),
                            report_number: Some(r.number.clone()),
                            report_date: Some(r.date.to_string()),
                            role: Some(role.to_string()),
                            row: r.row,
                            file_name: file.to_string(),
                        });
                    }
                }
            }
        }
    }
    // Each person's records are made together, in the ledger's order, and the
    // persons in the order they first sign: one person's keys and list at a
    // time, not a jump between 5,000 of them at every signature.
    hits.sort_unstable_by_key(|h| (h.person, h.seq));
    let mut groups: Vec<&[Hit]> = hits.chunk_by(|a, b| a.person == b.person).collect();
    groups.sort_unstable_by_key(|g| g[0].seq);
    let mut seen: HashSet<(u32, &'static str)> = HashSet::default();
    for group in groups {
        let i = group[0].person as usize;
        let s = acc.slot(i);
        let left = index.person(i).leave_date;
        // What is stored already (or was removed) counts as met: only the
        // ledger's own reports can be met again.
        seen.clear();
        for &(date, number, description) in &acc.evidence_keys[s] {
            if let (Some(&same_as), Some(&role)) = (
                first.get(&(date, number)),
                roles.iter().find(|r| **r == description),
            ) {
                seen.insert((same_as, role));
            }
        }
        let add = &mut acc.planned.persons[s];
        add.reports.reserve_exact(group.len());
        for h in group {
            if !seen.insert((h.same_as, h.role)) {
                add.present += 1;
                continue;
            }
            if let Some(left) = left
                && h.date > left
            {
                add.after_leave
                    .push((rows[h.report as usize].number.clone(), h.date));
            }
            add.reports.push(PlannedReport {
                report: h.report,
                role: h.role,
            });
        }
    }
    drop((signers, first));
    let mut planned = acc.planned;
    planned.reports = reports;
    planned
}
