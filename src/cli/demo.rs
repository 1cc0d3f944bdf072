//! `zicha --db NEW.db demo`: the demo roster, only ever into a new file named
//! on the command line, never into the clerk's ledger.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::store::Store;

const HINT: &str = "要看示例，请用 zicha --demo 打开桌面程序（示例放在临时文件中，不碰正式台账），或用 --db 指定一个新的文件名，如：zicha --db 示例台账.db demo";

/// Refuses before anything is opened: no `--db`, or `--db` naming the default
/// ledger.
pub fn check_target(db: Option<&PathBuf>) -> Result<()> {
    let Some(db) = db else {
        return Err(Error::invalid(
            "示例数据",
            format!("没有用 --db 指定数据库文件，示例数据不会写入默认的正式台账。{HINT}"),
        ));
    };
    if Store::default_path().is_ok_and(|default| same_path(db, &default)) {
        return Err(Error::invalid(
            "示例数据",
            format!(
                "{} 是默认的正式台账，示例数据不会写入它。{HINT}",
                db.display()
            ),
        ));
    }
    Ok(())
}

fn same_path(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Writes the demo into the (new, empty) store.
pub fn run(store: &mut Store) -> Result<()> {
    let n = crate::demo::load_into(store).map_err(|e| match e {
        Error::InvalidValue { field, message } => Error::InvalidValue {
            field,
            message: format!("{message}。{HINT}"),
        },
        e => e,
    })?;
    println!("已写入示例台账：{n} 人");
    Ok(())
}
