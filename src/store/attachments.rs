//! 附件材料: the evidence files kept with each person (issue 15). A row here
//! says whose a file is, what it is (附件类别), its original name, size and
//! SHA-256, who added it and when; the file lives in the attachment folder
//! (src/store/blobs.rs). Adding writes the file first, then the row and its
//! 修改记录 entry in one transaction: a failure leaves at most an unreferenced
//! file, never a row without its file. Removing keeps the row with the
//! clerk's note (it stops counting) and keeps the file.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use super::audit::{self, AuditEntry};
use super::blobs::{self, BlobProblem};
use super::{Store, codec, persons};
use crate::domain::{AttachmentKind, VerdictKind};
use crate::error::{Error, Result};

/// One attachment of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: i64,
    pub person_id: i64,
    pub kind: AttachmentKind,
    /// The file's name when it was added (张三备案表.pdf).
    pub file_name: String,
    pub bytes: u64,
    pub sha256: String,
    pub who: String,
    /// When it was added, as stored (YYYY-MM-DD HH:MM:SS).
    pub added_at: String,
    /// The clerk's note when it was removed; `None` while it counts.
    pub removed_note: Option<String>,
    pub removed_at: Option<String>,
    /// 作为依据: the verdicts this file is cited for, in form order.
    pub cites: Vec<VerdictKind>,
}

impl Attachment {
    /// Still counts (not removed).
    pub fn is_current(&self) -> bool {
        self.removed_note.is_none()
    }
}

/// The size as the clerk reads it: 356 KB, 1.2 MB.
pub fn size_label(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    }
}

const COLUMNS: &str = "id, person_id, kind, file_name, bytes, sha256, who, added_at, removed_note, removed_at,
     (SELECT group_concat(kind, ',') FROM attachment_citations c WHERE c.attachment_id = attachments.id)";

/// The stored citation list (学历,真实执业) in form order; an unknown label is skipped.
fn parse_cites(text: Option<String>) -> Vec<VerdictKind> {
    let text = text.unwrap_or_default();
    let mut cites: Vec<VerdictKind> = text
        .split(',')
        .filter_map(|t| VerdictKind::parse(t).ok().flatten())
        .collect();
    cites.sort();
    cites.dedup();
    cites
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Attachment> {
    let kind: String = r.get(2)?;
    Ok(Attachment {
        id: r.get(0)?,
        person_id: r.get(1)?,
        kind: AttachmentKind::parse(&kind)
            .ok()
            .flatten()
            .unwrap_or(AttachmentKind::Other),
        file_name: r.get(3)?,
        bytes: r.get::<_, i64>(4)?.max(0) as u64,
        sha256: r.get(5)?,
        who: r.get(6)?,
        added_at: r.get(7)?,
        removed_note: r.get(8)?,
        removed_at: r.get(9)?,
        cites: parse_cites(r.get(10)?),
    })
}

/// The attachments of `person`, removed ones included, in the order added.
pub fn for_person(conn: &Connection, person: i64) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM attachments WHERE person_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([person], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Every attachment of a person in the roster, removed ones included, by
/// person and order added (a deleted person's stay unlinked and are not listed).
pub fn load_all(conn: &Connection) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM attachments WHERE person_id IS NOT NULL ORDER BY person_id, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The distinct contents (SHA-256, size) the database at `conn` refers to,
/// removed attachments included (their rows stay as evidence). A database
/// older than version 6 refers to none.
pub fn referenced_blobs(conn: &Connection) -> Result<Vec<(String, u64)>> {
    let has_table: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachments')",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(Vec::new());
    }
    let mut stmt =
        conn.prepare("SELECT sha256, max(bytes) FROM attachments GROUP BY sha256 ORDER BY sha256")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as u64))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// What the checks at open say about a missing or altered attachment file.
/// Every such note starts with [`NOTE_PREFIX`].
fn problem_note(a: &Attachment, person: &str, problem: BlobProblem) -> String {
    format!(
        "{NOTE_PREFIX}“{}”（{person}，{}）{}；其余数据照常打开。请从备份恢复，或移除后重新添加",
        a.file_name,
        a.kind.label(),
        problem.label()
    )
}

/// Whose a deleted person's attachments were: 姓名（身份证号） and the person's
/// number in the roster, so that undoing one deletion never takes the files of
/// another deleted namesake (two 张三 without a 身份证号).
pub fn deleted_label(label: &str, old_id: i64) -> String {
    format!("{label}〔原人员编号{old_id}〕")
}

/// Links back the attachments of a deleted person (unlinked, named
/// `deleted_label`) to `person`, the same person put back; returns how many.
pub fn relink(conn: &Connection, person: i64, deleted_label: &str) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE attachments SET person_id = ?1 WHERE person_id IS NULL AND person_record = ?2",
        params![person, deleted_label],
    )?)
}

/// The verdicts the attachments still counting (not removed) are cited for:
/// what [`crate::checks::support::unsupported`] weighs, for both shells.
pub fn current_citations<'a>(list: impl IntoIterator<Item = &'a Attachment>) -> Vec<VerdictKind> {
    let mut cited: Vec<VerdictKind> = list
        .into_iter()
        .filter(|a| a.is_current())
        .flat_map(|a| a.cites.iter().copied())
        .collect();
    cited.sort();
    cited.dedup();
    cited
}

/// The current attachments cited for `kind`, for the words 依据：….
pub fn cited_for(list: &[Attachment], kind: VerdictKind) -> Vec<&Attachment> {
    list.iter()
        .filter(|a| a.is_current() && a.cites.contains(&kind))
        .collect()
}

/// The citations as the clerk reads them: 学历、职称, or 无.
pub fn cites_label(a: &Attachment) -> String {
    if a.cites.is_empty() {
        "无".into()
    } else {
        let names: Vec<&str> = a.cites.iter().map(|k| k.label()).collect();
        names.join("、")
    }
}

/// How every note about an attachment file begins.
pub const NOTE_PREFIX: &str = "附件";

/// Every attachment's SHA-256 is read again at least once in this many days
/// (at the day's first start), beside the uses that always read it.
pub const HASH_ROUND_DAYS: u32 = 90;

/// Whether the file with this SHA-256 is among those hashed at the first start
/// of `day`: each file on one day of every [`HASH_ROUND_DAYS`], the files
/// spread evenly over the days by their hash.
pub fn hashed_on(sha256: &str, day: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    let bucket = sha256
        .get(..8)
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .unwrap_or(0)
        % HASH_ROUND_DAYS;
    let today = u32::try_from(day.num_days_from_ce()).unwrap_or(0) % HASH_ROUND_DAYS;
    bucket == today
}

/// Whether the first start of `today` hashes the file: its day is `today` or
/// one of the days since the last start (`last`, the day of the newest
/// backup), so days without a start are made up and every file is hashed at
/// least once in [`HASH_ROUND_DAYS`] days of calendar time; all files after
/// a longer pause, or with no backup yet.
pub fn hash_due(sha256: &str, last: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> bool {
    let Some(last) = last else {
        return true;
    };
    let missed = (today - last).num_days();
    if missed >= i64::from(HASH_ROUND_DAYS) {
        return true;
    }
    (0..missed.max(1)).any(|back| {
        today
            .checked_sub_days(chrono::Days::new(back.unsigned_abs()))
            .is_some_and(|day| hashed_on(sha256, day))
    })
}

impl Store {
    /// The attachment folder beside the database; a database in memory has none.
    pub fn attachment_folder(&self) -> Result<PathBuf> {
        self.path()
            .map(blobs::folder)
            .ok_or_else(|| Error::Other("内存中的临时数据库不能保存附件".into()))
    }

    /// The attachments of `person`, removed ones included, in the order added
    /// (the list's 序号 is the position here, so it never changes).
    pub fn attachments(&self, person: i64) -> Result<Vec<Attachment>> {
        for_person(self.conn(), person)
    }

    /// Every attachment of the roster, removed ones included.
    pub fn all_attachments(&self) -> Result<Vec<Attachment>> {
        load_all(self.conn())
    }

    /// Attaches the file at `path` to `person`: refused, with nothing stored,
    /// when it is over the size limit or not what its extension says.
    pub fn attach_file(&mut self, person: i64, kind: AttachmentKind, path: &Path) -> Result<i64> {
        let (name, bytes) = blobs::read_for_attaching(path)?;
        self.attach(person, kind, &name, &bytes)
    }

    /// Attaches `bytes`, named `name`, to `person`; returns the new row's id.
    pub fn attach(
        &mut self,
        person: i64,
        kind: AttachmentKind,
        name: &str,
        bytes: &[u8],
    ) -> Result<i64> {
        let ids = self.attach_all(person, &[(kind, name.to_string(), bytes.to_vec())])?;
        ids.first()
            .copied()
            .ok_or_else(|| Error::Other("附件未能保存".into()))
    }

    /// Attaches several files to `person` at once (both shells: `zicha attach`
    /// with several files, files dropped together): every file is checked
    /// first, then the files are stored, then every row with its 修改记录 entry
    /// in one transaction. One refused file adds none; a failure while
    /// writing leaves at most files no row refers to (reused on the next add).
    pub fn attach_all(
        &mut self,
        person: i64,
        files: &[(AttachmentKind, String, Vec<u8>)],
    ) -> Result<Vec<i64>> {
        let files: Vec<(AttachmentKind, String, &[u8])> = files
            .iter()
            .map(|(k, n, b)| (*k, crate::domain::text::clean_text(n), b.as_slice()))
            .collect();
        for (_, name, bytes) in &files {
            blobs::check_content(name, bytes)?;
        }
        let folder = self.attachment_folder()?;
        let rec = persons::load(self.conn(), person)?;
        let label = persons::record_label(&rec.person);
        let who = self.actor()?;
        let mut stored = Vec::new();
        for (kind, name, bytes) in &files {
            let sha = blobs::sha256_hex(bytes);
            blobs::put(&folder, &sha, bytes)?;
            stored.push((*kind, name.as_str(), bytes.len(), sha));
        }
        let at = codec::timestamp(codec::now());
        self.write(|tx| {
            let mut ids = Vec::new();
            for (kind, name, len, sha) in &stored {
                tx.execute(
                    "INSERT INTO attachments
                       (person_id, person_record, kind, file_name, bytes, sha256, who, added_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![person, label, kind.label(), name, *len as i64, sha, who, at],
                )?;
                let id = tx.last_insert_rowid();
                ids.push(id);
                if let Some(v) = kind.supports() {
                    tx.execute(
                        "INSERT INTO attachment_citations (attachment_id, kind) VALUES (?1, ?2)",
                        params![id, v.label()],
                    )?;
                }
                audit::append(
                    tx,
                    &AuditEntry {
                        at: codec::now(),
                        who: who.clone(),
                        action: "添加附件".into(),
                        entity: "附件".into(),
                        person_id: Some(person),
                        record: label.clone(),
                        field: kind.label().into(),
                        old_value: None,
                        new_value: Some(format!(
                            "{name}（{}，SHA-256 {sha}）",
                            size_label(*len as u64)
                        )),
                        note: None,
                    },
                )?;
            }
            Ok(ids)
        })
    }

    /// Removes the attachment `id` with the clerk's `note` (required): it
    /// stops counting, its row stays with the note, and the 修改记录 names it.
    pub fn remove_attachment(&mut self, id: i64, note: &str) -> Result<()> {
        let note = crate::domain::text::clean_text(note);
        if note.is_empty() {
            return Err(Error::invalid("说明", "移除附件须写明原因"));
        }
        let a = self.current_attachment(id, "要移除的附件已不存在", "已经移除过了")?;
        let rec = persons::load(self.conn(), a.person_id)?;
        let label = persons::record_label(&rec.person);
        let who = self.actor()?;
        let at = codec::timestamp(codec::now());
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE attachments SET removed_note = ?1, removed_at = ?2, removed_by = ?3
                 WHERE id = ?4 AND removed_note IS NULL",
                params![note, at, who, id],
            )?;
            if changed == 0 {
                return Err(Error::invalid(
                    "附件",
                    format!("“{}”已经移除过了", a.file_name),
                ));
            }
            audit::append(
                tx,
                &AuditEntry {
                    at: codec::now(),
                    who: who.clone(),
                    action: "移除附件".into(),
                    entity: "附件".into(),
                    person_id: Some(a.person_id),
                    record: label.clone(),
                    field: a.kind.label().into(),
                    old_value: Some(format!("{}（{}）", a.file_name, size_label(a.bytes))),
                    new_value: None,
                    note: Some(note.clone()),
                },
            )
        })
    }

    /// Cites the current attachment `id` for its person's verdict `kind`
    /// (作为依据), or with `cite` false takes the citation back; the 修改记录
    /// names the file and the verdict. Asking for what is already so changes
    /// nothing and writes no entry.
    pub fn set_citation(&mut self, id: i64, kind: VerdictKind, cite: bool) -> Result<()> {
        let a = self.current_attachment(id, "这个附件已不存在", "已经移除，不能作为依据")?;
        if a.cites.contains(&kind) == cite {
            return Ok(());
        }
        let rec = persons::load(self.conn(), a.person_id)?;
        let label = persons::record_label(&rec.person);
        let who = self.actor()?;
        self.write(|tx| {
            if cite {
                tx.execute(
                    "INSERT OR IGNORE INTO attachment_citations (attachment_id, kind) VALUES (?1, ?2)",
                    params![id, kind.label()],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM attachment_citations WHERE attachment_id = ?1 AND kind = ?2",
                    params![id, kind.label()],
                )?;
            }
            let file = format!("{}（{}）", a.file_name, a.kind.label());
            audit::append(
                tx,
                &AuditEntry {
                    at: codec::now(),
                    who: who.clone(),
                    action: if cite { "引用附件" } else { "取消引用附件" }.into(),
                    entity: "附件".into(),
                    person_id: Some(a.person_id),
                    record: label.clone(),
                    field: format!("{}的依据", kind.label()),
                    old_value: (!cite).then(|| file.clone()),
                    new_value: cite.then(|| file.clone()),
                    note: None,
                },
            )
        })
    }

    /// The attachment `id` of a person in the roster, still counting; when
    /// there is no such row the error says `gone`, when it was removed it
    /// says “名称”`removed` (each caller's own words).
    fn current_attachment(&self, id: i64, gone: &str, removed: &str) -> Result<Attachment> {
        let a = self
            .conn()
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM attachments WHERE id = ?1 AND person_id IS NOT NULL"
                ),
                [id],
                from_row,
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => {
                    Error::Other(format!("{gone}，请刷新后重试"))
                }
                e => Error::Database(e),
            })?;
        if !a.is_current() {
            return Err(Error::invalid(
                "附件",
                format!("“{}”{removed}", a.file_name),
            ));
        }
        Ok(a)
    }

    /// The content of an attachment, checked against its SHA-256: a missing
    /// or altered file is an error naming it.
    pub fn attachment_content(&self, a: &Attachment) -> Result<Vec<u8>> {
        let path = blobs::blob_path(&self.attachment_folder()?, &a.sha256);
        blobs::read_verified(&path, &a.sha256).map_err(|p| {
            Error::Other(format!(
                "附件“{}”{}，请从备份恢复，或移除后重新添加",
                a.file_name,
                p.label()
            ))
        })
    }

    /// Checks the files of the current attachments: the size always, the
    /// SHA-256 too with `full` or when a file's time is not zicha's
    /// ([`blobs::verify`]). One Chinese note per missing or altered file,
    /// naming it and its person; empty when all are sound.
    pub fn check_attachments(&self, full: bool) -> Result<Vec<String>> {
        self.check_attachment_files(|_| Some(full))
    }

    /// [`Store::check_attachments`] for the files `which` (given the SHA-256)
    /// names: `Some(true)` to hash the file, `Some(false)` for its size only,
    /// `None` to leave it.
    fn check_attachment_files(&self, which: impl Fn(&str) -> Option<bool>) -> Result<Vec<String>> {
        let Some(db) = self.path() else {
            return Ok(Vec::new());
        };
        let folder = blobs::folder(db);
        let mut notes = Vec::new();
        let mut names = std::collections::HashMap::new();
        for a in load_all(self.conn())?.iter().filter(|a| a.is_current()) {
            let Some(full) = which(&a.sha256) else {
                continue;
            };
            let path = blobs::blob_path(&folder, &a.sha256);
            if let Some(problem) = blobs::verify(&path, a.bytes, &a.sha256, full) {
                let person = match names.entry(a.person_id) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(persons::load(self.conn(), a.person_id)?.person.name)
                    }
                };
                notes.push(problem_note(a, person, problem));
            }
        }
        Ok(notes)
    }

    /// Hashes the files due today ([`hash_due`]; the day's first start: see
    /// docs/DECISIONS.md, "Attachments (issue 15)") and adds a note for each
    /// one found altered that the open (sizes, and the files whose time is
    /// not zicha's) has not named already.
    pub(super) fn recheck_attachments_due(&mut self, today: chrono::NaiveDate) -> Result<()> {
        let last = self.path().and_then(|p| {
            super::backup::list_backups(p)
                .first()
                .map(|b| b.taken.date())
        });
        let found =
            self.check_attachment_files(|sha| hash_due(sha, last, today).then_some(true))?;
        for note in found {
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
        }
        Ok(())
    }
}
