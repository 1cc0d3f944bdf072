//! The command line as the clerk uses it: exit codes, Chinese messages on
//! stderr, and nothing stored changing on bad input.

use std::path::Path;

use crate::cli_support::{demo_db, ok, stderr, stdout, zicha};

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

/// An empty roster, and one without 单位名称, is never a final form.
#[test]
fn annex1_on_an_empty_database_is_a_draft_that_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("空.db");
    let pdf = dir.path().join("a.pdf");
    let pdf_arg = pdf.to_str().expect("path");
    let out = ok(&db, &["annex1", "--pdf", pdf_arg]);
    assert!(
        out.contains("台账中没有人员，未填写单位名称，本表为草稿，不得报送"),
        "{out}"
    );
    assert!(
        !out.contains("正式表") && !out.contains("尚有 0 人"),
        "{out}"
    );
    let checked = ok(&db, &["check"]);
    assert!(
        checked.contains("台账中没有人员，未填写单位名称，附件1只能作为草稿"),
        "{checked}"
    );

    ok(&db, &["settings", "set", "单位名称", "东营市某检验所"]);
    let out = ok(&db, &["annex1", "--pdf", pdf_arg]);
    assert!(out.contains("台账中没有人员，本表为草稿"), "{out}");
    assert!(!out.contains("未填写单位名称"), "{out}");
}

/// `check` names flags by the label `confirm` takes; the audit export too.
#[test]
fn flags_are_named_by_their_labels_and_confirmed_by_them() {
    use calamine::{Reader, open_workbook_auto};
    let (dir, db) = demo_db();
    let table = ok(&db, &["check"]);
    let line = table
        .lines()
        .find(|l| l.contains("曹磊"))
        .expect("曹磊's row");
    assert!(line.contains("职称取得年限不足"), "{line}");
    for code in ["title.too_early", "cert.expired", "diploma.", "id.checksum"] {
        assert!(!table.contains(code), "{code} in:\n{table}");
    }
    let out = ok(
        &db,
        &["confirm", "曹磊", "职称取得年限不足", "--note", "破格晋升"],
    );
    assert!(out.contains("已确认疑点：曹磊 职称取得年限不足"), "{out}");
    assert!(!out.contains("title.too_early"), "{out}");
    assert_eq!(
        json(&db)["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["name"] == "曹磊")
            .expect("row")["title"],
        "是"
    );

    let trail = dir.path().join("修改记录.xlsx");
    ok(&db, &["audit", "export", trail.to_str().expect("path")]);
    let mut wb = open_workbook_auto(&trail).expect("opens");
    let range = wb.worksheet_range("修改记录").expect("sheet");
    let cells: Vec<String> = range.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(
        cells.iter().any(|c| c == "职称取得年限不足"),
        "label in the export"
    );
    assert!(!cells.iter().any(|c| c.contains("title.too_early")));
}

fn bare(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_zicha"))
        .args(args)
        .output()
        .expect("run zicha")
}

/// clap's English never reaches the clerk: help on stdout (exit 0), usage
/// errors on stderr (exit 2), all in Chinese and naming the argument.
#[test]
fn help_and_usage_errors_are_chinese() {
    let english = [
        "Usage",
        "error:",
        "[OPTIONS]",
        "Options:",
        "Commands:",
        "Arguments:",
        "tip:",
    ];
    for args in [
        &["--help"][..],
        &["-h"],
        &["import", "--help"],
        &["audit", "-h"],
    ] {
        let o = bare(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = stdout(&o);
        assert!(
            out.contains("用法：zicha") && out.contains("选项："),
            "{out}"
        );
        assert!(stderr(&o).is_empty(), "{}", stderr(&o));
        for e in english {
            assert!(!out.contains(e), "{e} in {out}");
        }
    }
    assert!(stdout(&bare(&["--help"])).contains("命令："));
    let o = bare(&["-V"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(env!("CARGO_PKG_VERSION")));

    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("x.db");
    let db = db.to_str().expect("path");
    for (args, words) in [
        (
            &["--db", db, "decide", "王五", "学历"][..],
            "缺少必填参数：--note <说明>、<结论>",
        ),
        (&["--db", db, "chek"], "没有命令“chek”"),
        (&["--db", db, "check", "--jsno"], "没有选项“--jsno”"),
        (
            &["--db", db, "annex1", "--date"],
            "参数 --date <日期> 缺少取值",
        ),
        (&["--db", db, "settings"], "用法：zicha settings"),
        (
            &["--db", db, "import", "a.xlsx", "b.xlsx"],
            "多余的参数“b.xlsx”",
        ),
    ] {
        let o = bare(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(stdout(&o).is_empty(), "{args:?}");
        for e in english {
            assert!(!err.contains(e), "{e} in {err}");
        }
    }
    assert!(
        !dir.path().join("x.db").exists(),
        "a usage error opens nothing"
    );
}

/// Demo data never reaches a real ledger: not the default one, not a file
/// that holds anything; only a new file named with --db.
#[test]
fn demo_goes_only_into_a_new_file_named_with_db() {
    let home = tempfile::tempdir().expect("tempdir");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_zicha"))
            .args(args)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("APPDATA", home.path().join("data"))
            .output()
            .expect("run zicha")
    };
    let o = run(&["demo"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("zicha --demo"), "{}", stderr(&o));
    let default = home.path().join("data").join("zicha").join("zicha.db");
    assert!(!default.exists(), "the default ledger is not even created");
    let default_arg = default.to_str().expect("path");
    let o = run(&["--db", default_arg, "demo"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("默认的正式台账"), "{}", stderr(&o));
    assert!(!default.exists());

    // A ledger with one person (or any history) is refused and left as it was.
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("正式.db");
    ok(&db, &["settings", "set", "单位名称", "某检验所"]);
    let o = zicha(&db, &["demo"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("已有人员或修改记录"), "{}", stderr(&o));
    assert_eq!(json(&db)["summary"]["total"], 0);

    let (_dir, demo) = demo_db();
    assert_eq!(json(&demo)["summary"]["total"], 35);
    let o = zicha(&demo, &["demo"]);
    assert_eq!(o.status.code(), Some(2), "twice is refused");
    assert_eq!(json(&demo)["summary"]["total"], 35);
}

/// A path whose folder part is a file: the clerk reads Chinese naming the
/// file, never "Not a directory (os error 20)".
#[test]
fn a_file_where_a_folder_should_be_is_said_in_chinese() {
    let (dir, db) = demo_db();
    let file = dir.path().join("名单.txt");
    std::fs::write(&file, "x").expect("write");
    for args in [
        vec![
            "export".to_string(),
            file.join("导出.xlsx").display().to_string(),
        ],
        vec![
            "annex1".to_string(),
            "--pdf".to_string(),
            file.join("附件1.pdf").display().to_string(),
        ],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = zicha(&db, &args);
        assert_ne!(o.status.code(), Some(0), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains("不是文件夹") && err.contains("名单.txt"),
            "{err}"
        );
        assert!(
            !err.contains("os error") && !err.contains("Not a directory"),
            "{err}"
        );
    }
    let o = zicha(&file.join("台账.db"), &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("不是文件夹") && err.contains("名单.txt"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}

/// Upgrading a file in which two persons meet on one 身份证号 keeps both and
/// says so on stderr, once.
#[test]
fn the_upgrade_names_two_persons_who_share_a_number_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("旧.db");
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute_batch(include_str!("../../src/store/sql/001_initial.sql"))
            .expect("v1");
        conn.execute_batch(include_str!("../../src/store/sql/002_audit_chain.sql"))
            .expect("v2");
        conn.execute_batch(&format!(
            "PRAGMA user_version = 2; PRAGMA application_id = {};
             INSERT INTO persons (name, id_number, created_at, updated_at) VALUES
               ('王　伟', '11010519491231002x', '2024-07-01 09:00:00', '2024-07-01 09:00:00'),
               ('王伟', '110105 19491231002X', '2024-07-01 09:00:00', '2024-07-01 09:00:00');",
            zicha::store::APPLICATION_ID
        ))
        .expect("rows");
    }
    let o = zicha(&db, &["check", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("注意：")
            && err.contains("两人都已保留")
            && err.contains("11010519491231002X"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["summary"]["total"], 2, "nobody merged or lost");
    let again = zicha(&db, &["check"]);
    assert!(
        !stderr(&again).contains("两人都已保留"),
        "{}",
        stderr(&again)
    );
}
