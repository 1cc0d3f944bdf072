//! Where a command that prints data puts it: stdout, or with `--output FILE`
//! a file written through `safe_write` (the same bytes). On Windows,
//! PowerShell 5.1 re-decodes a native program's output in the console's code
//! page, so `> file` garbles the Chinese and a BOM would break the JSON: the
//! file is the way to get exactly what Linux prints.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::Result;

/// What the command prints, gathered before it goes out.
#[derive(Debug, Default)]
pub struct Out {
    text: String,
}

impl Out {
    /// One line (a newline is added).
    pub fn line(&mut self, line: impl std::fmt::Display) {
        // Writing into a String cannot fail.
        let _ = writeln!(self.text, "{line}");
    }

    /// To `to` (replaced whole, through a temporary file), else stdout.
    pub fn emit(self, to: Option<&PathBuf>) -> Result<()> {
        match to {
            Some(path) => write_file(path, &self.text),
            None => {
                let mut stdout = std::io::stdout().lock();
                // A closed pipe (`| head`) is not the clerk's error.
                let _ = stdout
                    .write_all(self.text.as_bytes())
                    .and_then(|()| stdout.flush());
                Ok(())
            }
        }
    }
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    crate::safe_write::write_atomically(path, text.as_bytes())?;
    println!("已写入 {}", path.display());
    Ok(())
}
