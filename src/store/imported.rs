//! The one writer of social-insurance months and evidence records, many rows
//! to a statement: a payment list adds 60,000 months, and one INSERT per
//! record spends much of its time starting and ending statements. Imported
//! evidence records (a report ledger adds 200,000) go packed into blocks
//! (`evidence_blocks`). A person's rows, saved by hand or restored, are
//! written through it too (`persons::insert_rows`).

use rusqlite::{Connection, Statement, ToSql};

use super::{codec, evidence_blocks};
use chrono::NaiveDate;

use crate::domain::{Evidence, EvidenceKind, Origin, SocialInsuranceMonth};
use crate::error::Result;

/// Rows one statement inserts (7 values each: far below SQLite's bound of
/// 32,766 parameters).
const ROWS: usize = 64;

/// Where the rows' source ids come from.
#[derive(Debug, Clone, Copy)]
pub enum Source {
    /// Each record's own origin (none: typed by hand).
    Own,
    /// The stored source given, for every record with an origin (an import
    /// plans its records before its source has an id).
    Stored(i64),
}

impl Source {
    /// The source id of a record with `origin` (none: typed by hand).
    pub(super) fn of(self, origin: Option<&Origin>) -> Option<i64> {
        origin.map(|o| match self {
            Source::Own => o.source,
            Source::Stored(id) => id,
        })
    }
}

/// Inserts social-insurance months, each of the person given with it.
pub fn insert_months(
    conn: &Connection,
    rows: &[(i64, &SocialInsuranceMonth)],
    source: Source,
) -> Result<()> {
    insert_batched(
        conn,
        "social_insurance (person_id, month, payer, source_id, source_row)",
        5,
        rows,
        |stmt, at, (id, m)| {
            bind(stmt, at, id)?;
            bind(stmt, at + 1, &m.month.iso())?;
            bind(stmt, at + 2, &m.payer)?;
            bind(stmt, at + 3, &source.of(m.origin.as_ref()))?;
            bind(stmt, at + 4, &m.origin.as_ref().map(|o| o.row))
        },
    )
}

/// Inserts evidence records, each of the person given with it: those typed
/// by hand as rows of `evidence`, imported ones in blocks of their person and
/// source ([`evidence_blocks`]).
pub fn insert_evidence(conn: &Connection, rows: &[(i64, &Evidence)], source: Source) -> Result<()> {
    let (imported, typed): (Vec<_>, Vec<_>) =
        rows.iter().copied().partition(|(_, e)| e.origin.is_some());
    evidence_blocks::insert(conn, &imported, source)?;
    insert_batched(
        conn,
        "evidence (person_id, date, kind, number, description)",
        5,
        &typed,
        |stmt, at, (id, e)| {
            bind(stmt, at, id)?;
            bind(stmt, at + 1, &e.date.to_string())?;
            bind(stmt, at + 2, &codec::label(e.kind, EvidenceKind::label))?;
            bind(stmt, at + 3, &e.number)?;
            bind(stmt, at + 4, &e.description)
        },
    )
}

/// Inserts the imported record `e` of the person `person`, taken out of its
/// block, as a removed row with the clerk's `note` and its origin.
pub fn insert_removed_evidence(
    conn: &Connection,
    person: i64,
    e: &Evidence,
    note: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO evidence (person_id, date, kind, number, description, source_id, source_row,
                               removed_note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            person,
            e.date.to_string(),
            codec::label(e.kind, EvidenceKind::label),
            e.number,
            e.description,
            e.origin.as_ref().map(|o| o.source),
            e.origin.as_ref().map(|o| o.row),
            note
        ],
    )?;
    Ok(())
}

/// An imported evidence record as it is written, borrowed from where it was
/// read (an import plans 200,000 of them: no copy each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportedEvidence<'a> {
    /// The row of the file, as Excel numbers it.
    pub row: u32,
    pub date: NaiveDate,
    pub kind: Option<EvidenceKind>,
    pub number: Option<&'a str>,
    pub description: Option<&'a str>,
}

impl<'a> ImportedEvidence<'a> {
    /// The imported record `e` (row 0 if it has no origin).
    pub fn of(e: &'a Evidence) -> Self {
        ImportedEvidence {
            row: e.origin.as_ref().map_or(0, |o| o.row),
            date: e.date,
            kind: e.kind,
            number: e.number.as_deref(),
            description: e.description.as_deref(),
        }
    }
}

/// Inserts the records one import brings the person `person` from the stored
/// source `source`, in one block.
pub fn insert_evidence_block(
    conn: &Connection,
    person: i64,
    source: i64,
    records: &[ImportedEvidence],
) -> Result<()> {
    evidence_blocks::insert_block(conn, person, source, records)
}

fn bind(stmt: &mut Statement<'_>, at: usize, value: &dyn ToSql) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(at, value)
}

/// `INSERT INTO {into} VALUES (?, …), …` for `rows` rows of `width` values.
fn insert_sql(into: &str, width: usize, rows: usize) -> String {
    let one = format!("({})", vec!["?"; width].join(","));
    format!("INSERT INTO {into} VALUES {}", vec![one; rows].join(","))
}

/// Inserts `rows` into `into`, [`ROWS`] to a statement; `bind_row` binds one
/// row's `width` values from the 1-based parameter index it is given. One
/// statement serves every full batch: its values' buffers are reused, not
/// freed and allocated again for each. Statements are cached, so a hand
/// save's one-row inserts are prepared once.
fn insert_batched<T>(
    conn: &Connection,
    into: &str,
    width: usize,
    rows: &[T],
    bind_row: impl Fn(&mut Statement<'_>, usize, &T) -> rusqlite::Result<()>,
) -> Result<()> {
    let run = |stmt: &mut Statement<'_>, chunk: &[T]| -> rusqlite::Result<()> {
        for (k, row) in chunk.iter().enumerate() {
            bind_row(stmt, k * width + 1, row)?;
        }
        stmt.raw_execute().map(|_| ())
    };
    let mut full = rows.chunks_exact(ROWS);
    if rows.len() >= ROWS {
        let mut stmt = conn.prepare_cached(&insert_sql(into, width, ROWS))?;
        for chunk in &mut full {
            run(&mut stmt, chunk)?;
        }
    }
    let rest = full.remainder();
    if !rest.is_empty() {
        run(
            &mut conn.prepare(&insert_sql(into, width, rest.len()))?,
            rest,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Origin, Person, YearMonth};
    use crate::store::{Store, sources};

    fn person(name: &str) -> Person {
        Person {
            name: name.into(),
            ..Person::default()
        }
    }

    /// More rows than a statement takes, over two persons: every row stored,
    /// in order, with its person, values and origin, as one INSERT each would.
    #[test]
    fn full_batches_and_the_rest_store_every_row_as_given() {
        let mut store = Store::open_in_memory().expect("store");
        let a = store.add_person(&person("甲")).expect("add");
        let b = store.add_person(&person("乙")).expect("add");
        let n = ROWS * 2 + 5;
        let origin = |row: u32| {
            Some(Origin {
                source: 0,
                file: "台账.xlsx".into(),
                row,
            })
        };
        let evidence: Vec<Evidence> = (0..n)
            .map(|k| Evidence {
                date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date")
                    + chrono::Days::new(k as u64),
                kind: Some(EvidenceKind::InspectionReport),
                number: Some(format!("BG-{k}")),
                description: Some("检验人员".into()),
                // Every other one typed by hand: more than a statement takes.
                origin: if k % 2 == 0 {
                    None
                } else {
                    origin(k as u32 + 2)
                },
            })
            .collect();
        let months: Vec<SocialInsuranceMonth> = (0..n)
            .map(|k| SocialInsuranceMonth {
                month: YearMonth::new(1990 + (k / 12) as i32, (k % 12) as u32 + 1).expect("m"),
                payer: (k % 2 == 0).then(|| "某人力资源公司".to_string()),
                origin: origin(k as u32 + 2),
            })
            .collect();
        let whose = |k: usize| if k < ROWS + 3 { a } else { b };
        let source = store
            .write(|tx| {
                let source = sources::upsert(tx, "检验报告台账", "台账.xlsx", "ab", "测试")?;
                let rows: Vec<_> = evidence
                    .iter()
                    .enumerate()
                    .map(|(k, e)| (whose(k), e))
                    .collect();
                insert_evidence(tx, &rows, Source::Stored(source))?;
                let rows: Vec<_> = months
                    .iter()
                    .enumerate()
                    .map(|(k, m)| (whose(k), m))
                    .collect();
                insert_months(tx, &rows, Source::Stored(source))?;
                Ok(source)
            })
            .expect("insert");
        let with_source = |o: &Option<Origin>| {
            o.clone().map(|mut o| {
                o.source = source;
                o
            })
        };
        let expected_evidence: Vec<Evidence> = evidence
            .iter()
            .map(|e| Evidence {
                origin: with_source(&e.origin),
                ..e.clone()
            })
            .collect();
        let expected_months: Vec<SocialInsuranceMonth> = months
            .iter()
            .map(|m| SocialInsuranceMonth {
                origin: with_source(&m.origin),
                ..m.clone()
            })
            .collect();
        let split = ROWS + 3;
        let pa = store.person(a).expect("load").person;
        let pb = store.person(b).expect("load").person;
        // Rows typed by hand first, then the imported records' block.
        let loaded = |part: &[Evidence]| -> Vec<Evidence> {
            let (typed, imported): (Vec<Evidence>, Vec<Evidence>) =
                part.iter().cloned().partition(|e| e.origin.is_none());
            typed.into_iter().chain(imported).collect()
        };
        assert_eq!(pa.evidence, loaded(&expected_evidence[..split]));
        assert_eq!(pb.evidence, loaded(&expected_evidence[split..]));
        assert_eq!(pa.social_insurance, expected_months[..split]);
        assert_eq!(pb.social_insurance, expected_months[split..]);
    }
}
