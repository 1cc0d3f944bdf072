//! 数据库类型: which kind of file a database is (docs/DECISIONS.md, "Annex 2
//! (issue 14)"): an agency's 本单位自查台账, or a county regulator's
//! 辖区汇总（附件2）. The kind is one row of the `workspace` table; a file
//! without the row is a roster (every file older than schema 5).

use rusqlite::{Connection, OptionalExtension};

use super::Store;
use super::audit::{self, AuditEntry};
use super::codec;
use crate::error::{Error, Result};

/// The two kinds of database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workspace {
    /// 本单位自查台账: an agency's roster, checks and Annex 1.
    Roster,
    /// 辖区汇总（附件2）: a regulator's received Annex 1 files and Annex 2.
    Annex2,
}

impl Workspace {
    /// The kind as the clerk reads it.
    pub fn label(self) -> &'static str {
        match self {
            Workspace::Roster => "本单位自查台账",
            Workspace::Annex2 => "辖区汇总（附件2）",
        }
    }

    fn code(self) -> &'static str {
        match self {
            Workspace::Roster => "roster",
            Workspace::Annex2 => "annex2",
        }
    }
}

/// The kind of the database behind `conn`, which may be of any schema version
/// (a backup older than schema 5 has no `workspace` table: it is a roster).
pub(super) fn kind_of(conn: &Connection) -> Result<Workspace> {
    let has_table: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'workspace'",
        [],
        |r| r.get(0),
    )?;
    if has_table == 0 {
        return Ok(Workspace::Roster);
    }
    let kind: Option<String> = conn
        .query_row("SELECT kind FROM workspace WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    Ok(match kind.as_deref() {
        Some("annex2") => Workspace::Annex2,
        _ => Workspace::Roster,
    })
}

impl Store {
    /// The file's kind.
    pub fn workspace(&self) -> Result<Workspace> {
        kind_of(self.conn())
    }

    /// Whether the file holds nothing yet: no person, no setting, no 修改记录,
    /// nothing received. Only such a file may take a kind.
    pub fn is_blank(&self) -> Result<bool> {
        let count = |table: &str| -> Result<i64> {
            Ok(self
                .conn()
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        };
        for table in ["persons", "settings", "audit_log", "annex2_receipts"] {
            if count(table)? > 0 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Makes a blank file a database of `kind`, with a 修改记录 entry. A file
    /// already of that kind is left as it is; a file with data of the other
    /// kind is refused.
    pub fn set_workspace(&mut self, kind: Workspace) -> Result<()> {
        if self.workspace()? == kind && !self.is_blank()? {
            return Ok(());
        }
        if !self.is_blank()? {
            return self.require(kind);
        }
        let who = self.actor()?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO workspace (id, kind) VALUES (1, ?1)
                 ON CONFLICT(id) DO UPDATE SET kind = excluded.kind",
                [kind.code()],
            )?;
            audit::append(
                tx,
                &AuditEntry {
                    at: codec::now(),
                    who,
                    action: "新建".into(),
                    entity: "数据库".into(),
                    person_id: None,
                    record: "数据库类型".into(),
                    field: "数据库类型".into(),
                    old_value: None,
                    new_value: Some(kind.label().into()),
                    note: None,
                },
            )
        })
    }

    /// `Ok` when the file is of `kind`; else the Chinese refusal naming both kinds.
    pub fn require(&self, kind: Workspace) -> Result<()> {
        let found = self.workspace()?;
        if found == kind {
            return Ok(());
        }
        let file = self
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "该数据库".into());
        let hint = match kind {
            Workspace::Annex2 => {
                "辖区汇总请另建一个数据库文件，例如 zicha --db 辖区汇总.db annex2 add 附件1.xlsx"
            }
            Workspace::Roster => {
                "本单位自查台账的命令不能用于它；请用 zicha --db 文件 annex2 … 命令"
            }
        };
        Err(Error::WrongWorkspace(format!(
            "{file} 是{}数据库，不是{}。{hint}",
            found.label(),
            kind.label()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_file_takes_a_kind_and_the_other_kind_is_refused() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(s.workspace().unwrap(), Workspace::Roster);
        assert!(s.is_blank().unwrap());
        s.set_workspace(Workspace::Annex2).unwrap();
        assert_eq!(s.workspace().unwrap(), Workspace::Annex2);
        assert!(s.require(Workspace::Annex2).is_ok());
        let e = s.require(Workspace::Roster).unwrap_err();
        assert!(e.is_user_error());
        assert!(
            e.to_string()
                .contains("是辖区汇总（附件2）数据库，不是本单位自查台账"),
            "{e}"
        );
        // Not blank any more (the 修改记录 entry): the kind stays.
        assert!(s.set_workspace(Workspace::Roster).is_err());
        assert_eq!(s.workspace().unwrap(), Workspace::Annex2);
        assert!(s.verify_audit().unwrap().problem.is_none());
    }

    #[test]
    fn a_roster_with_persons_cannot_become_a_summary() {
        let mut s = Store::open_in_memory().unwrap();
        s.add_person(&crate::domain::Person {
            name: "张三".into(),
            ..Default::default()
        })
        .unwrap();
        let e = s.set_workspace(Workspace::Annex2).unwrap_err();
        assert!(e.to_string().contains("是本单位自查台账数据库"), "{e}");
    }
}
