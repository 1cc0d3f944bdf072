//! Copies of the database (备份) made with SQLite's online backup API, so a
//! copy taken while the database is open is consistent. Automatic backups go
//! to `backups/` beside the database (before every import, replace, restore
//! and migration, and once a day at the first start); the newest
//! [`KEEP`] are kept. A backup is written to a temporary file and renamed,
//! and is a single self-contained file (rollback journal, not WAL). The
//! attachment files go to one folder shared by the backups (`backups/附件/`):
//! each content is copied once, however many backups refer to it, and pruning
//! removes a file only when no kept backup refers to it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDateTime, Timelike};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::{APPLICATION_ID, Store, blobs, integrity, schema_version};
use crate::error::{Error, Result};
use crate::safe_write;

/// The folder beside the database that holds its backups.
pub const BACKUP_DIR: &str = "backups";

/// How many automatic backups are kept.
pub const KEEP: usize = 30;

/// One file in the backup folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    /// When it was taken, read from its name.
    pub taken: NaiveDateTime,
    pub bytes: u64,
    /// Taken before a restore (名称带“恢复前”): never pruned, since it holds the
    /// data and the 修改记录 the restore replaced.
    pub before_restore: bool,
}

/// Marks a backup taken before a restore.
const BEFORE_RESTORE: &str = "-恢复前";

/// What a backup file holds, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    pub persons: usize,
    pub audit_entries: usize,
    /// Which kind of file the backup is (本单位自查台账 or 辖区汇总).
    pub kind: super::workspace::Workspace,
}

/// Copies the database behind `src` into a new file at `dest` (through a
/// temporary file), switched to a rollback journal so it is one file.
pub(super) fn copy_database(src: &Connection, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(Error::Other(format!(
            "备份文件 {} 已存在，为免覆盖已停止备份",
            dest.display()
        )));
    }
    safe_write::write_with(dest, |tmp| {
        let copy = || -> rusqlite::Result<()> {
            let mut target = Connection::open(tmp)?;
            Backup::new(src, &mut target)?.run_to_completion(
                1024,
                Duration::from_millis(5),
                None,
            )?;
            let _: String = target.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
            target.close().map_err(|(_, e)| e)
        };
        copy()
            .inspect_err(|_| {
                for side in ["-journal", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{side}", tmp.display()));
                }
            })
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull => {
                    safe_write::failure(
                        dest,
                        &std::io::Error::from(std::io::ErrorKind::StorageFull),
                    )
                }
                other => Error::Other(format!("备份数据库到 {} 失败：{other}", dest.display())),
            })
    })
}

/// The backup folder of the database at `db`.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .unwrap_or_else(|| Path::new("."))
        .join(BACKUP_DIR)
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "zicha".into())
}

/// A new name in the backup folder for a backup taken now:
/// zicha-20240710-153000.db, then -2, -3 … within the same second, with
/// “-恢复前” before the extension for a backup taken before a restore. The number
/// only grows, so a name freed by pruning is never reused for a newer backup
/// (which would then sort as the oldest).
fn new_backup_path(db: &Path, before_restore: bool) -> PathBuf {
    let dir = backup_dir(db);
    let stem = stem(db);
    let now = chrono::Local::now().naive_local();
    let stamp = now.format("%Y%m%d-%H%M%S");
    let taken = now.with_nanosecond(0);
    let last = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| taken_at(&stem, &e.file_name().to_string_lossy()))
        .filter(|(at, _, _)| Some(*at) == taken)
        .map(|(_, n, _)| n)
        .max();
    let mark = if before_restore { BEFORE_RESTORE } else { "" };
    let mut n = last.map_or(1, |n| n + 1);
    loop {
        let name = match n {
            1 => format!("{stem}-{stamp}{mark}.db"),
            n => format!("{stem}-{stamp}-{n}{mark}.db"),
        };
        let dest = dir.join(name);
        if !dest.exists() {
            return dest;
        }
        n += 1;
    }
}

/// When a backup of the database named `stem` was taken, from its file name;
/// `None` for a file that is not one of its automatic backups.
fn taken_at(stem: &str, name: &str) -> Option<(NaiveDateTime, u32, bool)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?;
    let rest = rest.strip_suffix(".db")?;
    let (rest, before_restore) = match rest.strip_suffix(BEFORE_RESTORE) {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let (stamp, n) = match rest.get(15..) {
        Some("") => (rest, 1),
        Some(tail) => (rest.get(..15)?, tail.strip_prefix('-')?.parse().ok()?),
        None => return None,
    };
    let at = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?;
    Some((at, n, before_restore))
}

/// The automatic backups of the database at `db`, newest first.
pub fn list_backups(db: &Path) -> Vec<BackupFile> {
    let stem = stem(db);
    let Ok(entries) = std::fs::read_dir(backup_dir(db)) else {
        return Vec::new();
    };
    let mut found: Vec<(NaiveDateTime, u32, BackupFile)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (taken, n, before_restore) = taken_at(&stem, &name)?;
            let bytes = e.metadata().ok().filter(|m| m.is_file())?.len();
            Some((
                taken,
                n,
                BackupFile {
                    path: e.path(),
                    taken,
                    bytes,
                    before_restore,
                },
            ))
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse((f.0, f.1)));
    found.into_iter().map(|(_, _, f)| f).collect()
}

/// Removes all but the newest [`KEEP`] automatic backups (never `just_written`,
/// even when a clock set back makes it sort oldest; never one taken before a
/// restore), and this database's temporary backup files left by a backup that
/// was stopped more than an hour ago. Returns whether a backup removed referred
/// to a file that `kept` (the files of the backup just written) lacks, or could
/// not be read: only then may `backups/附件/` hold a file no backup needs.
fn prune(db: &Path, just_written: &Path, kept: &HashSet<String>) -> bool {
    let automatic = list_backups(db).into_iter().filter(|b| !b.before_restore);
    let mut freed = false;
    for old in automatic.skip(KEEP) {
        if old.path == just_written {
            continue;
        }
        freed |= match Connection::open_with_flags(
            &old.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(Error::from)
        .and_then(|conn| super::attachments::referenced_blobs(&conn))
        {
            Ok(files) => files.iter().any(|(sha, _)| !kept.contains(sha)),
            Err(_) => true,
        };
        let _ = std::fs::remove_file(old.path);
    }
    let prefix = format!(".{}-", stem(db));
    let stale = |e: &std::fs::DirEntry| {
        e.metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(3600))
    };
    if let Ok(entries) = std::fs::read_dir(backup_dir(db)) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let temporary = name.ends_with(".tmp") || name.ends_with(".tmp-journal");
            if name.starts_with(&prefix) && temporary && stale(&e) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    freed
}

/// Opens a file read-only and checks that it is a sound zicha database this
/// version can read; says what it holds.
pub fn inspect(path: &Path) -> Result<BackupSummary> {
    let label = path.display().to_string();
    if !path.is_file() {
        return Err(Error::Other(format!("找不到备份文件 {label}")));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let not_ours = || Error::NotZichaDatabase(label.clone());
    let read = || -> rusqlite::Result<(i64, i64)> {
        Ok((
            conn.query_row("PRAGMA application_id", [], |r| r.get(0))?,
            conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        ))
    };
    let (app_id, version) = read().map_err(|e| {
        if integrity::is_corruption(&e) {
            Error::BadBackup(label.clone(), "文件已损坏".into())
        } else {
            not_ours()
        }
    })?;
    if app_id != APPLICATION_ID || version < 1 {
        return Err(not_ours());
    }
    if version > schema_version() {
        return Err(Error::NewerSchema {
            path: label,
            found: version,
            supported: schema_version(),
        });
    }
    let problems =
        integrity::problems(&conn).map_err(|e| Error::BadBackup(label.clone(), e.to_string()))?;
    if !problems.is_empty() {
        return Err(Error::BadBackup(label, problems.join("；")));
    }
    let count = |table: &str| -> Result<usize> {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|e| Error::BadBackup(label.clone(), e.to_string()))?;
        Ok(n as usize)
    };
    Ok(BackupSummary {
        persons: count("persons")?,
        audit_entries: count("audit_log")?,
        kind: super::workspace::kind_of(&conn)
            .map_err(|e| Error::BadBackup(label.clone(), e.to_string()))?,
    })
}

/// The newest automatic backup of `db` that passes [`inspect`].
pub fn newest_good_backup(db: &Path) -> Option<PathBuf> {
    list_backups(db)
        .into_iter()
        .map(|b| b.path)
        .find(|p| inspect(p).is_ok())
}

/// Whether an automatic backup of `db` was taken today.
fn backed_up_today(db: &Path) -> bool {
    let today = chrono::Local::now().date_naive();
    list_backups(db).iter().any(|b| b.taken.date() == today)
}

/// Backs up the database behind `conn` (at `db`) into its backup folder and
/// prunes old backups.
pub(super) fn backup_connection_beside(conn: &Connection, db: &Path) -> Result<PathBuf> {
    let first_today = !backed_up_today(db);
    let dest = new_backup_path(db, false);
    copy_database(conn, &dest)?;
    let (_, kept) = copy_blobs(conn, db, &dest)?;
    // Reading every backup's list of files is what a backup of a roster with
    // files costs most, so the shared folder is swept only when rotation may
    // have left a file no backup needs, and once a day for files left by
    // anything else (a backup deleted by hand, a sweep that could not finish).
    if prune(db, &dest, &kept) || first_today {
        prune_blobs(db, &kept);
    }
    Ok(dest)
}

/// Copies the attachment files the database behind `conn` (at `db`) refers
/// to into the shared folder beside the backup `dest` ([`blobs::backup_folder`]),
/// those it does not hold yet only. A file missing or altered in the
/// attachment folder is not copied (the checks at open name it). Returns how
/// many files were copied, and every file the database refers to (SHA-256).
pub(super) fn copy_blobs(
    conn: &Connection,
    db: &Path,
    dest: &Path,
) -> Result<(usize, HashSet<String>)> {
    let from = blobs::folder(db);
    let to = blobs::backup_folder(dest);
    let (mut copied, mut referred) = (0, HashSet::new());
    for (sha, bytes) in super::attachments::referenced_blobs(conn)? {
        let done = blobs::copy_between(&from, &to, &sha, bytes);
        referred.insert(sha);
        match done {
            Ok(true) => copied += 1,
            Ok(false) => {}
            Err(Error::WriteFailed { path, reason }) => {
                return Err(Error::WriteFailed { path, reason });
            }
            Err(_) => {}
        }
    }
    Ok((copied, referred))
}

/// Removes from `backups/附件/` every file no database in the backups folder
/// refers to. The folder is shared by every database beside `db` (a second
/// roster, a 辖区汇总 file): all their backups are read, not only `db`'s. When
/// any of them cannot be read, nothing is removed: a file is deleted only when
/// it is known to be unneeded. `kept` are the files of the backup just
/// written: when the folder holds no other, nothing can go and no backup is
/// read (the usual day, which then costs one listing of the folder).
fn prune_blobs(db: &Path, kept: &HashSet<String>) {
    let backups = backup_dir(db);
    let dir = blobs::shared_folder(&backups);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let candidates: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (blobs::is_blob_name(&name) && !kept.contains(&name)).then(|| (name, e.path()))
        })
        .collect();
    if candidates.is_empty() {
        return;
    }
    let Ok(listed) = std::fs::read_dir(&backups) else {
        return;
    };
    let databases: Vec<std::path::PathBuf> = listed
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("db")))
        .collect();
    let mut keep = std::collections::HashSet::new();
    for path in databases {
        let Ok(conn) = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ) else {
            return;
        };
        let Ok(referenced) = super::attachments::referenced_blobs(&conn) else {
            return;
        };
        keep.extend(referenced.into_iter().map(|(sha, _)| sha));
    }
    for (name, path) in candidates {
        if !keep.contains(&name) {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl Store {
    /// Writes a complete copy of the database to `dest`, which must not exist.
    /// A copy that fails midway leaves nothing under `dest`.
    /// The attachment files go to the folder 附件 beside `dest`, shared by
    /// every backup written to that folder.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        copy_database(self.conn(), dest)?;
        if let Some(db) = self.path() {
            copy_blobs(self.conn(), db, dest)?;
        }
        Ok(())
    }

    /// Backs the database up into `backups/` beside it, named after the file
    /// and the time (zicha-20240710-153000.db), keeping the newest [`KEEP`].
    /// `None` for a database in memory.
    pub fn backup_beside(&self) -> Result<Option<PathBuf>> {
        match self.path() {
            Some(path) => backup_connection_beside(self.conn(), path).map(Some),
            None => Ok(None),
        }
    }

    /// The backup taken before a restore: kept for good (not pruned), and
    /// nothing else is pruned by it, so the file being restored stays in place.
    pub(super) fn backup_before_restore(&self) -> Result<Option<PathBuf>> {
        let Some(path) = self.path() else {
            return Ok(None);
        };
        let dest = new_backup_path(path, true);
        copy_database(self.conn(), &dest)?;
        copy_blobs(self.conn(), path, &dest)?;
        Ok(Some(dest))
    }

    /// The once-a-day backup at the first start of the day: `None` when today's
    /// exists already, or the database holds nothing yet.
    pub fn daily_backup(&self) -> Result<Option<PathBuf>> {
        if !self.daily_backup_due() {
            return Ok(None);
        }
        self.backup_unless_empty()
    }

    /// Whether no backup was taken today yet (a database in memory: never due).
    pub fn daily_backup_due(&self) -> bool {
        self.path().is_some_and(|path| !backed_up_today(path))
    }

    /// A backup into `backups/` unless the database holds nothing yet (no
    /// persons, no history): the daily backup, and before loading the demo,
    /// which overwrites settings.
    pub fn backup_unless_empty(&self) -> Result<Option<PathBuf>> {
        if self.holds_anything()? {
            self.backup_beside()
        } else {
            Ok(None)
        }
    }

    /// Whether the database holds any person or any 修改记录 entry (a fresh
    /// database holds neither).
    pub fn holds_anything(&self) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM persons) OR EXISTS (SELECT 1 FROM audit_log)",
            [],
            |r| r.get(0),
        )?)
    }
}

/// A backup's time as the clerk reads it: 2024年7月10日 15:30:05（恢复前）.
pub fn taken_label(b: &BackupFile) -> String {
    format!(
        "{} {:02}:{:02}:{:02}{}",
        crate::domain::parse::chinese_date(b.taken.date()),
        b.taken.hour(),
        b.taken.minute(),
        b.taken.second(),
        if b.before_restore {
            "（恢复前）"
        } else {
            ""
        }
    )
}
