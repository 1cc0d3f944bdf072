//! The person editor's unsaved texts, kept in a file beside the roster while
//! the clerk types, so that a log-off or shut-down (which the program cannot
//! cancel), a crash or a power cut loses nothing: the next start offers them
//! back. The file goes as soon as the edits are saved or thrown away.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::screens::person_form::Texts;

/// What is kept of an unsaved form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The person being edited; `None` for a new person.
    pub person: Option<i64>,
    /// The name as typed, for the question at the next start.
    pub name: String,
    pub texts: Texts,
}

/// The draft file of a roster: `台账.db` → `台账.db.未保存的修改.json`.
pub fn path_for(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".未保存的修改.json");
    db.with_file_name(name)
}

/// Reads the draft left by an earlier session; a file that cannot be read
/// is no draft (it only ever holds a copy of typing).
pub fn load(db: &Path) -> Option<Draft> {
    let bytes = std::fs::read(path_for(db)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Writes the draft at most once a second while it changes, and removes the
/// file when there is nothing unsaved.
#[derive(Default)]
pub struct DraftKeeper {
    written: Option<Draft>,
    last_write: Option<Instant>,
    /// The last failure, shown once.
    pub failed: Option<String>,
}

impl DraftKeeper {
    /// Keeps `draft` (or its absence) on disk; `now` forces the write.
    pub fn keep(&mut self, db: &Path, draft: Option<Draft>, now: bool) {
        match draft {
            None => {
                if self.written.take().is_some() {
                    let _ = std::fs::remove_file(path_for(db));
                }
            }
            Some(d) => {
                if self.written.as_ref() == Some(&d) {
                    return;
                }
                let due = self
                    .last_write
                    .is_none_or(|t| t.elapsed() >= Duration::from_secs(1));
                if !(due || now) {
                    return;
                }
                self.last_write = Some(Instant::now());
                let result = serde_json::to_vec(&d)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| {
                        crate::safe_write::write_atomically(&path_for(db), &bytes)
                            .map_err(|e| e.to_string())
                    });
                match result {
                    Ok(()) => self.written = Some(d),
                    Err(e) => {
                        if self.failed.is_none() {
                            self.failed = Some(format!("未能暂存未保存的修改：{e}"));
                        }
                    }
                }
            }
        }
    }

    /// Forgets a draft file found at start that the clerk threw away.
    pub fn discard(db: &Path) {
        let _ = std::fs::remove_file(path_for(db));
    }

    /// Whether a pending change has not reached the disk yet.
    pub fn behind(&self, draft: Option<&Draft>) -> bool {
        self.written.as_ref() != draft
    }
}
