//! Checks at open (打开时自检): `PRAGMA quick_check` finds damaged pages and
//! indexes, `PRAGMA foreign_key_check` rows whose person is gone. A damaged
//! file is not written to; the message offers the newest good backup.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::Error;

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
    let mut summary = problems
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join("；");
    if problems.len() > SHOWN {
        summary.push_str(&format!(" 等 {} 处", problems.len()));
    }
    Error::Damaged {
        path: path.display().to_string(),
        problems: summary,
        backup: super::backup::newest_good_backup(path),
    }
}

/// The Chinese offer that ends the damaged-file message.
pub fn offer(backup: Option<&PathBuf>) -> String {
    match backup {
        Some(b) => format!(
            "最近一份完好的备份是 {}。请在程序中选择用它恢复，或在命令行运行：zicha restore \"{}\"",
            b.display(),
            b.display()
        ),
        None => {
            "备份文件夹中没有完好的备份。请不要再修改这个文件，把它复制一份后联系技术支持".into()
        }
    }
}
