//! Helpers shared by the workbook tests: writing small workbooks cell by cell
//! and snapshotting a store.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use zicha::domain::Roster;
use zicha::store::Store;

/// One cell to write.
#[derive(Debug, Clone)]
pub enum V {
    S(&'static str),
    T(String),
    N(f64),
    D(u16, u8, u8),
    E,
}

pub use V::*;

/// Writes sheets of rows (row 1 first) to `path`.
pub fn write_book(path: &Path, sheets: &[(&str, Vec<Vec<V>>)]) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    S(s) => {
                        ws.write_string(r, c, *s).unwrap();
                    }
                    T(s) => {
                        ws.write_string(r, c, s).unwrap();
                    }
                    N(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        ws.write_datetime_with_format(r, c, &dt, &date).unwrap();
                    }
                    E => {}
                }
            }
        }
    }
    book.save(path).unwrap();
}

/// A row of text cells.
pub fn row(cells: &[&'static str]) -> Vec<V> {
    cells
        .iter()
        .map(|s| if s.is_empty() { E } else { S(s) })
        .collect()
}

/// A store in a temporary folder, with its path.
pub struct TempStore {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub db: PathBuf,
}

pub fn temp_store() -> TempStore {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zicha.db");
    let store = Store::open(&db).unwrap();
    TempStore { dir, store, db }
}

impl TempStore {
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn roster(&self) -> Roster {
        self.store.load_roster().unwrap()
    }
}

/// The roster with store ids cleared, for comparing across databases.
pub fn without_ids(mut r: Roster) -> Roster {
    for p in &mut r.persons {
        p.person.id = None;
    }
    r
}

pub const ID_A: &str = "11010519491231002X";
pub const ID_B: &str = "440524188001010014";
pub const ID_C: &str = "370502199001011014";
pub const ID_D: &str = "370502198507152012";
pub const ID_E: &str = "37050219920303402X";
