//! 定稿报送 and 报送记录 (issue 15) through the command line: a final form is
//! recorded and reprinted byte-identical, a draft is refused, today's roster is
//! compared with what was submitted, a scan is attached and the three files packed.

use std::path::{Path, PathBuf};

use crate::cli_support::{demo_db, ok, stderr, stdout, zicha};
use chrono::NaiveDate;
use zicha::domain::*;
use zicha::store::Store;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A full-time inspector for whom every rule gives 是 at R = 2024-07-10.
fn good(name: &str, id: &str) -> Person {
    Person {
        name: name.into(),
        id_number: Some(id.into()),
        post: Some("检验员岗".into()),
        employment: Some(EmploymentForm::FullTime),
        hire_date: Some(d("2010-03-01")),
        on_duty: Some(true),
        disclosed: Some(true),
        first_cert_date: Some(d("2012-05-01")),
        diploma: Diploma {
            level: Some(EducationLevel::Bachelor),
            graduation_date: Some(d("2002-07-01")),
            method: Some(DiplomaMethod::CertificationReport),
            reference: Some("BG-2024-001".into()),
            result: Some(VerifyResult::Match),
            ..Diploma::default()
        },
        title: Title {
            submitted: Some(false),
            ..Title::default()
        },
        certificates: vec![Certificate {
            item: "检验师(DS)".into(),
            number: Some(format!("TS-{id}")),
            issued_on: Some(d("2012-05-01")),
            valid_until: Some(d("2028-05-01")),
        }],
        social_insurance: YearMonth::parse_iso("2023-07")
            .unwrap()
            .through(YearMonth::parse_iso("2024-06").unwrap())
            .map(|month| SocialInsuranceMonth {
                month,
                payer: None,
                origin: None,
            })
            .collect(),
        evidence: vec![Evidence {
            date: d("2024-05-20"),
            kind: Some(EvidenceKind::InspectionReport),
            number: Some("JY-1".into()),
            description: None,
            origin: None,
        }],
        ..Person::default()
    }
}

/// A database holding a final roster (no 待核实) of three persons.
fn final_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.db");
    let mut store = Store::open(&db).unwrap();
    store
        .save_settings(&Settings {
            agency_name: "东营市特种设备检验研究院".into(),
            filler: "李晓梅".into(),
            reference_date: Some(d("2024-07-10")),
            ..Settings::default()
        })
        .unwrap();
    for (name, id) in [
        ("张三", "110105198001010016"),
        ("李四", "110105198102020029"),
        ("王五", "110105198203030031"),
    ] {
        store.add_person(&good(name, id)).unwrap();
    }
    let report = zicha::checks::check_roster(&store.load_roster().unwrap(), d("2030-01-01"));
    assert_eq!(report.summary.pending, 0, "the roster is final");
    (dir, db)
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_submission_is_reprinted_byte_identical_and_compared_with_today() {
    let (dir, db) = final_db();
    let (pdf, xlsx) = (dir.path().join("报送.pdf"), dir.path().join("报送.xlsx"));
    let out = ok(
        &db,
        &[
            "submit",
            "--pdf",
            path(&pdf),
            "--xlsx",
            path(&xlsx),
            "--date",
            "2024-07-12",
        ],
    );
    assert!(out.contains("已定稿报送，记为第1次报送（3 人）"), "{out}");
    let list = ok(&db, &["submissions", "list"]);
    assert!(
        list.contains("2024-07-12") && list.contains("缺少"),
        "{list}"
    );
    assert!(list.contains("有 1 次报送还没有签字盖章的扫描件"), "{list}");

    let (pdf2, xlsx2) = (dir.path().join("重印.pdf"), dir.path().join("重印.xlsx"));
    ok(
        &db,
        &[
            "submissions",
            "reprint",
            "1",
            "--pdf",
            path(&pdf2),
            "--xlsx",
            path(&xlsx2),
        ],
    );
    assert_eq!(read(&pdf2), read(&pdf));
    assert_eq!(read(&xlsx2), read(&xlsx));
    assert!(read(&pdf).starts_with(b"%PDF-"));

    let same = ok(&db, &["submissions", "diff", "1"]);
    assert!(same.contains("没有变化"), "{same}");

    // Today the first person is found not to be on duty: practice 是 → 否.
    let mut store = Store::open(&db).unwrap();
    let roster = store.load_roster().unwrap();
    let mut p = roster.persons[0].person.clone();
    let name = p.name.clone();
    p.on_duty = Some(false);
    store.update_person(&p).unwrap();
    let entries = zicha::store::audit::for_entity(store.conn(), "报送记录").unwrap();
    assert!(
        entries.iter().any(|e| e.action == "定稿报送"
            && e.record == "第1次报送"
            && e.new_value
                .as_deref()
                .is_some_and(|v| v.contains("SHA-256"))),
        "the submission is in the 修改记录"
    );
    assert!(store.verify_audit().unwrap().problem.is_none());
    drop(store);
    let changed = ok(&db, &["submissions", "diff", "1"]);
    assert!(changed.contains(&format!("{name}（")), "{changed}");
    assert!(changed.contains("真实执业 是 → 否"), "{changed}");
    assert!(changed.contains("共 1 人有变化"), "{changed}");
    // The kept bytes did not move.
    ok(&db, &["submissions", "reprint", "1", "--pdf", path(&pdf2)]);
    assert_eq!(read(&pdf2), read(&pdf));
}

#[test]
fn a_draft_is_refused_and_nothing_is_recorded() {
    let (dir, db) = demo_db();
    let pdf = dir.path().join("草稿.pdf");
    let o = zicha(&db, &["submit", "--pdf", path(&pdf)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("定稿报送") && err.contains("人待核实，本表为草稿，不得报送"),
        "{err}"
    );
    assert!(!pdf.exists());
    assert!(ok(&db, &["submissions"]).contains("还没有报送记录"));
    // A draft annex1 prints as before and records nothing.
    ok(&db, &["annex1", "--pdf", path(&pdf)]);
    assert!(pdf.exists());
    assert!(ok(&db, &["submissions", "list"]).contains("还没有报送记录"));
    let o = zicha(&db, &["submissions", "reprint", "3"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("没有第3次报送"), "{}", stderr(&o));
}

#[test]
fn a_file_that_cannot_be_written_leaves_the_record_to_reprint_from() {
    let (dir, db) = final_db();
    let pdf = dir.path().join("正式.pdf");
    // A folder where the XLSX should go: the file cannot be written.
    let xlsx = dir.path().join("占用.xlsx");
    std::fs::create_dir(&xlsx).unwrap();
    let o = zicha(&db, &["submit", "--pdf", path(&pdf), "--xlsx", path(&xlsx)]);
    assert_ne!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.contains("第1次报送") && err.contains("重新打印"),
        "{err}"
    );
    assert!(!ok(&db, &["submissions"]).contains("还没有报送记录"));
    let again = dir.path().join("补印.xlsx");
    ok(
        &db,
        &["submissions", "reprint", "1", "--xlsx", path(&again)],
    );
    assert!(read(&again).starts_with(b"PK"));
}

#[test]
fn a_final_annex1_is_recorded_as_a_submission() {
    let (dir, db) = final_db();
    let pdf = dir.path().join("正式.pdf");
    let out = ok(
        &db,
        &["annex1", "--pdf", path(&pdf), "--date", "2024-07-12"],
    );
    assert!(
        out.contains("已生成 PDF") && out.contains("第1次报送"),
        "{out}"
    );
    let again = dir.path().join("再印.pdf");
    ok(&db, &["submissions", "reprint", "1", "--pdf", path(&again)]);
    assert_eq!(read(&again), read(&pdf));
}

#[test]
fn a_scan_is_checked_attached_and_packed_with_the_form() {
    let (dir, db) = final_db();
    let (pdf, xlsx) = (dir.path().join("a.pdf"), dir.path().join("a.xlsx"));
    ok(
        &db,
        &[
            "submit",
            "--pdf",
            path(&pdf),
            "--xlsx",
            path(&xlsx),
            "--date",
            "2024-07-12",
        ],
    );
    let out_dir = dir.path().join("邮件");
    let o = zicha(&db, &["submissions", "pack", "1", path(&out_dir)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("还没有签字盖章的扫描件"),
        "{}",
        stderr(&o)
    );

    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    png.extend_from_slice(&[7u8; 5000]);
    let scan = dir.path().join("盖章.png");
    std::fs::write(&scan, &png).unwrap();
    let liar = dir.path().join("盖章.pdf");
    std::fs::write(&liar, &png).unwrap();
    let o = zicha(&db, &["submissions", "scan", "1", path(&liar)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("不是扩展名所说的 PDF"),
        "{}",
        stderr(&o)
    );
    let word = dir.path().join("盖章.docx");
    std::fs::write(&word, b"PK").unwrap();
    assert_eq!(
        zicha(&db, &["submissions", "scan", "1", path(&word)])
            .status
            .code(),
        Some(2)
    );
    let big = dir.path().join("太大.jpg");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(20 * 1024 * 1024 + 1).unwrap();
    let o = zicha(&db, &["submissions", "scan", "1", path(&big)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("超过 20 MB"), "{}", stderr(&o));
    assert!(ok(&db, &["submissions"]).contains("缺少"));

    let out = ok(&db, &["submissions", "scan", "1", path(&scan)]);
    assert!(out.contains("已为第1次报送添加扫描件：盖章.png"), "{out}");
    let list = ok(&db, &["submissions"]);
    assert!(
        list.contains("盖章.png") && !list.contains("还没有签字盖章"),
        "{list}"
    );

    let out = ok(&db, &["submissions", "pack", "1", path(&out_dir)]);
    let folder = out_dir.join("东营市特种设备检验研究院_2024-07-12_附件1报送");
    assert!(out.contains(path(&folder)), "{out}");
    assert_eq!(read(&folder.join("a.pdf")), read(&pdf));
    assert_eq!(read(&folder.join("a.xlsx")), read(&xlsx));
    assert_eq!(read(&folder.join("附件1_签字盖章扫描件.png")), png);

    let store = Store::open(&db).unwrap();
    let entries = zicha::store::audit::for_entity(store.conn(), "报送记录").unwrap();
    assert!(entries.iter().any(|e| e.action == "添加扫描件"));
    let _ = stdout;
}

/// 核查批次: a decision made in campaign 1 does not apply in campaign 2, while
/// submission 1 (made in campaign 1) still reads, reprints and compares.
#[test]
fn a_new_campaign_leaves_the_decisions_behind_and_keeps_the_submissions() {
    let (dir, db) = final_db();
    ok(
        &db,
        &[
            "decide",
            "张三",
            "真实执业",
            "否",
            "--note",
            "实为兼职，见劳动合同",
        ],
    );
    let before = crate::cli_support::zicha(&db, &["check", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&before.stdout).unwrap();
    assert_eq!(v["rows"][0]["manual"], serde_json::json!(["practice"]));
    assert_eq!(v["rows"][0]["practice"], "否");
    let pdf = dir.path().join("一.pdf");
    let xlsx = dir.path().join("一.xlsx");
    ok(&db, &["submit", "--pdf", path(&pdf), "--xlsx", path(&xlsx)]);
    assert!(ok(&db, &["campaign"]).contains("当前核查批次：第1批，核查基准日 2024-07-10"));

    let o = zicha(&db, &["campaign", "new", "--date", "2024-07-10"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("应晚于当前的 2024-07-10"),
        "{}",
        stderr(&o)
    );
    let o = zicha(&db, &["campaign", "new", "--date", "明年"]);
    assert_eq!(o.status.code(), Some(2));

    let out = ok(&db, &["campaign", "new", "--date", "2025-07-10"]);
    assert!(
        out.contains("已开始第2批：人工认定 1 条、疑点确认 0 条、手写说明 0 条留在第1批"),
        "{out}"
    );
    assert!(ok(&db, &["campaign"]).contains("第2批，核查基准日 2025-07-10"));
    let after = zicha(&db, &["check", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    assert_eq!(v["reference_date"], "2025-07-10");
    assert_eq!(
        v["rows"][0]["manual"],
        serde_json::json!([]),
        "no carry-over"
    );
    assert_eq!(v["rows"].as_array().unwrap().len(), 3, "the facts stay");

    let list = ok(&db, &["submissions", "list"]);
    assert!(list.contains("1\t第1批\t"), "{list}");
    let again = dir.path().join("一重印.pdf");
    ok(&db, &["submissions", "reprint", "1", "--pdf", path(&again)]);
    assert_eq!(read(&again), read(&pdf));
    let diff = ok(&db, &["submissions", "diff", "1"]);
    assert!(diff.contains("第1次报送"), "{diff}");

    let store = Store::open(&db).unwrap();
    assert!(store.verify_audit().unwrap().problem.is_none());
    let entries = zicha::store::audit::for_entity(store.conn(), "核查批次").unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, "新建核查批次");
    assert_eq!(
        store.load_roster().unwrap().persons[0]
            .decisions
            .manual
            .len(),
        0
    );
    let kept: i64 = store
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM campaign_decisions WHERE campaign = 1 AND kind = 'manual'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, 1, "campaign 1's decision stays readable");
}

/// Runs `sql` on the database with another program (rusqlite), as somebody
/// changing the file behind zicha's back would.
fn tamper(db: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(sql).unwrap();
}

fn refused_as_altered(db: &Path, args: &[&str]) {
    let o = zicha(db, args);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("第1次报送的记录与修改记录不符，可能被改动过"),
        "{args:?}: {err}"
    );
}

/// The 定稿报送 entry in the 修改记录 holds the SHA-256 of the snapshot and of
/// both files: a row changed with SQL (its snapshot, or a file together with
/// its hash column) is refused by 重新打印, 对比 and 打包报送, nothing written.
#[test]
fn a_submission_changed_with_sql_is_refused_against_the_trail() {
    let (dir, db) = final_db();
    let (pdf, xlsx) = (dir.path().join("a.pdf"), dir.path().join("a.xlsx"));
    ok(&db, &["submit", "--pdf", path(&pdf), "--xlsx", path(&xlsx)]);
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    png.extend_from_slice(&[7u8; 500]);
    let scan = dir.path().join("盖章.png");
    std::fs::write(&scan, &png).unwrap();
    ok(&db, &["submissions", "scan", "1", path(&scan)]);
    let store = Store::open(&db).unwrap();
    let entries = zicha::store::audit::for_entity(store.conn(), "报送记录").unwrap();
    assert!(
        entries[0]
            .new_value
            .as_deref()
            .is_some_and(|v| v.contains("；快照 SHA-256 ")),
        "{entries:?}"
    );
    drop(store);
    let again = dir.path().join("重印.pdf");
    let out_dir = dir.path().join("邮件");
    let reprint = ["submissions", "reprint", "1", "--pdf", path(&again)];
    let pack = ["submissions", "pack", "1", path(&out_dir)];

    // The snapshot: one person said 否 where the form said 是.
    tamper(
        &db,
        "UPDATE submissions SET snapshot = replace(snapshot, '\"practice\":\"是\"', '\"practice\":\"否\"')",
    );
    refused_as_altered(&db, &reprint);
    refused_as_altered(&db, &["submissions", "diff", "1"]);
    refused_as_altered(&db, &pack);
    assert!(!again.exists() && !out_dir.exists());
    let o = zicha(&db, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("修改记录校验未通过：第1次报送的记录与修改记录不符"),
        "{}",
        stderr(&o)
    );
    tamper(
        &db,
        "UPDATE submissions SET snapshot = replace(snapshot, '\"practice\":\"否\"', '\"practice\":\"是\"')",
    );
    ok(&db, &reprint);
    assert_eq!(read(&again), read(&pdf));
    std::fs::remove_file(&again).unwrap();
    ok(&db, &["audit", "verify"]);

    // Another PDF with its hash: consistent in the row, not with the trail.
    let forged = zicha::store::submissions::sha256_hex(b"%PDF-1.7 forged");
    tamper(
        &db,
        &format!(
            "UPDATE submissions SET pdf = CAST('%PDF-1.7 forged' AS BLOB), pdf_sha256 = '{forged}'"
        ),
    );
    refused_as_altered(&db, &reprint);
    assert!(!again.exists());
    let back = zicha::store::submissions::sha256_hex(&read(&pdf));
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE submissions SET pdf = ?1, pdf_sha256 = ?2",
        rusqlite::params![read(&pdf), back],
    )
    .unwrap();
    drop(conn);
    ok(&db, &reprint);

    // The scan, with its hash: 打包报送 refuses it.
    tamper(
        &db,
        &format!(
            "UPDATE submission_scans SET content = zeroblob(508), sha256 = '{}'",
            zicha::store::submissions::sha256_hex(&[0u8; 508])
        ),
    );
    refused_as_altered(&db, &pack);
    assert!(!out_dir.exists());
}

/// A submission recorded before the snapshot's hash went into the 修改记录
/// (its entry names the two files only) still reprints, its files checked
/// against what the entry holds.
#[test]
fn a_submission_from_before_the_snapshot_hash_still_reprints() {
    use zicha::store::audit_chain;
    let (dir, db) = final_db();
    let (pdf, xlsx) = (dir.path().join("a.pdf"), dir.path().join("a.xlsx"));
    ok(&db, &["submit", "--pdf", path(&pdf), "--xlsx", path(&xlsx)]);
    // Rewrite the entry as the earlier version wrote it, its chain intact.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (mut e, prev, _) = audit_chain::read_rows(&conn, "WHERE action = '定稿报送'", [])
        .unwrap()
        .remove(0);
    let said = e.new_value.clone().unwrap();
    let cut = said.find("；快照 SHA-256 ").unwrap();
    e.new_value = Some(said[..cut].to_string());
    let hash = audit_chain::entry_hash(&prev.unwrap(), &e);
    let last: i64 = conn
        .query_row("SELECT max(id) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(last, e.id, "the submission is the newest entry");
    conn.execute(
        "UPDATE audit_log SET new_value = ?1, hash = ?2 WHERE id = ?3",
        rusqlite::params![e.new_value, hash, e.id],
    )
    .unwrap();
    conn.execute("UPDATE audit_head SET hash = ?1", [&hash])
        .unwrap();
    drop(conn);
    assert!(
        Store::open(&db)
            .unwrap()
            .verify_audit()
            .unwrap()
            .problem
            .is_none()
    );
    ok(&db, &["audit", "verify"]);
    let again = dir.path().join("重印.pdf");
    ok(&db, &["submissions", "reprint", "1", "--pdf", path(&again)]);
    assert_eq!(read(&again), read(&pdf));
    // Its files are still checked against the entry.
    let forged = zicha::store::submissions::sha256_hex(b"%PDF-1.7 forged");
    tamper(
        &db,
        &format!(
            "UPDATE submissions SET pdf = CAST('%PDF-1.7 forged' AS BLOB), pdf_sha256 = '{forged}'"
        ),
    );
    refused_as_altered(&db, &["submissions", "reprint", "1", "--pdf", path(&again)]);
}
