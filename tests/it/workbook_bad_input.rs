//! Bad workbooks: each gives a clear Chinese message naming the place, is the
//! clerk's error (exit 2), never panics, and leaves the database unchanged.

use std::io::Write;
use std::path::Path;

use crate::workbook_support::*;
use zicha::domain::{Person, Roster};
use zicha::workbook::{self, ImportOptions};

/// A store holding two persons, so "unchanged" means something.
fn seeded() -> TempStore {
    let mut t = temp_store();
    let mut p = Person::new("已有甲");
    p.id_number = Some(ID_E.into());
    t.store.add_person(&p).unwrap();
    t.store.add_person(&Person::new("已有乙")).unwrap();
    t
}

fn audit_count(t: &TempStore) -> i64 {
    t.store
        .conn()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

/// Imports `file`, expects a refusal, checks nothing changed; returns the message.
fn refused(t: &mut TempStore, file: &Path) -> (String, zicha::Error) {
    let before: Roster = t.roster();
    let audit = audit_count(t);
    let e = workbook::import(&mut t.store, file, &ImportOptions::default(), &mut |_| {})
        .expect_err("the import must be refused");
    assert!(e.is_user_error(), "{e:?}");
    assert_eq!(t.roster(), before, "the database changed");
    assert_eq!(audit_count(t), audit, "the audit trail changed");
    (e.to_string(), e)
}

fn persons_sheet(rows: Vec<Vec<V>>) -> (&'static str, Vec<Vec<V>>) {
    ("人员", rows)
}

fn header() -> Vec<V> {
    row(&["姓名", "身份证号", "用工形式", "入职日期"])
}

fn errors_of(e: &zicha::Error) -> Vec<zicha::workbook::CellError> {
    match e {
        zicha::Error::ImportRejected { errors, .. } => errors.clone(),
        other => panic!("expected ImportRejected, got {other:?}"),
    }
}

#[test]
fn unknown_value_in_a_listed_column() {
    let mut t = seeded();
    let f = t.file("a.xlsx");
    write_book(
        &f,
        &[persons_sheet(vec![
            header(),
            row(&["张三", ID_A, "合同工", ""]),
        ])],
    );
    let (msg, e) = refused(&mut t, &f);
    assert!(
        msg.contains(
            "工作表“人员”第2行【用工形式】“合同工”不是用工形式的可选值，应为：全职、退休返聘"
        ),
        "{msg}"
    );
    let errs = errors_of(&e);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].row, Some(2));
    assert_eq!(errs[0].column.as_deref(), Some("用工形式"));
    assert_eq!(errs[0].value, "合同工");
}

#[test]
fn impossible_date_and_month_are_both_listed() {
    let mut t = seeded();
    let f = t.file("a.xlsx");
    write_book(
        &f,
        &[
            persons_sheet(vec![header(), row(&["张三", ID_A, "全职", "2024-13-45"])]),
            (
                "社保",
                vec![
                    row(&["姓名", "缴费月份"]),
                    row(&["张三", "2024-05"]),
                    row(&["张三", "2024-00"]),
                ],
            ),
        ],
    );
    let (msg, e) = refused(&mut t, &f);
    assert!(msg.contains("工作簿中有 2 处错误"), "{msg}");
    assert!(
        msg.contains("工作表“人员”第2行【入职日期】“2024-13-45”不是有效日期"),
        "{msg}"
    );
    assert!(
        msg.contains("工作表“社保”第3行【缴费月份】“2024-00”不是有效月份"),
        "{msg}"
    );
    assert_eq!(errors_of(&e).len(), 2);
}

#[test]
fn social_insurance_row_of_a_person_not_in_persons() {
    let mut t = seeded();
    let f = t.file("a.xlsx");
    write_book(
        &f,
        &[
            persons_sheet(vec![header(), row(&["张三", ID_A, "全职", ""])]),
            (
                "社保",
                vec![
                    row(&["姓名", "身份证号", "缴费月份"]),
                    row(&["李四", ID_B, "2024-05"]),
                ],
            ),
        ],
    );
    let (msg, _) = refused(&mut t, &f);
    assert!(
        msg.contains("工作表“社保”第2行【身份证号】")
            && msg.contains("“人员”表中没有身份证号为 440524188001010014、姓名为“李四”的人员"),
        "{msg}"
    );
}

#[test]
fn row_matching_two_persons_by_name() {
    let mut t = seeded();
    let f = t.file("a.xlsx");
    write_book(
        &f,
        &[
            persons_sheet(vec![
                header(),
                row(&["张伟", ID_A, "全职", ""]),
                row(&["张伟", ID_B, "全职", ""]),
            ]),
            (
                "证书",
                vec![row(&["姓名", "证书项目"]), row(&["张伟", "RT-Ⅱ"])],
            ),
        ],
    );
    let (msg, _) = refused(&mut t, &f);
    assert!(
        msg.contains("工作表“证书”第2行【姓名】“人员”表中有2名“张伟”，请填写身份证号"),
        "{msg}"
    );
}

#[test]
fn two_persons_with_the_same_id_number() {
    let mut t = seeded();
    let f = t.file("a.xlsx");
    write_book(
        &f,
        &[persons_sheet(vec![
            header(),
            row(&["张三", ID_A, "全职", ""]),
            row(&["李四", "11010519491231002x", "全职", ""]),
        ])],
    );
    let (msg, e) = refused(&mut t, &f);
    assert!(
        msg.contains("工作表“人员”第2行【身份证号】“11010519491231002X”：身份证号与第3行重复"),
        "{msg}"
    );
    assert!(
        msg.contains("第3行【身份证号】“11010519491231002X”：身份证号与第2行重复"),
        "{msg}"
    );
    assert_eq!(errors_of(&e).len(), 2);
}

#[test]
fn missing_name_header() {
    let mut t = seeded();
    let f = t.file("a.xlsx");
    write_book(
        &f,
        &[persons_sheet(vec![
            row(&["身份证号", "用工形式"]),
            row(&[ID_A, "全职"]),
        ])],
    );
    let (msg, _) = refused(&mut t, &f);
    assert!(msg.contains("工作表“人员”第1行：缺少必填列“姓名”"), "{msg}");
}

#[test]
fn empty_name() {
    let mut t = seeded();
    let f = t.file("a.xlsx");
    write_book(
        &f,
        &[persons_sheet(vec![
            header(),
            row(&["张三", "", "", ""]),
            row(&["", ID_B, "全职", ""]),
        ])],
    );
    let (msg, _) = refused(&mut t, &f);
    assert!(
        msg.contains("工作表“人员”第3行【姓名】：姓名不能为空"),
        "{msg}"
    );
}

#[test]
fn sheet_without_a_header_row() {
    let mut t = seeded();
    let f = t.file("a.xlsx");
    write_book(
        &f,
        &[persons_sheet(vec![
            row(&["张三", ID_A, "全职"]),
            row(&["李四", ID_B, "全职"]),
        ])],
    );
    let (msg, _) = refused(&mut t, &f);
    assert!(msg.contains("工作表“人员”第1行：找不到表头行"), "{msg}");
}

#[test]
fn empty_file() {
    let mut t = seeded();
    let f = t.file("空.xlsx");
    std::fs::write(&f, b"").unwrap();
    let (msg, _) = refused(&mut t, &f);
    assert!(
        msg.contains("空.xlsx") && msg.contains("文件是空的"),
        "{msg}"
    );
}

/// A CSV renamed .xlsx is read by its content, as a text table: one sheet
/// named after the file, which is not the roster's 人员 sheet.
#[test]
fn text_file_renamed_xlsx() {
    let mut t = seeded();
    let f = t.file("名单.xlsx");
    std::fs::write(&f, "姓名,身份证号\n张三,11010519491231002X\n").unwrap();
    let (msg, _) = refused(&mut t, &f);
    assert!(
        msg.contains("名单.xlsx") && msg.contains("“人员”") && msg.contains("人员.csv"),
        "{msg}"
    );
}

#[test]
fn binary_file_renamed_xlsx() {
    let mut t = seeded();
    let f = t.file("图片.xlsx");
    std::fs::write(&f, [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0xFF, 0x00]).unwrap();
    let (msg, _) = refused(&mut t, &f);
    assert!(
        msg.contains("图片.xlsx") && msg.contains("不是能读取的表格文件"),
        "{msg}"
    );
}

#[test]
fn password_protected_workbook() {
    let mut t = seeded();
    // An encrypted workbook is an OLE compound file holding EncryptionInfo and
    // EncryptedPackage streams instead of the zip package.
    let f = t.file("加密.xlsx");
    let mut cfb = cfb::create(&f).unwrap();
    cfb.create_stream("/EncryptionInfo")
        .unwrap()
        .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
        .unwrap();
    cfb.create_stream("/EncryptedPackage")
        .unwrap()
        .write_all(&[0u8; 4096])
        .unwrap();
    cfb.flush().unwrap();
    drop(cfb);
    let (msg, _) = refused(&mut t, &f);
    assert!(msg.contains(workbook::PASSWORD_MESSAGE), "{msg}");
    // Named .xls, it is refused the same way.
    let xls = t.file("加密.xls");
    std::fs::copy(&f, &xls).unwrap();
    let (msg, _) = refused(&mut t, &xls);
    assert!(msg.contains(workbook::PASSWORD_MESSAGE), "{msg}");
}

#[test]
fn path_that_does_not_exist() {
    let mut t = seeded();
    let f = t.file("没有这个文件.xlsx");
    let (msg, _) = refused(&mut t, &f);
    assert!(
        msg.contains("没有这个文件.xlsx") && msg.contains("找不到该文件"),
        "{msg}"
    );
}

#[test]
fn workbook_without_a_persons_sheet() {
    let mut t = seeded();
    let f = t.file("a.xlsx");
    write_book(
        &f,
        &[("Sheet1", vec![header(), row(&["张三", ID_A, "全职", ""])])],
    );
    let (msg, _) = refused(&mut t, &f);
    assert!(
        msg.contains("没有“人员”工作表（现有工作表：Sheet1）"),
        "{msg}"
    );
}

#[test]
fn long_id_number_stored_as_a_number() {
    let mut t = seeded();
    let f = t.file("a.xlsx");
    write_book(
        &f,
        &[persons_sheet(vec![
            header(),
            vec![S("张三"), N(110105194912310002.0), S("全职")],
        ])],
    );
    let (msg, _) = refused(&mut t, &f);
    assert!(
        msg.contains("工作表“人员”第2行【身份证号】") && msg.contains("超过15位"),
        "{msg}"
    );
}

#[test]
fn every_error_across_sheets_is_listed() {
    let mut t = seeded();
    let f = t.file("a.xlsx");
    write_book(
        &f,
        &[
            persons_sheet(vec![
                header(),
                row(&["张三", ID_A, "合同工", "明天"]),
                row(&["李四", "", "全职", ""]),
            ]),
            (
                "证书",
                vec![
                    row(&["姓名", "证书项目", "发证日期"]),
                    row(&["李四", "", "2024/2/30"]),
                ],
            ),
            (
                "工作见证",
                vec![
                    row(&["姓名", "日期", "类型"]),
                    row(&["王五", "2024-01-01", "照片"]),
                ],
            ),
            (
                "单位信息",
                vec![
                    row(&["项目", "内容"]),
                    row(&["核查月数", "0"]),
                    row(&["单位地址", "x"]),
                ],
            ),
            (
                "人员条件",
                vec![
                    row(&["类别", "证书项目", "最少人数"]),
                    row(&["检验师", "DS", "两人"]),
                ],
            ),
        ],
    );
    let (msg, e) = refused(&mut t, &f);
    let errs = errors_of(&e);
    let places: Vec<(String, Option<u32>, Option<String>)> = errs
        .iter()
        .map(|e| (e.sheet.clone(), e.row, e.column.clone()))
        .collect();
    let want = [
        ("人员", 2, "用工形式"),
        ("人员", 2, "入职日期"),
        ("证书", 2, "证书项目"),
        ("证书", 2, "发证日期"),
        ("工作见证", 2, "类型"),
        ("人员条件", 2, "最少人数"),
        ("单位信息", 2, "内容"),
        ("单位信息", 3, "项目"),
    ];
    for (s, r, c) in want {
        assert!(
            places.contains(&(s.to_string(), Some(r), Some(c.to_string()))),
            "missing {s} {r} {c} in {msg}"
        );
    }
    // 王五 is not in 人员 either, but the row already has an error of its own.
    assert_eq!(errs.len(), want.len(), "{msg}");
}

#[test]
fn a_failure_midway_through_writing_leaves_the_database_as_before() {
    let mut t = seeded();
    // Make the database itself refuse the third person the import inserts.
    t.store
        .conn()
        .execute_batch(
            "CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON persons
             WHEN (SELECT count(*) FROM persons) >= 4
             BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;",
        )
        .unwrap();
    let f = t.file("a.xlsx");
    write_book(
        &f,
        &[
            persons_sheet(vec![
                header(),
                row(&["张三", ID_A, "全职", ""]),
                row(&["李四", ID_B, "全职", ""]),
                row(&["王五", ID_C, "全职", ""]),
            ]),
            (
                "社保",
                vec![row(&["姓名", "缴费月份"]), row(&["张三", "2024-05"])],
            ),
            (
                "单位信息",
                vec![row(&["项目", "内容"]), row(&["单位名称", "新名称"])],
            ),
        ],
    );
    let before = t.roster();
    let audit = audit_count(&t);
    let e = workbook::import(&mut t.store, &f, &ImportOptions::default(), &mut |_| {})
        .expect_err("the database refuses the third person");
    assert!(e.to_string().contains("simulated failure"), "{e}");
    assert_eq!(t.roster(), before);
    assert_eq!(audit_count(&t), audit);
}

/// Each column is held to its size (issue 13): 姓名 50 characters, codes 64,
/// free text 2,000; the error quotes the value cut short.
#[test]
fn values_longer_than_their_column_allows() {
    let mut t = seeded();
    let f = t.file("a.xlsx");
    let long_name = "张".repeat(51);
    let long_note = "备".repeat(2_001);
    write_book(
        &f,
        &[
            persons_sheet(vec![
                row(&["姓名", "身份证号", "备注"]),
                vec![T(long_name), S(ID_A)],
                vec![S("李四"), T("1".repeat(65)), T(long_note)],
                vec![S("王五"), S(ID_B), T("备".repeat(2_000))],
            ]),
            (
                "社保",
                vec![
                    row(&["姓名", "缴费月份"]),
                    vec![S("王五"), T("2".repeat(70))],
                ],
            ),
        ],
    );
    let (msg, e) = refused(&mut t, &f);
    let errs = errors_of(&e);
    assert_eq!(errs.len(), 4, "{msg}");
    assert_eq!(errs[0].row, Some(2));
    assert_eq!(errs[0].column.as_deref(), Some("姓名"));
    assert_eq!(errs[0].value, format!("{}…", "张".repeat(20)));
    assert!(errs[0].message.contains("超过50个字符"), "{msg}");
    assert_eq!(errs[1].column.as_deref(), Some("身份证号"));
    assert!(errs[1].message.contains("超过64个字符"), "{msg}");
    assert_eq!(errs[2].column.as_deref(), Some("备注"));
    assert!(errs[2].message.contains("超过2000个字符"), "{msg}");
    assert_eq!(errs[3].sheet, "社保");
    assert_eq!(errs[3].column.as_deref(), Some("缴费月份"));
    assert!(!msg.contains(&"张".repeat(21)), "{msg}");
}
