//! Checks at open (打开时自检): `PRAGMA quick_check` finds damaged pages and
//! indexes, `PRAGMA foreign_key_check` rows whose person is gone. A damaged
//! file is not written to; the message offers the newest good backup.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{APPLICATION_ID, backup, schema_version};
use crate::error::{Error, Result};

/// What the header of an acceptable file says.
pub struct Header {
    pub app_id: i64,
    pub version: i64,
}

/// Refuses a file that is not ours, is newer than this program, or (with
/// `deep`) fails quick_check or foreign_key_check. Only reads.
pub fn check(conn: &Connection, label: &str, path: Option<&Path>, deep: bool) -> Result<Header> {
    let not_ours = || Error::NotZichaDatabase(label.to_string());
    // A file SQLite cannot read at all, but with our backups beside it, is
    // our database damaged: say so and offer the backup.
    let unreadable = || match path {
        Some(p) if !backup::list_backups(p).is_empty() => {
            damaged(p, &["文件头无法识别".to_string()])
        }
        _ => not_ours(),
    };
    let damaged_here = |found: &[String]| match path {
        Some(p) => damaged(p, found),
        None => Error::Other(found.join("；")),
    };
    let corrupt_or = |e: rusqlite::Error| {
        if is_corruption(&e) {
            damaged_here(&[e.to_string()])
        } else {
            Error::Database(e)
        }
    };
    // Reading the header fails on a file that is not SQLite at all.
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
                unreadable()
            }
            other => corrupt_or(other),
        })?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(corrupt_or)?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(corrupt_or)?;
    if app_id != APPLICATION_ID && !(app_id == 0 && version == 0 && objects == 0) {
        return Err(not_ours());
    }
    if version > schema_version() {
        return Err(Error::NewerSchema {
            path: label.to_string(),
            found: version,
            supported: schema_version(),
        });
    }
    if deep && objects > 0 {
        let found = problems(conn).map_err(corrupt_or)?;
        if !found.is_empty() {
            return Err(damaged_here(&found));
        }
    }
    Ok(Header { app_id, version })
}

/// Runs [`check`] on a read-only connection to an existing, non-empty file.
/// `Ok(false)` when the file cannot be opened read-only (then the read-write
/// open checks it).
pub fn precheck(path: &Path, label: &str) -> Result<bool> {
    if std::fs::metadata(path)
        .map(|m| m.len() == 0)
        .unwrap_or(true)
    {
        return Ok(false);
    }
    let Ok(conn) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return Ok(false);
    };
    match check(&conn, label, Some(path), true) {
        Ok(_) => Ok(true),
        Err(Error::Database(rusqlite::Error::SqliteFailure(f, _)))
            if matches!(
                f.code,
                rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly
            ) =>
        {
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

/// A database file that is missing or empty (and has no -wal to recover from)
/// while its backups, or a damaged file set aside, say there was a roster:
/// opening it would silently start an empty one.
pub fn missing_roster(path: &Path) -> bool {
    let empty = |p: &Path| std::fs::metadata(p).map(|m| m.len() == 0).unwrap_or(true);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let wal = path.with_file_name(format!("{name}-wal"));
    if !empty(path) || !empty(&wal) {
        return false;
    }
    let set_aside = format!("{name}.损坏-");
    let damaged_beside = path
        .parent()
        .and_then(|d| {
            std::fs::read_dir(if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            })
            .ok()
        })
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with(&set_aside));
    damaged_beside || !backup::list_backups(path).is_empty()
}

/// At most this many problems are named in the message.
const SHOWN: usize = 3;

/// What is wrong with the database, one line per problem; empty when sound.
pub fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let line = line?;
        if line != "ok" {
            out.push(line);
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "表 {} 第 {} 行引用的 {} 记录不存在",
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
            r.get::<_, String>(2)?
        ))
    })?;
    for row in rows {
        out.push(row?);
    }
    Ok(out)
}

/// SQLite's own words for a damaged file.
pub fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DatabaseCorrupt
    )
}

/// The error for a damaged database at `path`, naming the newest good backup.
pub fn damaged(path: &Path, problems: &[String]) -> Error {
    // SQLite's own words, one line each ("*** in database main ***" dropped).
    let mut summary = problems
        .iter()
        .flat_map(|p| p.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("***"))
        .take(SHOWN)
        .collect::<Vec<_>>()
        .join("；");
    if problems.len() > SHOWN {
        summary.push_str(&format!(" 等 {} 处", problems.len()));
    }
    let db = path.display().to_string();
    let backup = super::backup::newest_good_backup(path);
    Error::Damaged {
        offer: offer(&db, backup.as_ref()),
        path: db,
        problems: summary,
        backup,
    }
}

/// The Chinese offer that ends the damaged-file message for the database at `db`.
fn offer(db: &str, backup: Option<&PathBuf>) -> String {
    match backup {
        Some(b) => format!(
            "最近一份完好的备份是 {}。重新打开本程序时会提示用它恢复；也可在命令行运行：zicha --db \"{db}\" restore \"{}\"",
            b.display(),
            b.display()
        ),
        None => {
            "备份文件夹中没有完好的备份。请不要再修改这个文件，把它复制一份后联系技术支持".into()
        }
    }
}
