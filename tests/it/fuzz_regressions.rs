//! Inputs the fuzz targets (fuzz/, docs/FUZZING.md) found crashing, kept so
//! the fixes stay fixed. The workbooks are under tests/fixtures/fuzz/.

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use zicha::store::Store;
use zicha::workbook::{self, ImportOptions};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(name)
}

/// Preview and import of a damaged file: refused with the clerk's message
/// (and the store left empty), not a panic. Run on another thread so that a
/// hang fails the test after a while instead of never ending.
fn refused(name: &str) -> String {
    let name = name.to_string();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(refused_now(&name));
    });
    match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(message) => message,
        Err(RecvTimeoutError::Timeout) => panic!("the import did not finish in 30 s"),
        Err(RecvTimeoutError::Disconnected) => panic!("the import panicked"),
    }
}

fn refused_now(name: &str) -> String {
    let path = fixture(name);
    let mut store = Store::open_in_memory().unwrap();
    let options = ImportOptions::default();
    let e = workbook::preview(&store, &path, &options).expect_err("preview must refuse");
    assert!(e.is_user_error(), "{e:?}");
    let e =
        workbook::import(&mut store, &path, &options, &mut |_| {}).expect_err("import must refuse");
    assert!(e.is_user_error(), "{e:?}");
    assert!(store.load_roster().unwrap().persons.is_empty());
    e.to_string()
}

/// A compound file whose sector table is not a whole number of entries:
/// calamine 0.38 asserts (cfb.rs → utils::to_u32) instead of returning an error.
#[test]
fn xls_with_a_truncated_sector_table_is_refused() {
    let message = refused("xls-cfb-sector-panic.xls");
    assert!(message.contains("不是能读取的表格文件"), "{message}");
    assert!(message.contains("xls-cfb-sector-panic.xls"), "{message}");
}

/// A compound file whose sector table (FAT) has a loop: calamine 0.38 follows
/// the directory chain round the loop until memory runs out. Without the check
/// in reader.rs this test does not fail, it exhausts the memory; it was checked
/// that way under `ulimit -v` (docs/FUZZING.md).
#[test]
fn xls_with_a_loop_in_its_sector_table_is_refused() {
    let message = refused("xls-fat-loop-oom.xls");
    assert!(message.contains("不是能读取的表格文件"), "{message}");
}

/// An .ods whose content.xml ends inside the 人员 table (its end tag mangled):
/// calamine 0.38 reads on past the end of the XML forever.
#[test]
fn ods_cut_short_inside_a_sheet_is_refused() {
    let message = refused("ods-unclosed-table-hang.ods");
    assert!(message.contains("不是能读取的表格文件"), "{message}");
}
