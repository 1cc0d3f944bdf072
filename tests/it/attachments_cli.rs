//! `zicha attach`, `attachments` and `archive export` on the demo roster:
//! refusals that store nothing, removal with a note, a round trip through
//! backup and restore, a tampered file named at open, and the archive folder.

use std::path::{Path, PathBuf};

use super::annex1_support::pdf_pages;
use super::cli_support::{demo_db, ok, stderr, stdout, zicha};

fn pdf(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("%PDF-1.7\n{text}\n%%EOF\n")).unwrap();
    path
}

fn jpg(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4]).unwrap();
    path
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn blob_folder(db: &Path) -> PathBuf {
    db.with_file_name(format!(
        "{}.附件",
        db.file_stem().unwrap().to_string_lossy()
    ))
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

#[test]
fn attach_list_and_remove_with_a_note() {
    let (dir, db) = demo_db();
    let record = pdf(dir.path(), "王建国学历备案表.pdf", "备案表");
    let contract = jpg(dir.path(), "扫描1.jpg");
    let out = ok(&db, &["attach", "王建国", arg(&record), arg(&contract)]);
    assert!(out.contains("王建国学历备案表.pdf（学历备案表"), "{out}");
    assert!(out.contains("扫描1.jpg（其他"), "{out}");
    let out = ok(
        &db,
        &[
            "attach",
            "370502197803120117",
            arg(&contract),
            "--kind",
            "劳动合同",
        ],
    );
    assert!(out.contains("劳动合同"), "{out}");
    let list = ok(&db, &["attachments", "王建国"]);
    let rows: Vec<&str> = list
        .lines()
        .filter(|l| l.starts_with(char::is_numeric))
        .collect();
    assert_eq!(rows.len(), 3, "{list}");
    assert!(
        rows[0].starts_with("1\t学历备案表\t王建国学历备案表.pdf\t"),
        "{list}"
    );
    assert!(
        rows[2].contains("劳动合同") && rows[2].contains("测试"),
        "{list}"
    );

    // Removing needs a note, and a number that exists.
    let o = zicha(&db, &["attachments", "王建国", "--remove", "2"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = zicha(
        &db,
        &["attachments", "王建国", "--remove", "9", "--note", "错"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("序号为 9"), "{}", stderr(&o));
    ok(
        &db,
        &[
            "attachments",
            "王建国",
            "--remove",
            "2",
            "--note",
            "类别选错，已重新添加",
        ],
    );
    let list = ok(&db, &["attachments", "王建国"]);
    assert!(list.contains("已移除：类别选错，已重新添加"), "{list}");
    let trail = dir.path().join("修改记录.xlsx");
    ok(&db, &["audit", "export", arg(&trail)]);
    ok(&db, &["audit", "verify"]);
}

#[test]
fn refused_files_store_nothing() {
    let (dir, db) = demo_db();
    let good = pdf(dir.path(), "好的.pdf", "好");
    let renamed = dir.path().join("其实是图片.pdf");
    std::fs::write(&renamed, [0xFF, 0xD8, 0xFF, 0xE0]).unwrap();
    let word = dir.path().join("说明.docx");
    std::fs::write(&word, b"PK\x03\x04").unwrap();
    let big = dir.path().join("整本扫描.pdf");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(20 * 1024 * 1024 + 1)
        .unwrap();
    for (bad, words) in [
        (&renamed, "内容不是 PDF"),
        (&word, "PDF、JPG、PNG、OFD"),
        (&big, "20 MB"),
    ] {
        let o = zicha(&db, &["attach", "王建国", arg(&good), arg(bad)]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let e = stderr(&o);
        let name = bad.file_name().unwrap().to_str().unwrap();
        assert!(e.contains(name) && e.contains(words), "{e}");
    }
    assert!(ok(&db, &["attachments", "王建国"]).contains("还没有附件"));
    assert_eq!(count_files(&blob_folder(&db)), 0);
    let o = zicha(&db, &["attach", "王建国", arg(&good), "--kind", "毕业照"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("附件类别"), "{}", stderr(&o));
}

#[test]
fn backup_and_restore_bring_the_files_back_identical() {
    let (dir, db) = demo_db();
    let record = pdf(dir.path(), "备案表.pdf", "王建国的备案表");
    let original = std::fs::read(&record).unwrap();
    ok(&db, &["attach", "王建国", arg(&record)]);
    let copy = dir.path().join("U盘").join("台账备份.db");
    ok(&db, &["backup", arg(&copy)]);
    assert_eq!(count_files(&copy.with_file_name("附件")), 1);
    std::fs::remove_dir_all(blob_folder(&db)).unwrap();
    // The missing file is named at open; the roster still opens.
    let o = zicha(&db, &["attachments", "王建国"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("注意：附件“备案表.pdf”（王建国，学历备案表）文件不见了"),
        "{}",
        stderr(&o)
    );
    ok(&db, &["restore", arg(&copy)]);
    let o = zicha(&db, &["attachments", "王建国"]);
    assert!(!stderr(&o).contains("附件“"), "{}", stderr(&o));
    let folder = blob_folder(&db);
    let blob = std::fs::read_dir(&folder).unwrap().next().unwrap().unwrap();
    assert_eq!(std::fs::read(blob.path()).unwrap(), original);

    // Tampered with the same size: named at the day's first start.
    let mut altered = original.clone();
    altered[12] ^= 1;
    std::fs::write(blob.path(), &altered).unwrap();
    for b in std::fs::read_dir(db.with_file_name("backups"))
        .unwrap()
        .flatten()
    {
        if b.path().extension().is_some_and(|e| e == "db") {
            std::fs::remove_file(b.path()).unwrap();
        }
    }
    let o = zicha(&db, &["attachments", "王建国"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("备案表.pdf") && stderr(&o).contains("改动"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("备案表.pdf"));
}

#[test]
fn the_archive_has_a_folder_per_person_with_files_and_a_page() {
    let (dir, db) = demo_db();
    let record = pdf(dir.path(), "备案表.pdf", "备案表");
    let title = jpg(dir.path(), "职称证书.jpg");
    ok(&db, &["attach", "王建国", arg(&record), arg(&title)]);
    ok(&db, &["attach", "王建国", arg(&record), "--kind", "其他"]);
    let out = dir.path().join("核查档案");
    let said = ok(&db, &["archive", "export", arg(&out)]);
    assert!(said.contains("附件 3 个"), "{said}");
    let mut folders: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert_eq!(folders.len(), 35, "{folders:?}");
    let wang = folders.iter().find(|f| f.ends_with("_王建国")).unwrap();
    assert!(wang.starts_with(char::is_numeric), "{wang}");
    let mut files: Vec<String> = std::fs::read_dir(out.join(wang))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "备案表.pdf",
            "备案表（2）.pdf",
            "核查情况.pdf",
            "职称证书.jpg"
        ]
    );
    assert_eq!(
        std::fs::read(out.join(wang).join("备案表.pdf")).unwrap(),
        std::fs::read(&record).unwrap()
    );
    let pages = pdf_pages(&std::fs::read(out.join(wang).join("核查情况.pdf")).unwrap());
    assert_eq!(pages.len(), 1);
    let text = pages[0].joined();
    for words in [
        "人员核查情况",
        "王建国",
        "核查结论",
        "初次取证时提交的学历是否真实",
        "备案表（2）.pdf",
        "职称证书",
        // 备案表.pdf (1) is cited for 学历 by its category, 职称证书.jpg (2) for 职称.
        "佐证附件：第 1 项",
        "佐证附件：第 2 项",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
    // A folder that is not empty is refused.
    let o = zicha(&db, &["archive", "export", arg(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("不是空的"), "{}", stderr(&o));
}

#[test]
fn a_file_is_cited_for_a_verdict_and_the_citation_taken_back() {
    let (dir, db) = demo_db();
    let letter = pdf(dir.path(), "单位证明.pdf", "证明");
    ok(&db, &["attach", "王建国", arg(&letter)]);
    let list = ok(&db, &["attachments", "王建国"]);
    assert!(list.contains("\t作为依据"), "{list}");
    assert!(list.contains("单位证明.pdf"), "{list}");
    assert!(
        list.contains("缺少佐证：真实执业为“是”，但没有作为依据的附件"),
        "{list}"
    );

    let said = ok(&db, &["cite", "王建国", "1", "真实执业"]);
    assert!(
        said.contains("已将 王建国 的“单位证明.pdf”作为真实执业的依据"),
        "{said}"
    );
    let list = ok(&db, &["attachments", "王建国"]);
    let row = list.lines().find(|l| l.starts_with("1\t")).unwrap();
    assert!(row.ends_with("\t真实执业"), "{list}");
    assert!(!list.contains("缺少佐证：真实执业"), "{list}");
    let said = ok(&db, &["cite", "王建国", "1", "真实执业"]);
    assert!(said.contains("未作改动"), "{said}");

    ok(&db, &["cite", "王建国", "1", "执业", "--remove"]);
    let list = ok(&db, &["attachments", "王建国"]);
    assert!(list.contains("缺少佐证：真实执业"), "{list}");

    // A verdict that is not one of the three, a number that is not there.
    let o = zicha(&db, &["cite", "王建国", "1", "学位"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("核查项目"), "{}", stderr(&o));
    let o = zicha(&db, &["cite", "王建国", "5", "学历"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("序号为 5"), "{}", stderr(&o));
}
