//! 学信网 备案表 on the command line (issue 15): `attach` reads a 备案表 PDF and
//! prints its fields and differences, `check --json` carries the blocking
//! `diploma.record_mismatch`, `--fill` and `attachments --verify` write the
//! diploma fields, and `attach-records` matches a folder by 姓名 + 出生日期.

use super::cli_support::{demo_db, ok, stderr, zicha};

/// 王建国 of the demo roster (born 1978-03-12), with another 专业.
fn wang_record() -> Vec<u8> {
    zicha::xuexin::sample::record_pdf(&[
        ("姓名", "王建国"),
        ("出生日期", "1978年03月12日"),
        ("学校名称", "中国石油大学（华东）"),
        ("专业", "过程装备与控制工程"),
        ("层次", "本科"),
        ("学历类别", "普通高等教育"),
        ("学习形式", "普通全日制"),
        ("毕（结）业", "毕业"),
        ("在线验证码", "A1B2C3D4E5F6G7H8"),
    ])
    .unwrap()
}

#[test]
fn an_attached_record_is_printed_compared_flagged_and_verified() {
    let (dir, db) = demo_db();
    let file = dir.path().join("扫描001.pdf");
    std::fs::write(&file, wang_record()).unwrap();
    let out = ok(&db, &["attach", "王建国", file.to_str().unwrap()]);
    assert!(out.contains("扫描001.pdf（学历备案表"), "{out}");
    assert!(out.contains("在线验证码：A1B2C3D4E5F6G7H8"), "{out}");
    assert!(
        out.contains(
            "与台账不符：专业（备案表“过程装备与控制工程”，台账“机械设计制造及其自动化”）"
        ),
        "{out}"
    );
    assert!(!out.contains("毕业院校（"), "{out}");
    let json = ok(&db, &["check", "--json"]);
    assert!(json.contains("\"diploma.record_mismatch\""), "{json}");

    let said = ok(
        &db,
        &[
            "attachments",
            "王建国",
            "--verify",
            "1",
            "--result",
            "查无",
            "--date",
            "2026-12-01",
        ],
    );
    assert!(
        said.contains("已记录在线核验：王建国 查无，2026年12月1日"),
        "{said}"
    );
    let o = zicha(
        &db,
        &["attachments", "王建国", "--verify", "1", "--result", "好"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("一致、不一致或查无"), "{}", stderr(&o));
}

#[test]
fn a_folder_of_records_is_matched_by_name_and_birth_date() {
    let (dir, db) = demo_db();
    let folder = dir.path().join("备案表");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("1.pdf"), wang_record()).unwrap();
    std::fs::write(folder.join("2.pdf"), b"%PDF-1.4\nbroken\n").unwrap();
    let out = ok(&db, &["attach-records", folder.to_str().unwrap()]);
    assert!(out.contains("已添加：1.pdf → 王建国"), "{out}");
    assert!(out.contains("2.pdf：无法读取这个 PDF"), "{out}");
    assert!(out.contains("共添加 1 份备案表，1 个文件未添加"), "{out}");
}

/// A roster of one person (born 1980-01-01) whose diploma is not filled in.
fn blank_diploma_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.db");
    let mut store = zicha::store::Store::open(&db).unwrap();
    let mut p = zicha::domain::Person::new("赵六");
    p.id_number = Some("110105198001010016".into());
    store.add_person(&p).unwrap();
    (dir, db)
}

/// 赵六's 备案表.
fn zhao_record() -> Vec<u8> {
    zicha::xuexin::sample::record_pdf(&[
        ("姓名", "赵六"),
        ("出生日期", "1980年01月01日"),
        ("学校名称", "山东大学"),
        ("专业", "材料成型及控制工程"),
        ("层次", "本科"),
        ("毕（结）业日期", "2002年07月01日"),
        ("证书编号", "104221200205001234"),
        ("在线验证码", "Z9Y8X7W6V5U4T3S2"),
    ])
    .unwrap()
}

fn diploma_of(db: &std::path::Path) -> zicha::domain::Diploma {
    let store = zicha::store::Store::open(db).unwrap();
    store.load_roster().unwrap().persons[0]
        .person
        .diploma
        .clone()
}

/// Without `--fill` the empty fields are named with the hint and left empty;
/// with it they take the 备案表's values (学历核验方式 and 编号 too).
#[test]
fn attach_fill_writes_the_records_values_into_the_empty_diploma_fields() {
    let (dir, db) = blank_diploma_db();
    let file = dir.path().join("赵六备案表.pdf");
    std::fs::write(&file, zhao_record()).unwrap();
    let out = ok(&db, &["attach", "赵六", file.to_str().unwrap()]);
    assert!(out.contains("加 --fill"), "{out}");
    assert!(
        out.contains("毕业院校") && out.contains("学历核验编号"),
        "{out}"
    );
    assert_eq!(diploma_of(&db), zicha::domain::Diploma::default());

    let (dir, db) = blank_diploma_db();
    let file = dir.path().join("赵六备案表.pdf");
    std::fs::write(&file, zhao_record()).unwrap();
    let out = ok(&db, &["attach", "赵六", file.to_str().unwrap(), "--fill"]);
    assert!(out.contains("已按备案表填入："), "{out}");
    assert!(!out.contains("加 --fill"), "{out}");
    let d = diploma_of(&db);
    assert_eq!(d.school.as_deref(), Some("山东大学"));
    assert_eq!(d.major.as_deref(), Some("材料成型及控制工程"));
    assert_eq!(d.number.as_deref(), Some("104221200205001234"));
    assert_eq!(d.level, Some(zicha::domain::EducationLevel::Bachelor));
    assert_eq!(
        d.graduation_date,
        chrono::NaiveDate::from_ymd_opt(2002, 7, 1)
    );
    assert_eq!(d.method, Some(zicha::domain::DiplomaMethod::ChsiRecord));
    assert_eq!(d.reference.as_deref(), Some("Z9Y8X7W6V5U4T3S2"));
    let json = ok(&db, &["check", "--json"]);
    assert!(!json.contains("\"diploma.record_mismatch\""), "{json}");
}
