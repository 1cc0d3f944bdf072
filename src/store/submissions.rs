//! 报送记录 in the store (issue 15): each submission's snapshot and the exact
//! bytes of its PDF and XLSX, and the scan of the signed paper form. What a
//! snapshot holds is the JSON src/annex1/submission.rs writes: the store keeps
//! it, it does not interpret it. Every change is one transaction with its
//! 修改记录 entry.

use rusqlite::{Connection, OptionalExtension, params};

use super::audit::{self, AuditEntry};
use super::codec;
use crate::error::{Error, Result};

/// A submission to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubmission {
    pub who: String,
    /// 填报日期 (ISO).
    pub fill_date: String,
    /// 核查基准日 R (ISO).
    pub reference_date: String,
    pub agency_name: String,
    pub persons: usize,
    pub snapshot: String,
    pub pdf_name: String,
    pub pdf: Vec<u8>,
    pub xlsx_name: String,
    pub xlsx: Vec<u8>,
}

/// One line of 报送记录 (without the bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionInfo {
    /// The submission's number: 第N次报送.
    pub id: i64,
    pub at: String,
    pub who: String,
    pub fill_date: String,
    pub reference_date: String,
    pub agency_name: String,
    pub persons: usize,
    pub pdf_name: String,
    pub pdf_sha256: String,
    pub xlsx_name: String,
    pub xlsx_sha256: String,
    /// The scan's original file name, when one is attached.
    pub scan: Option<String>,
    /// The 核查批次 it was made in.
    pub campaign: i64,
}

/// The kept files of one submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionFiles {
    pub info: SubmissionInfo,
    pub snapshot: String,
    pub pdf: Vec<u8>,
    pub xlsx: Vec<u8>,
}

/// A scan of the signed and stamped paper form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub file_name: String,
    /// `pdf`, `jpg` or `png`: what the content is.
    pub kind: String,
    pub sha256: String,
    pub content: Vec<u8>,
}

/// The SHA-256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How the 修改记录 names a submission.
pub fn record_name(id: i64) -> String {
    format!("第{id}次报送")
}

fn entry(who: &str, action: &str, id: i64, field: &str) -> AuditEntry {
    AuditEntry {
        at: codec::now(),
        who: who.to_string(),
        action: action.to_string(),
        entity: "报送记录".to_string(),
        person_id: None,
        record: record_name(id),
        field: field.to_string(),
        old_value: None,
        new_value: None,
        note: None,
    }
}

/// Records a submission and its audit entry (call inside a transaction);
/// returns its number.
pub fn insert(conn: &Connection, s: &NewSubmission) -> Result<i64> {
    let pdf_sha = sha256_hex(&s.pdf);
    let xlsx_sha = sha256_hex(&s.xlsx);
    conn.execute(
        "INSERT INTO submissions (at, who, fill_date, reference_date, agency_name, persons, snapshot,
             pdf_name, pdf, pdf_sha256, xlsx_name, xlsx, xlsx_sha256, campaign)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            codec::timestamp(codec::now()),
            s.who,
            s.fill_date,
            s.reference_date,
            s.agency_name,
            s.persons as i64,
            s.snapshot,
            s.pdf_name,
            s.pdf,
            pdf_sha,
            s.xlsx_name,
            s.xlsx,
            xlsx_sha,
            super::campaigns::current(conn)?,
        ],
    )?;
    let id = conn.last_insert_rowid();
    let snapshot_sha = sha256_hex(s.snapshot.as_bytes());
    let mut e = entry(&s.who, SUBMIT_ACTION, id, "附件1");
    e.new_value = Some(
        Recorded {
            fill_date: &s.fill_date,
            reference_date: &s.reference_date,
            persons: s.persons,
            pdf: (s.pdf_name.as_str(), pdf_sha.as_str()),
            xlsx: (s.xlsx_name.as_str(), xlsx_sha.as_str()),
            snapshot_sha: Some(snapshot_sha.as_str()),
        }
        .text(),
    );
    audit::append(conn, &e)?;
    Ok(id)
}

/// The 修改记录 action of a submission.
const SUBMIT_ACTION: &str = "定稿报送";

/// What the 定稿报送 entry says about a submission: its dates, head count,
/// files with their SHA-256 and the snapshot's SHA-256. Entries written
/// before the snapshot's hash was recorded have no `snapshot_sha`.
struct Recorded<'a> {
    fill_date: &'a str,
    reference_date: &'a str,
    persons: usize,
    /// File name and SHA-256.
    pdf: (&'a str, &'a str),
    xlsx: (&'a str, &'a str),
    snapshot_sha: Option<&'a str>,
}

impl Recorded<'_> {
    fn text(&self) -> String {
        let mut text = format!(
            "填报日期 {}，核查基准日 {}，{} 人；PDF {}（SHA-256 {}）；XLSX {}（SHA-256 {}）",
            self.fill_date,
            self.reference_date,
            self.persons,
            self.pdf.0,
            self.pdf.1,
            self.xlsx.0,
            self.xlsx.1
        );
        if let Some(sha) = self.snapshot_sha {
            text.push_str(&format!("；快照 SHA-256 {sha}"));
        }
        text
    }
}

/// The refusal for a submission whose kept row no longer says what its
/// 修改记录 entry recorded.
fn not_as_recorded(id: i64) -> Error {
    Error::Other(format!(
        "{}的记录与修改记录不符，可能被改动过",
        record_name(id)
    ))
}

/// Checks a loaded submission against its 定稿报送 entry in the 修改记录: the
/// entry must be intact (its own hash) and say exactly what the row holds
/// (dates, head count, file names, the SHA-256 of both files and of the
/// snapshot). An entry written before the snapshot's hash was recorded is
/// checked for what it holds.
fn check_against_trail(conn: &Connection, files: &SubmissionFiles) -> Result<()> {
    let info = &files.info;
    let record = record_name(info.id);
    let Some(e) = newest_intact(
        conn,
        "WHERE entity = ?1 AND action = ?2 AND record = ?3",
        params!["报送记录", SUBMIT_ACTION, record],
    )?
    else {
        return Err(not_as_recorded(info.id));
    };
    if e.who != info.who {
        return Err(not_as_recorded(info.id));
    }
    let snapshot_sha = sha256_hex(files.snapshot.as_bytes());
    let (pdf_sha, xlsx_sha) = (sha256_hex(&files.pdf), sha256_hex(&files.xlsx));
    let recorded = |snapshot_sha: Option<&str>| {
        Recorded {
            fill_date: &info.fill_date,
            reference_date: &info.reference_date,
            persons: info.persons,
            pdf: (info.pdf_name.as_str(), pdf_sha.as_str()),
            xlsx: (info.xlsx_name.as_str(), xlsx_sha.as_str()),
            snapshot_sha,
        }
        .text()
    };
    let said = e.new_value.unwrap_or_default();
    if said == recorded(Some(snapshot_sha.as_str())) || said == recorded(None) {
        Ok(())
    } else {
        Err(not_as_recorded(info.id))
    }
}

const INFO_COLUMNS: &str =
    "s.id, s.at, s.who, s.fill_date, s.reference_date, s.agency_name, s.persons,
     s.pdf_name, s.pdf_sha256, s.xlsx_name, s.xlsx_sha256, c.file_name, s.campaign";

fn info_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<SubmissionInfo> {
    Ok(SubmissionInfo {
        id: r.get(0)?,
        at: r.get(1)?,
        who: r.get(2)?,
        fill_date: r.get(3)?,
        reference_date: r.get(4)?,
        agency_name: r.get(5)?,
        persons: r.get::<_, i64>(6)?.max(0) as usize,
        pdf_name: r.get(7)?,
        pdf_sha256: r.get(8)?,
        xlsx_name: r.get(9)?,
        xlsx_sha256: r.get(10)?,
        scan: r.get(11)?,
        campaign: r.get(12)?,
    })
}

/// Every submission, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<SubmissionInfo>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {INFO_COLUMNS} FROM submissions s
         LEFT JOIN submission_scans c ON c.submission_id = s.id ORDER BY s.id"
    ))?;
    let rows = stmt.query_map([], info_of)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The refusal for a number that names no submission.
pub fn not_found(id: i64) -> Error {
    Error::invalid(
        "报送记录",
        format!("没有第{id}次报送，请查看报送记录中已有的各次报送"),
    )
}

/// One submission with its kept bytes; the hashes are checked against the
/// bytes, so an altered file is named instead of handed out, and the row
/// against its 定稿报送 entry in the 修改记录, so a row changed by another
/// program (its snapshot, or a file together with its hash) is refused.
pub fn load(conn: &Connection, id: i64) -> Result<SubmissionFiles> {
    let found = conn
        .query_row(
            &format!(
                "SELECT {INFO_COLUMNS}, s.snapshot, s.pdf, s.xlsx FROM submissions s
                 LEFT JOIN submission_scans c ON c.submission_id = s.id WHERE s.id = ?1"
            ),
            [id],
            |r| {
                Ok(SubmissionFiles {
                    info: info_of(r)?,
                    snapshot: r.get(13)?,
                    pdf: r.get(14)?,
                    xlsx: r.get(15)?,
                })
            },
        )
        .optional()?;
    let files = found.ok_or_else(|| not_found(id))?;
    for (what, bytes, sha) in [
        ("PDF", &files.pdf, &files.info.pdf_sha256),
        ("XLSX", &files.xlsx, &files.info.xlsx_sha256),
    ] {
        if sha256_hex(bytes) != *sha {
            return Err(Error::Other(format!(
                "{}保存的{what}文件与记录的 SHA-256 不一致，文件已被改动",
                record_name(id)
            )));
        }
    }
    check_against_trail(conn, &files)?;
    Ok(files)
}

/// Every submission checked as [`load`] and [`scan`] check it (for `audit
/// verify`): one sentence per submission that does not hold, empty when all do.
pub fn check_all(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for info in list(conn)? {
        if let Err(e) = load(conn, info.id).and_then(|_| scan(conn, info.id)) {
            problems.push(e.to_string());
        }
    }
    Ok(problems)
}

/// Attaches (or replaces) the scan of a submission, with its audit entry
/// (call inside a transaction).
pub fn put_scan(conn: &Connection, id: i64, scan: &Scan, who: &str) -> Result<()> {
    let exists: Option<i64> = conn
        .query_row("SELECT id FROM submissions WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    if exists.is_none() {
        return Err(not_found(id));
    }
    let old: Option<(String, String)> = conn
        .query_row(
            "SELECT file_name, sha256 FROM submission_scans WHERE submission_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    conn.execute(
        "INSERT INTO submission_scans (submission_id, file_name, kind, size, sha256, content, at, who)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(submission_id) DO UPDATE SET file_name = excluded.file_name,
             kind = excluded.kind, size = excluded.size, sha256 = excluded.sha256,
             content = excluded.content, at = excluded.at, who = excluded.who",
        params![
            id,
            scan.file_name,
            scan.kind,
            scan.content.len() as i64,
            scan.sha256,
            scan.content,
            codec::timestamp(codec::now()),
            who,
        ],
    )?;
    let action = if old.is_some() {
        "更换扫描件"
    } else {
        "添加扫描件"
    };
    let mut e = entry(who, action, id, SCAN_FIELD);
    e.old_value = old.map(|(name, sha)| format!("{name}（SHA-256 {sha}）"));
    e.new_value = Some(scan_text(scan));
    audit::append(conn, &e)
}

/// What the 修改记录 says of a scan.
fn scan_text(scan: &Scan) -> String {
    format!(
        "{}（{} 字节，SHA-256 {}）",
        scan.file_name,
        scan.content.len(),
        scan.sha256
    )
}

/// The scan of a submission, when one is attached, checked against its
/// SHA-256 and against the newest 修改记录 entry that added it: an altered
/// scan is refused instead of handed out.
pub fn scan(conn: &Connection, id: i64) -> Result<Option<Scan>> {
    let Some(scan) = stored_scan(conn, id)? else {
        return Ok(None);
    };
    if sha256_hex(&scan.content) != scan.sha256 {
        return Err(Error::Other(format!(
            "{}的扫描件与记录的 SHA-256 不一致，文件已被改动",
            record_name(id)
        )));
    }
    let newest = newest_intact(
        conn,
        "WHERE entity = ?1 AND record = ?2 AND field = ?3",
        params!["报送记录", record_name(id), SCAN_FIELD],
    )?;
    match newest {
        Some(e) if e.new_value.as_deref() == Some(scan_text(&scan).as_str()) => Ok(Some(scan)),
        _ => Err(not_as_recorded(id)),
    }
}

/// The newest 修改记录 entry matching `filter`, when its own hash still holds
/// (`None` also when the newest one was altered: an older one does not count).
fn newest_intact(
    conn: &Connection,
    filter: &str,
    args: impl rusqlite::Params,
) -> Result<Option<super::audit_chain::StoredEntry>> {
    let rows = super::audit_chain::read_rows(conn, filter, args)?;
    Ok(match rows.into_iter().next_back() {
        Some((e, Some(prev), Some(hash))) if super::audit_chain::entry_hash(&prev, &e) == hash => {
            Some(e)
        }
        _ => None,
    })
}

/// The 修改记录 field of a scan's entries.
const SCAN_FIELD: &str = "签字盖章扫描件";

fn stored_scan(conn: &Connection, id: i64) -> Result<Option<Scan>> {
    Ok(conn
        .query_row(
            "SELECT file_name, kind, sha256, content FROM submission_scans WHERE submission_id = ?1",
            [id],
            |r| {
                Ok(Scan {
                    file_name: r.get(0)?,
                    kind: r.get(1)?,
                    sha256: r.get(2)?,
                    content: r.get(3)?,
                })
            },
        )
        .optional()?)
}
