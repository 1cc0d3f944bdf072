//! Inputs the fuzz targets (fuzz/, docs/FUZZING.md) found crashing, kept so
//! the fixes stay fixed. The workbooks are under tests/fixtures/fuzz/.

use std::path::PathBuf;

use zicha::store::Store;
use zicha::workbook::{self, ImportOptions};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(name)
}

/// Preview and import of a damaged file: refused with the clerk's message
/// (and the store left empty), not a panic.
fn refused(name: &str) -> String {
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
    assert!(message.contains("不是 Excel 工作簿"), "{message}");
    assert!(message.contains("xls-cfb-sector-panic.xls"), "{message}");
}

/// A compound file whose sector table (FAT) has a loop: calamine 0.38 follows
/// the directory chain round the loop until memory runs out. Without the check
/// in reader.rs this test does not fail, it exhausts the memory; it was checked
/// that way under `ulimit -v` (docs/FUZZING.md).
#[test]
fn xls_with_a_loop_in_its_sector_table_is_refused() {
    let message = refused("xls-fat-loop-oom.xls");
    assert!(message.contains("不是 Excel 工作簿"), "{message}");
}
