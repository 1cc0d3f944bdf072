//! The command line as the clerk uses it: exit codes, Chinese messages on
//! stderr, and nothing stored changing on bad input.

use std::path::Path;

use crate::cli_support::{demo_db, stderr, stdout, zicha};

fn json(db: &Path) -> serde_json::Value {
    let o = zicha(db, &["check", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

#[test]
fn check_json_on_an_empty_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("x.db");
    let v = json(&db);
    assert_eq!(v["summary"]["total"], 0);
    assert_eq!(v["summary"]["staffing"], "未配置");
    assert_eq!(v["window_months"], 12);
    assert_eq!(v["rows"], serde_json::json!([]));
}

#[test]
fn check_json_on_the_demo_roster() {
    let (_dir, db) = demo_db();
    let v = json(&db);
    assert_eq!(v["reference_date"], "2024-07-10");
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(
        rows.len() as u64,
        v["summary"]["total"].as_u64().expect("total")
    );
    assert_eq!(rows[0]["seq"], 1);
    assert!(
        rows.iter()
            .any(|r| r["manual"] == serde_json::json!(["practice"]))
    );
    let table = stdout(&zicha(&db, &["check"]));
    assert!(table.contains("序号\t姓名\t真实执业"), "{table}");
}

#[test]
fn settings_show_and_set() {
    let (_dir, db) = demo_db();
    let o = zicha(&db, &["settings", "set", "核查月数", "6"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json(&db)["window_months"], 6);
    let shown = stdout(&zicha(&db, &["settings", "show"]));
    assert!(
        shown.contains("核查月数：6") && shown.contains("单位名称：东营市示例"),
        "{shown}"
    );
}

#[test]
fn bad_settings_exit_2_and_change_nothing() {
    let (_dir, db) = demo_db();
    let before = json(&db);
    for (key, value, field) in [
        ("核查基准日", "2024-13-01", "核查基准日"),
        ("核查月数", "0", "核查月数"),
        ("核查月数", "1000", "核查月数"),
        ("单位名称", "", "单位名称"),
        ("单位地址", "x", "设置项"),
    ] {
        let o = zicha(&db, &["settings", "set", key, value]);
        assert_eq!(o.status.code(), Some(2), "{key}={value}");
        assert!(stderr(&o).contains(field), "{key}: {}", stderr(&o));
    }
    assert_eq!(json(&db), before);
}

#[test]
fn decide_and_confirm_refuse_bad_input() {
    let (_dir, db) = demo_db();
    let before = json(&db);
    let cases: [(&[&str], &str); 7] = [
        (
            &["decide", "王建国", "practice", "也许", "--note", "x"],
            "结论",
        ),
        (
            &["decide", "王建国", "籍贯", "是", "--note", "x"],
            "核查项目",
        ),
        (
            &["decide", "不存在的人", "practice", "是", "--note", "x"],
            "找不到人员",
        ),
        (
            &["decide", "王建国", "practice", "是", "--note", " "],
            "说明",
        ),
        (
            &["confirm", "曹磊", "title.unknown", "--note", "x"],
            "疑点代码",
        ),
        (
            &["confirm", "王建国", "title.too_early", "--note", "x"],
            "当前没有",
        ),
        (
            &["confirm", "曹磊", "title.too_early", "--note", ""],
            "说明",
        ),
    ];
    for (args, needle) in cases {
        let o = zicha(&db, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(json(&db), before);
}

#[test]
fn decide_and_confirm_change_the_verdicts() {
    let (_dir, db) = demo_db();
    let row = |v: &serde_json::Value, name: &str| {
        v["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["name"] == name)
            .cloned()
            .expect("row")
    };
    assert_eq!(row(&json(&db), "曹磊")["title"], "待核实");
    let o = zicha(
        &db,
        &[
            "confirm",
            "曹磊",
            "title.too_early",
            "--note",
            "破格晋升，见鲁人社字〔2015〕12号",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(row(&json(&db), "曹磊")["title"], "是");

    let id = row(&json(&db), "施伟")["id_number"]
        .as_str()
        .expect("id")
        .to_string();
    let o = zicha(
        &db,
        &[
            "decide",
            &id,
            "职称",
            "-",
            "--note",
            "初次取证未提交职称，经核对档案",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let r = row(&json(&db), "施伟");
    assert_eq!(
        (r["title"].as_str(), r["manual"].clone()),
        (Some("-"), serde_json::json!(["title"]))
    );
    assert_eq!(r["remark"], "初次取证未提交职称，经核对档案");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_with_exit_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("文档.db");
    std::fs::write(&db, "不是数据库".repeat(300)).expect("write");
    let before = std::fs::read(&db).expect("read");
    let o = zicha(&db, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("不是本程序的台账数据库"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&db).expect("read"), before);
}

#[test]
fn annex1_writes_pdf_and_xlsx_with_default_names_and_says_draft() {
    let (dir, db) = demo_db();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_zicha"))
        .current_dir(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["annex1", "--date", "2024-07-10"])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("草稿"), "{out}");
    let base =
        "附件1_特种设备检验检测机构自查情况统计表_东营市示例特种设备检验检测院（东营）_2024-07-10";
    for ext in ["pdf", "xlsx"] {
        let f = dir.path().join(format!("{base}.{ext}"));
        assert!(
            f.metadata().map(|m| m.len() > 1000).unwrap_or(false),
            "{}",
            f.display()
        );
    }
    let pdf = dir.path().join("只要PDF.pdf");
    let o = zicha(&db, &["annex1", "--pdf", pdf.to_str().expect("path")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(pdf.exists());
    let o = zicha(&db, &["annex1", "--date", "2024-13-45"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("填报日期"), "{}", stderr(&o));
}
