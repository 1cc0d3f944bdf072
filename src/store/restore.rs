//! 从备份恢复: putting a checked backup back in place of the roster. The
//! current database is backed up first (or, when it is damaged, moved aside
//! untouched), so a restore can itself be undone.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::audit::{self, AuditEntry};
use super::backup::{BackupSummary, inspect};
use super::workspace::Workspace;
use super::{Store, blobs, migrations};
use crate::error::{Error, Result};

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreOutcome {
    /// What the restored file holds.
    pub restored: BackupSummary,
    /// The backup of the data that was replaced (or the damaged file, moved aside).
    pub previous: Option<PathBuf>,
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn copy_into(from: &Path, dest: &mut Connection) -> Result<()> {
    let src = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Backup::new(&src, dest)?.run_to_completion(1024, Duration::from_millis(5), None)?;
    Ok(())
}

fn audit_restore(
    store: &mut Store,
    from: &Path,
    previous: Option<&Path>,
    note: &str,
) -> Result<()> {
    let who = store.actor()?;
    let entry = AuditEntry {
        at: chrono::Local::now().naive_local(),
        who,
        action: "恢复备份".into(),
        entity: "数据库".into(),
        person_id: None,
        record: from.display().to_string(),
        field: String::new(),
        old_value: previous.map(|p| p.display().to_string()),
        new_value: None,
        note: Some(note.into()),
    };
    store.write(|tx| audit::append(tx, &entry))
}

impl Store {
    /// Replaces the whole database with the backup at `from`, after checking
    /// it; the current data is backed up into `backups/` first.
    pub fn restore_from(&mut self, from: &Path) -> Result<RestoreOutcome> {
        let restored = inspect(from)?;
        if self.path().is_some_and(|p| same_file(p, from)) {
            return Err(Error::BadBackup(
                from.display().to_string(),
                "这就是当前正在使用的台账文件".into(),
            ));
        }
        self.require_same_kind(from, restored.kind)?;
        let previous = self.backup_before_restore()?;
        if let Some(db) = self.path() {
            restore_blobs(from, db)?;
        }
        copy_into(from, &mut self.conn)?;
        if self.path().is_some() {
            let _: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        }
        let notes = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        migrations(&notes)
            .to_latest(&mut self.conn)
            .map_err(|e| Error::Migration(e.to_string()))?;
        // What upgrading the restored file found replaces what the open found.
        self.notes = std::mem::take(
            &mut *notes
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        // The restored file's attachments, checked (size) as at open.
        let attachment_notes = self.check_attachments(false)?;
        self.notes.extend(attachment_notes);
        let note = match &previous {
            Some(p) => format!("恢复前的数据已备份到 {}", p.display()),
            None => "恢复前的数据未备份（内存数据库）".into(),
        };
        audit_restore(self, from, previous.as_deref(), &note)?;
        Ok(RestoreOutcome { restored, previous })
    }
}

impl Store {
    /// A backup replaces a file of its own kind only: restoring a 辖区汇总
    /// backup over a 本单位自查台账 (or the reverse) is refused, naming both
    /// kinds. A blank file (nothing in it yet) takes a backup of either kind.
    pub fn require_same_kind(&self, from: &Path, backup: Workspace) -> Result<()> {
        let current = self.workspace()?;
        if backup == current || self.is_blank()? {
            return Ok(());
        }
        Err(Error::WrongWorkspace(format!(
            "备份 {} 是{}数据库，而当前文件是{}数据库，不能用它恢复；未做任何改动。\
             请打开一个{}数据库文件再恢复这个备份",
            from.display(),
            backup.label(),
            current.label(),
            backup.label()
        )))
    }
}

/// Restores a database that can no longer be opened (damaged or missing): the
/// backup is first copied, complete, beside it under a temporary name; then the
/// damaged file (with its -wal and -shm) is renamed to `NAME.损坏-时间`,
/// untouched; then the copy takes its name. A failure at any step puts every
/// file back as it was. After success, an empty -wal and its -shm are removed
/// from what was set aside.
pub fn recover_damaged(db: &Path, from: &Path) -> Result<RestoreOutcome> {
    let restored = inspect(from)?;
    let io = |p: &Path, source| Error::Io {
        path: p.display().to_string(),
        source,
    };
    let tmp = crate::safe_write::temp_path(db)?;
    let remove_tmp = || {
        for side in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{side}", tmp.display()));
        }
    };
    let copied = (|| -> Result<()> {
        let mut dest = Connection::open(&tmp)?;
        copy_into(from, &mut dest)?;
        dest.close().map_err(|(_, e)| Error::Database(e))
    })();
    if let Err(e) = copied {
        remove_tmp();
        return Err(e);
    }
    // The attachment files first: a failure here (a full disk) must leave the
    // damaged file in place, not a replaced roster without its 修改记录 entry.
    // Copying files in only adds content-addressed files, harmless on failure.
    if let Err(e) = restore_blobs(from, db) {
        remove_tmp();
        return Err(e);
    }
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "zicha.db".into());
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    let undo = |moved: &[(PathBuf, PathBuf)]| {
        for (original, now) in moved.iter().rev() {
            let _ = std::fs::rename(now, original);
        }
    };
    for suffix in ["", "-wal", "-shm"] {
        let side = db.with_file_name(format!("{name}{suffix}"));
        if !side.exists() {
            continue;
        }
        let to = db.with_file_name(format!("{name}.损坏-{stamp}{suffix}"));
        if let Err(e) = std::fs::rename(&side, &to) {
            undo(&moved);
            remove_tmp();
            return Err(io(&side, e));
        }
        moved.push((side, to));
    }
    if let Err(e) = std::fs::rename(&tmp, db) {
        undo(&moved);
        remove_tmp();
        return Err(io(db, e));
    }
    drop_empty_wal(&moved);
    let mut store = Store::open(db)?;
    let previous = moved.first().map(|(_, to)| to.clone());
    let note = match &previous {
        Some(p) => format!("原数据库已损坏，原文件保留为 {}", p.display()),
        None => "原数据库文件不见了".to_string(),
    };
    audit_restore(&mut store, from, previous.as_deref(), &note)?;
    Ok(RestoreOutcome { restored, previous })
}

/// An empty -wal holds no data, and the -shm is only an index SQLite rebuilds
/// (the read-only checks at open leave both behind): once the restore has
/// succeeded, remove their set-aside copies, so the clerk finds one 损坏 file,
/// not three. A -wal with content stays with the damaged file. `moved` lists
/// (original, set aside) pairs.
fn drop_empty_wal(moved: &[(PathBuf, PathBuf)]) {
    let set_aside = |suffix: &str| {
        moved
            .iter()
            .map(|(_, to)| to)
            .find(|to| to.to_string_lossy().ends_with(suffix))
    };
    let Some(wal) = set_aside("-wal") else {
        return;
    };
    if std::fs::metadata(wal).is_ok_and(|m| m.len() == 0) {
        let _ = std::fs::remove_file(wal);
        if let Some(shm) = set_aside("-shm") {
            let _ = std::fs::remove_file(shm);
        }
    }
}

/// Brings back into the attachment folder of `db` the files the backup
/// `from` refers to and the folder lacks: from the shared folder beside the
/// backup (`backups/附件/`), else from `db`'s own backups folder. Each is
/// checked against its SHA-256 on the way; one found nowhere is left for the
/// checks at open to name.
fn restore_blobs(from: &Path, db: &Path) -> Result<()> {
    let src = Connection::open_with_flags(
        from,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let to = blobs::folder(db);
    let places = [
        blobs::backup_folder(from),
        blobs::shared_folder(&super::backup::backup_dir(db)),
    ];
    for (sha, bytes) in super::attachments::referenced_blobs(&src)? {
        for place in &places {
            match blobs::copy_between(place, &to, &sha, bytes) {
                Ok(_) => break,
                Err(Error::WriteFailed { path, reason }) => {
                    return Err(Error::WriteFailed { path, reason });
                }
                Err(_) => {}
            }
        }
    }
    Ok(())
}

/// Restores `from` over the database at `db` as one step for a caller that
/// holds nothing yet: takes the single-instance lock, and under it decides
/// again whether the database opens (restore in place, backing it up first) or
/// is damaged or missing (set aside and replaced).
pub fn restore_file(db: &Path, from: &Path) -> Result<RestoreOutcome> {
    let _lock = super::InstanceLock::acquire(db)?;
    match Store::open(db) {
        Ok(mut store) => store.restore_from(from),
        Err(Error::Damaged { .. }) => recover_damaged(db, from),
        Err(e) => Err(e),
    }
}
