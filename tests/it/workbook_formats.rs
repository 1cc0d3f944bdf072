//! Every readable format: .xlsx, .xlsm, .xls, .ods, and a file whose name lies
//! about its format.

use std::path::{Path, PathBuf};

use crate::workbook_support::*;
use chrono::NaiveDate;
use zicha::domain::YearMonth;
use zicha::workbook::{self, ImportOptions};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn import(t: &mut TempStore, f: &Path) -> workbook::ImportOutcome {
    workbook::import(&mut t.store, f, &ImportOptions::default(), &mut |_| {}).unwrap()
}

#[test]
fn old_xls_reads_text_numbers_and_dates() {
    let mut t = temp_store();
    let out = import(&mut t, &fixture("workbook_old.xls"));
    assert_eq!(out.persons_added, 1);
    let r = t.roster();
    let p = &r.persons[0].person;
    assert_eq!(p.name, "赵六");
    assert_eq!(p.id_number.as_deref(), Some("37050219920303402X"));
    assert_eq!(p.hire_date, NaiveDate::from_ymd_opt(2019, 4, 1));
    assert_eq!(p.seq, Some(7));
    assert_eq!(
        p.social_insurance[0].month,
        YearMonth::new(2024, 2).unwrap()
    );

    // The same file named .xlsx is recognised by its content.
    let renamed = t.file("其实是xls.xlsx");
    std::fs::copy(fixture("workbook_old.xls"), &renamed).unwrap();
    let out = import(&mut t, &renamed);
    assert_eq!(out.persons_unchanged, 1);
}

#[test]
fn ods_reads_text_numbers_and_dates() {
    let mut t = temp_store();
    import(&mut t, &fixture("workbook_wps.ods"));
    let r = t.roster();
    let p = &r.persons[0].person;
    assert_eq!(p.name, "孙七");
    assert_eq!(p.id_number.as_deref(), Some("370502198507152012"));
    assert_eq!(p.hire_date, NaiveDate::from_ymd_opt(2021, 9, 1));
    assert_eq!(p.seq, Some(8));
}

#[test]
fn xlsm_reads_like_xlsx() {
    let mut t = temp_store();
    let f = t.file("宏.xlsm");
    write_book(&f, &[("人员", vec![row(&["姓名"]), row(&["张三"])])]);
    assert_eq!(import(&mut t, &f).persons_added, 1);
}
