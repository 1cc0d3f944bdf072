//! The 修改记录 hash chain. Every audit entry stores the SHA-256 of the entry
//! before it (`prev_hash`) and of its own content together with that link
//! (`hash`); `audit_head` holds the newest entry's id and hash. Changing an
//! entry with another program breaks its hash, deleting one leaves a gap in the
//! ids or a link that points nowhere, deleting the last ones leaves the head
//! pointing past the end. What the chain cannot show: somebody who rewrites the
//! whole trail with this algorithm (there is no secret key on the clerk's PC);
//! see docs/DECISIONS.md.

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::error::Result;

/// The link of the first entry: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An audit row's columns as stored, each read as text whatever its SQLite
/// type (an integer as its digits): the exact text the hash covers, so a value
/// changed to another type is an altered entry, not a read error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    pub id: i64,
    pub at: String,
    pub who: String,
    pub action: String,
    pub entity: String,
    pub person_id: Option<String>,
    pub record: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub note: Option<String>,
}

/// SHA-256 (lower-case hex) of an entry's content linked to `prev`. Every
/// column is length-prefixed and an empty text differs from a missing one, so
/// no two different entries encode alike.
pub fn entry_hash(prev: &str, e: &StoredEntry) -> String {
    let mut h = Sha256::new();
    h.update(b"zicha-audit-v1");
    let mut put = |v: Option<&str>| match v {
        None => h.update([0u8]),
        Some(s) => {
            h.update([1u8]);
            h.update((s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        }
    };
    put(Some(prev));
    put(Some(&e.id.to_string()));
    put(Some(&e.at));
    put(Some(&e.who));
    put(Some(&e.action));
    put(Some(&e.entity));
    put(e.person_id.as_deref());
    put(Some(&e.record));
    put(Some(&e.field));
    put(e.old_value.as_deref());
    put(e.new_value.as_deref());
    put(e.note.as_deref());
    hex(&h.finalize())
}

pub(super) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// The newest entry's id and hash (0 and [`GENESIS`] for an empty trail).
pub fn tail(conn: &Connection) -> Result<(i64, String)> {
    let row = conn
        .prepare_cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
        })
        .optional()?;
    Ok(match row {
        Some((id, hash)) => (id, hash.unwrap_or_default()),
        None => (0, GENESIS.to_string()),
    })
}

/// The number and link for the next entry: after the head (the newest entry
/// this program wrote), so entries deleted from the end, or added by another
/// tool, stay a visible break instead of being absorbed by the next change.
/// Without a head but with entries (the head was deleted), the new entry links
/// to nothing, which verify reports.
pub fn next_link(conn: &Connection) -> Result<(i64, String)> {
    let head: Option<(i64, String)> = conn
        .prepare_cached("SELECT last_id, hash FROM audit_head WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (last_row, _) = tail(conn)?;
    Ok(match head {
        Some((last, hash)) => (last.max(last_row) + 1, hash),
        None => (last_row + 1, GENESIS.to_string()),
    })
}

/// Inserts `e` (numbered by [`next_link`]) linked to `prev`, and moves the head.
pub fn insert(conn: &Connection, prev: &str, e: &StoredEntry) -> Result<()> {
    let hash = insert_row(conn, prev, e)?;
    set_head(conn, e.id, &hash)
}

/// Inserts `entries` (numbered on from [`next_link`]), each linked to the one
/// before it and the first to `prev`, and moves the head once: an import
/// writes an entry per person, thousands at once.
pub fn insert_all(conn: &Connection, prev: &str, entries: &[StoredEntry]) -> Result<()> {
    let mut prev = prev.to_string();
    for e in entries {
        prev = insert_row(conn, &prev, e)?;
    }
    match entries.last() {
        Some(last) => set_head(conn, last.id, &prev),
        None => Ok(()),
    }
}

/// Inserts the row of `e` linked to `prev`; returns its hash.
fn insert_row(conn: &Connection, prev: &str, e: &StoredEntry) -> Result<String> {
    let hash = entry_hash(prev, e);
    conn.prepare_cached(
        "INSERT INTO audit_log (id, at, who, action, entity, person_id, record, field,
                                old_value, new_value, note, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        e.id,
        e.at,
        e.who,
        e.action,
        e.entity,
        e.person_id.as_deref().and_then(|p| p.parse::<i64>().ok()),
        e.record,
        e.field,
        e.old_value,
        e.new_value,
        e.note,
        prev,
        hash
    ])?;
    Ok(hash)
}

fn set_head(conn: &Connection, id: i64, hash: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_head (id, last_id, hash) VALUES (1, ?1, ?2)
         ON CONFLICT(id) DO UPDATE SET last_id = excluded.last_id, hash = excluded.hash",
    )?
    .execute(params![id, hash])?;
    Ok(())
}

/// Chains the entries written before the chain existed (migration 002).
pub fn seal_unchained(conn: &Connection) -> rusqlite::Result<()> {
    let rows = read_all(conn)?;
    let mut prev = GENESIS.to_string();
    let mut update =
        conn.prepare("UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3")?;
    let mut last = None;
    for (e, _, _) in &rows {
        let hash = entry_hash(&prev, e);
        update.execute(params![prev, hash, e.id])?;
        last = Some((e.id, hash.clone()));
        prev = hash;
    }
    if let Some((id, hash)) = last {
        conn.execute(
            "INSERT OR REPLACE INTO audit_head (id, last_id, hash) VALUES (1, ?1, ?2)",
            params![id, hash],
        )?;
    }
    Ok(())
}

/// A stored entry with its `prev_hash` and `hash`.
pub type ChainedRow = (StoredEntry, Option<String>, Option<String>);

fn read_all(conn: &Connection) -> rusqlite::Result<Vec<ChainedRow>> {
    read_rows(conn, "", [])
}

/// The stored entries matching `filter` (a WHERE clause or nothing), in order.
pub fn read_rows(
    conn: &Connection,
    filter: &str,
    args: impl rusqlite::Params,
) -> rusqlite::Result<Vec<ChainedRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, at, who, action, entity, person_id, record, field, old_value, new_value,
                note, prev_hash, hash
         FROM audit_log {filter} ORDER BY id"
    ))?;
    let rows = stmt.query_map(args, |r| {
        let text = |i| -> rusqlite::Result<Option<String>> {
            use rusqlite::types::ValueRef;
            Ok(match r.get_ref(i)? {
                ValueRef::Null => None,
                ValueRef::Integer(n) => Some(n.to_string()),
                ValueRef::Real(f) => Some(f.to_string()),
                ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Some(hex(b)),
            })
        };
        let required = |i| text(i).map(Option::unwrap_or_default);
        Ok((
            StoredEntry {
                id: r.get(0)?,
                at: required(1)?,
                who: required(2)?,
                action: required(3)?,
                entity: required(4)?,
                person_id: text(5)?,
                record: required(6)?,
                field: required(7)?,
                old_value: text(8)?,
                new_value: text(9)?,
                note: text(10)?,
            },
            text(11)?,
            text(12)?,
        ))
    })?;
    rows.collect()
}

/// What `audit verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    /// How many entries the trail holds.
    pub entries: usize,
    /// The first place the chain breaks, `None` when it is intact.
    pub problem: Option<ChainBreak>,
}

/// The first broken place of the chain, named by entry number (序号 = id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// Entry `id`'s content no longer matches its hash.
    Altered { id: i64, summary: String },
    /// Entries `from..=to` are missing (deleted) before an existing one.
    Missing { from: i64, to: i64 },
    /// Entry `id` does not link to the entry before it (the one before was
    /// replaced, or the first ones were deleted).
    Unlinked { id: i64, summary: String },
    /// The trail ends at `last` but was written up to `head`.
    Truncated { last: i64, head: i64 },
    /// Entries after `head` were not written by this program.
    Appended { head: i64, last: i64 },
    /// The head record is missing or altered.
    HeadAltered,
    /// The trail could not be read at all (SQLite's message).
    Unreadable(String),
}

impl ChainBreak {
    /// The first broken entry's number.
    pub fn entry(&self) -> Option<i64> {
        match self {
            ChainBreak::Altered { id, .. } | ChainBreak::Unlinked { id, .. } => Some(*id),
            ChainBreak::Missing { from, .. } => Some(*from),
            ChainBreak::Truncated { last, .. } => Some(last + 1),
            ChainBreak::Appended { head, .. } => Some(head + 1),
            ChainBreak::HeadAltered | ChainBreak::Unreadable(_) => None,
        }
    }
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainBreak::Altered { id, summary } => {
                write!(f, "第 {id} 条修改记录（{summary}）的内容被改动过")
            }
            ChainBreak::Missing { from, to } if from == to => {
                write!(f, "第 {from} 条修改记录被删除")
            }
            ChainBreak::Missing { from, to } => {
                write!(f, "第 {from} 至第 {to} 条修改记录被删除")
            }
            ChainBreak::Unlinked { id, summary } => write!(
                f,
                "第 {id} 条修改记录（{summary}）与它前面的记录接不上：前面的记录被删除或替换过"
            ),
            ChainBreak::Truncated { last, head } if last + 1 == *head => {
                write!(f, "第 {head} 条修改记录（最后一条）被删除")
            }
            ChainBreak::Truncated { last, head } => {
                write!(
                    f,
                    "第 {} 至第 {head} 条修改记录（最后几条）被删除",
                    last + 1
                )
            }
            ChainBreak::Appended { head, last } => {
                write!(f, "第 {} 至第 {last} 条修改记录不是本程序写入的", head + 1)
            }
            ChainBreak::HeadAltered => write!(f, "修改记录的链尾标记缺失或被改动过"),
            ChainBreak::Unreadable(e) => write!(f, "修改记录无法读取（{e}）"),
        }
    }
}

/// An entry named in a message: time, action, record (身份证号 masked), field.
fn summary(e: &StoredEntry) -> String {
    let mut s = format!("{} {} {}", e.at, e.action, e.record);
    if !e.field.is_empty() {
        s.push(' ');
        s.push_str(&e.field);
    }
    crate::domain::idcard::mask_all(&s)
}

/// Walks the whole trail and reports the first break.
pub fn verify(conn: &Connection) -> Result<ChainReport> {
    let rows = read_all(conn)?;
    let head: Option<(i64, String)> = conn
        .query_row(
            "SELECT last_id, hash FROM audit_head WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let report = |problem| ChainReport {
        entries: rows.len(),
        problem,
    };
    let mut prev = GENESIS.to_string();
    let mut prev_id: Option<i64> = None;
    for (e, prev_hash, hash) in &rows {
        if let Some(p) = prev_id
            && e.id != p + 1
        {
            return Ok(report(Some(ChainBreak::Missing {
                from: p + 1,
                to: e.id - 1,
            })));
        }
        if prev_hash.as_deref() != Some(prev.as_str()) {
            return Ok(report(Some(ChainBreak::Unlinked {
                id: e.id,
                summary: summary(e),
            })));
        }
        let expected = entry_hash(&prev, e);
        if hash.as_deref() != Some(expected.as_str()) {
            return Ok(report(Some(ChainBreak::Altered {
                id: e.id,
                summary: summary(e),
            })));
        }
        prev = expected;
        prev_id = Some(e.id);
    }
    let problem = match (prev_id, head) {
        (None, None) => None,
        (None, Some((head, _))) => Some(ChainBreak::Truncated { last: 0, head }),
        (Some(_), None) => Some(ChainBreak::HeadAltered),
        (Some(last), Some((head, _))) if head > last => Some(ChainBreak::Truncated { last, head }),
        (Some(last), Some((head, _))) if head < last => Some(ChainBreak::Appended { head, last }),
        (Some(_), Some((_, head_hash))) if head_hash != prev => Some(ChainBreak::HeadAltered),
        _ => None,
    };
    Ok(report(problem))
}
