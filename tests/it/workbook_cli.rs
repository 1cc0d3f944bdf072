//! The CLI: `zicha import`, `template` and `export` exit codes and messages.

use crate::cli_support::{stderr, stdout, zicha};
use crate::workbook_support::*;

#[test]
fn bad_workbook_exits_2_listing_every_error_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zicha.db");
    let f = dir.path().join("坏.xlsx");
    write_book(
        &f,
        &[(
            "人员",
            vec![
                row(&["姓名", "用工形式", "入职日期"]),
                row(&["张三", "合同工", "2024-13-45"]),
                row(&["李四", "全职", ""]),
            ],
        )],
    );
    let errors = dir.path().join("出错行.xlsx");
    let out = zicha(
        &db,
        &[
            "import",
            f.to_str().unwrap(),
            "--errors",
            errors.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("错误：工作簿中有 2 处错误，未导入任何数据"),
        "{err}"
    );
    assert!(
        err.contains("工作表“人员”第2行【用工形式】“合同工”不是用工形式的可选值"),
        "{err}"
    );
    assert!(
        err.contains("工作表“人员”第2行【入职日期】“2024-13-45”不是有效日期"),
        "{err}"
    );
    assert!(err.contains("出错行.xlsx"), "{err}");
    assert!(errors.exists());
    let check = zicha(&db, &["check", "--json"]);
    assert!(
        stdout(&check).contains("\"total\": 0"),
        "{}",
        stdout(&check)
    );

    let missing = zicha(&db, &["import", "没有.xlsx"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("找不到该文件"));
}

#[test]
fn skip_invalid_imports_the_good_rows_and_says_where_the_rest_went() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zicha.db");
    let f = dir.path().join("名单.xlsx");
    write_book(
        &f,
        &[(
            "人员",
            vec![
                row(&["姓名", "用工形式"]),
                row(&["张三", "合同工"]),
                row(&["李四", "全职"]),
            ],
        )],
    );
    let out = zicha(&db, &["import", f.to_str().unwrap(), "--skip-invalid"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.contains("新增 1 人"), "{said}");
    assert!(said.contains("只导入正确的行：跳过出错的 1 行"), "{said}");
    assert!(
        said.contains("未导入的行已写入") && said.contains("名单-错误行.xlsx"),
        "{said}"
    );
    assert!(stderr(&out).contains("合同工"), "{}", stderr(&out));
    assert!(dir.path().join("名单-错误行.xlsx").exists());
}

#[test]
fn an_empty_persons_sheet_imports_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zicha.db");
    let f = dir.path().join("空表.xlsx");
    write_book(&f, &[("人员名单", vec![row(&["姓名", "身份证号"])])]);
    let out = zicha(&db, &["import", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("工作表“人员名单”中没有人员数据") && err.contains("未导入任何内容"),
        "{err}"
    );
    assert!(!stdout(&out).contains("已导入"), "{}", stdout(&out));
}

#[test]
fn template_filled_by_hand_imports_exports_and_round_trips_check_json() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let template = dir.path().join("模板.xlsx");
    let out = zicha(&a, &["template", template.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(template.exists());

    let f = dir.path().join("填好的.xlsx");
    write_book(
        &f,
        &[
            (
                "人员",
                vec![
                    row(&[
                        "序号",
                        "姓名*",
                        "身份证号",
                        "岗位",
                        "用工形式",
                        "是否实际履职",
                        "学历层次",
                        "学历核验结果",
                    ]),
                    row(&["1", "张三", ID_A, "检验员岗", "全职", "是", "本科", "一致"]),
                    row(&["2", "李四", ID_B, "", "兼职", "否", "", ""]),
                ],
            ),
            (
                "社保",
                vec![
                    row(&["姓名*", "身份证号", "起始月份", "终止月份", "缴费单位"]),
                    row(&["张三", ID_A, "2023-07", "2024-06", ""]),
                ],
            ),
            (
                "工作见证",
                vec![
                    row(&["姓名*", "日期*", "类型"]),
                    row(&["张三", "2024.5.20", "检验报告"]),
                ],
            ),
            (
                "单位信息",
                vec![
                    row(&["项目*", "内容"]),
                    row(&["单位名称", "东营市特检院"]),
                    row(&["核查基准日", "2024-07-10"]),
                ],
            ),
        ],
    );
    let out = zicha(&a, &["import", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed = stdout(&out);
    assert!(
        printed.contains("新增 2 人") && printed.contains("社保 12 个月"),
        "{printed}"
    );

    let export = dir.path().join("导出.xlsx");
    let out = zicha(&a, &["export", export.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = zicha(&b, &["import", export.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ja = zicha(&a, &["check", "--json"]);
    let jb = zicha(&b, &["check", "--json"]);
    assert!(
        stdout(&ja).contains("\"reference_date\": \"2024-07-10\""),
        "{}",
        stdout(&ja)
    );
    assert_eq!(stdout(&ja), stdout(&jb));
}

#[test]
fn outputs_must_be_xlsx_so_the_database_cannot_be_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zicha.db");
    assert_eq!(zicha(&db, &["demo"]).status.code(), Some(0));
    let size = std::fs::metadata(&db).unwrap().len();
    for args in [
        vec!["export", db.to_str().unwrap()],
        vec!["template", db.to_str().unwrap()],
    ] {
        let out = zicha(&db, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("扩展名应为 .xlsx"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(std::fs::metadata(&db).unwrap().len(), size);
    let check = zicha(&db, &["check", "--json"]);
    assert_eq!(check.status.code(), Some(0));
}
