//! `zicha import-si`, `import-reports` and `findings` on the demo roster:
//! files as real systems export them, the effect on verdicts, provenance, and
//! that bad files change nothing.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;
use serde_json::Value;

use super::cli_support::{demo_db, ok, stderr, stdout, zicha};

/// Writes rows (the first rows may be titles) as a one-sheet .xlsx.
fn xlsx(dir: &Path, name: &str, rows: &[Vec<String>]) -> PathBuf {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    let path = dir.join(name);
    book.save(&path).unwrap();
    path
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// 王建国's and 张喆's pension months of the demo's window (2023-07 … 2024-06),
/// 张喆's 2024-03 paid by an HR company, plus other kinds and a stranger.
fn payment_list(dir: &Path) -> PathBuf {
    let mut rows = vec![
        strings(&["单位参保缴费明细"]),
        strings(&[
            "序号",
            "姓名",
            "证件号码",
            "费款所属期",
            "险种类型",
            "单位缴纳",
            "参保单位",
        ]),
    ];
    let people = [
        ("王建国", "370502197803120117"),
        ("张喆", "370502198506210217"),
        ("路人甲", "370502199901010011"),
    ];
    for (name, id) in people {
        for i in 0..12 {
            let (y, m) = if i < 6 { (2023, 7 + i) } else { (2024, i - 5) };
            for kind in ["企业职工基本养老保险", "失业保险", "职业年金"] {
                let payer = if name == "张喆" && (y, m) == (2024, 3) && kind.contains("养老") {
                    "某人力资源服务有限公司"
                } else {
                    "东营市示例特种设备检验检测院有限公司"
                };
                rows.push(strings(&[
                    &rows.len().to_string(),
                    name,
                    id,
                    &format!("{y}{m:02}"),
                    kind,
                    "800",
                    payer,
                ]));
            }
        }
    }
    xlsx(dir, "单位参保缴费明细.xlsx", &rows)
}

fn row_of<'a>(json: &'a Value, name: &str) -> &'a Value {
    json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap()
}

fn check(db: &Path) -> Value {
    serde_json::from_str(&ok(db, &["check", "--json"])).unwrap()
}

#[test]
fn a_month_paid_by_another_unit_turns_practice_to_no_with_its_source() {
    let (dir, db) = demo_db();
    let file = payment_list(dir.path());
    let before = check(&db);
    assert_eq!(row_of(&before, "张喆")["practice"], "是");
    ok(
        &db,
        &[
            "settings",
            "set",
            "单位别名",
            "东营市示例特种设备检验检测院有限公司",
        ],
    );
    let dry = ok(&db, &["import-si", file.to_str().unwrap(), "--dry-run"]);
    assert!(dry.contains("其他险种 72 行未计入"), "{dry}");
    assert!(dry.contains("路人甲"), "{dry}");
    assert_eq!(check(&db), before, "--dry-run writes nothing");

    let out = ok(&db, &["import-si", file.to_str().unwrap()]);
    assert!(out.contains("已导入"), "{out}");
    let after = check(&db);
    let zhang = row_of(&after, "张喆");
    assert_eq!(zhang["practice"], "否");
    let reason = zhang["reasons"][0].as_str().unwrap();
    assert_eq!(
        reason,
        "2024年3月社保由某人力资源服务有限公司缴纳（来源：单位参保缴费明细.xlsx）"
    );
    assert_eq!(row_of(&after, "王建国")["practice"], "是");

    // The same file again adds nothing and writes no backup.
    let again = ok(&db, &["import-si", file.to_str().unwrap()]);
    assert!(again.contains("没有新记录"), "{again}");
    assert_eq!(check(&db), after);

    // The audit trail names the file.
    let trail = dir.path().join("修改记录.xlsx");
    ok(&db, &["audit", "export", trail.to_str().unwrap()]);
}

#[test]
fn without_the_alias_the_full_registered_name_is_another_payer() {
    let (dir, db) = demo_db();
    let file = payment_list(dir.path());
    ok(&db, &["import-si", file.to_str().unwrap()]);
    let json = check(&db);
    let reason = row_of(&json, "王建国")["reasons"][0]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        reason.contains("由东营市示例特种设备检验检测院有限公司缴纳"),
        "{reason}"
    );
}

#[test]
fn a_proof_that_names_nobody_takes_the_person_given() {
    let (dir, db) = demo_db();
    let file = xlsx(
        dir.path(),
        "参保缴费证明.xlsx",
        &[
            strings(&["个人参保缴费证明"]),
            strings(&["开始年月", "结束年月", "缴费单位", "险种"]),
            strings(&[
                "2024-01",
                "2024-02",
                "某劳务派遣公司",
                "企业职工基本养老保险",
            ]),
        ],
    );
    let o = zicha(&db, &["import-si", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--person"), "{}", stderr(&o));
    ok(
        &db,
        &["import-si", file.to_str().unwrap(), "--person", "李珺"],
    );
    let json = check(&db);
    let reason = row_of(&json, "李珺")["reasons"][0]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        reason.contains("2024年1月、2024年2月社保由某劳务派遣公司缴纳"),
        "{reason}"
    );
}

#[test]
fn a_file_without_a_month_column_lists_its_headers_and_column_maps_it() {
    let (dir, db) = demo_db();
    let file = xlsx(
        dir.path(),
        "导出.xlsx",
        &[
            strings(&["人员", "身份证", "期间"]),
            strings(&["王建国", "370502197803120117", "202406"]),
        ],
    );
    let o = zicha(&db, &["import-si", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("缴费月份"), "{e}");
    assert!(e.contains("人员、身份证、期间"), "{e}");
    let out = ok(
        &db,
        &[
            "import-si",
            file.to_str().unwrap(),
            "--column",
            "姓名=人员",
            "--column",
            "缴费月份=期间",
            "--dry-run",
        ],
    );
    assert!(out.contains("缴费月份=期间"), "{out}");
    let o = zicha(
        &db,
        &["import-si", file.to_str().unwrap(), "--column", "月份期间"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("字段=表头"), "{}", stderr(&o));
}

#[test]
fn a_bad_month_refuses_the_file_and_changes_nothing() {
    let (dir, db) = demo_db();
    let file = xlsx(
        dir.path(),
        "坏.xlsx",
        &[
            strings(&["姓名", "身份证号", "缴费年月"]),
            strings(&["王建国", "370502197803120117", "202406"]),
            strings(&["张喆", "370502198506210217", "2024-13"]),
        ],
    );
    let before = check(&db);
    let o = zicha(&db, &["import-si", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("第3行【缴费年月】"), "{e}");
    assert!(e.contains("2024-13"), "{e}");
    assert_eq!(check(&db), before);
}

#[test]
fn a_ledger_gives_evidence_and_lists_signers_not_in_the_roster() {
    let (dir, db) = demo_db();
    let file = xlsx(
        dir.path(),
        "检验报告台账.xlsx",
        &[
            strings(&["2024年检验报告台账"]),
            strings(&["报告编号", "出具日期", "检验人员", "审核", "批准"]),
            strings(&["RD2024-0001", "2024-05-06", "王建国、张 喆", "李珺", "刘昇"]),
            strings(&["RD2024-0002", "2024-05-07", "外 来 人", "李珺", "刘昇"]),
            strings(&["RD2024-0003", "2024-06-01", "孙立新", "李珺", "刘昇"]),
        ],
    );
    let out = ok(&db, &["import-reports", file.to_str().unwrap()]);
    assert!(out.contains("报告署名人员不在持证人员台账中"), "{out}");
    let findings = ok(&db, &["findings"]);
    assert!(findings.contains("[不在台账]"), "{findings}");
    let sheet = dir.path().join("报告署名疑点.xlsx");
    ok(&db, &["findings", "--xlsx", sheet.to_str().unwrap()]);
    assert!(sheet.exists());
    let again = ok(&db, &["import-reports", file.to_str().unwrap()]);
    assert!(again.contains("没有新记录"), "{again}");
    let o = zicha(
        &db,
        &[
            "import-reports",
            dir.path().join("无.xlsx").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
}
