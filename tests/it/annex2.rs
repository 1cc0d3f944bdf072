//! Annex 2 end to end (issue 14), through the `zicha` binary: three agencies'
//! Annex 1 (two exported by zicha, one filled by hand in the official layout)
//! compile to known figures; an edited export is marked; a person in two
//! rosters is found; the PDF reads back; bad files are refused, nothing stored.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;
use serde_json::Value;

use crate::annex1_support::pdf_pages;
use crate::cli_support::{ok, stderr, zicha};
use crate::roster_gen;
use crate::workbook_support::{row, write_book};
use zicha::annex2::wording;

/// Decides every 待核实 verdict of the roster in `db` (so its Annex 1 is final).
fn finalise(db: &Path) {
    let report: Value = serde_json::from_str(&ok(db, &["check", "--json"])).unwrap();
    for row in report["rows"].as_array().unwrap() {
        let who = row["id_number"].as_str().unwrap();
        let who = if who.is_empty() {
            row["name"].as_str().unwrap()
        } else {
            who
        };
        for (key, word) in [
            ("practice", "真实执业"),
            ("diploma", "学历"),
            ("title", "职称"),
        ] {
            if row[key] == "待核实" {
                ok(db, &["decide", who, word, "是", "--note", "已补充核实"]);
            }
        }
    }
}

/// An agency's roster in `dir`, final, with its Annex 1 XLSX and roster export.
struct Agency {
    db: PathBuf,
    annex1: PathBuf,
    roster: PathBuf,
    summary: Value,
}

fn agency(dir: &Path, tag: &str, name: &str, from_demo: bool) -> Agency {
    let db = dir.join(format!("{tag}.db"));
    if from_demo {
        ok(&db, &["demo"]);
    } else {
        let book = dir.join(format!("{tag}-in.xlsx"));
        roster_gen::generate(&book, 6).unwrap();
        ok(&db, &["import", book.to_str().unwrap()]);
        ok(&db, &["settings", "set", "核查基准日", "2024-07-10"]);
    }
    ok(&db, &["settings", "set", "单位名称", name]);
    finalise(&db);
    let annex1 = dir.join(format!("{tag}-附件1.xlsx"));
    let out = ok(
        &db,
        &[
            "annex1",
            "--xlsx",
            annex1.to_str().unwrap(),
            "--date",
            "2024-07-10",
        ],
    );
    assert!(out.contains("正式表"), "{out}");
    let roster = dir.join(format!("{tag}-台账.xlsx"));
    ok(&db, &["export", roster.to_str().unwrap()]);
    let report: Value = serde_json::from_str(&ok(&db, &["check", "--json"])).unwrap();
    Agency {
        db,
        annex1,
        roster,
        summary: report["summary"].clone(),
    }
}

/// A hand-filled Annex 1: its 单位名称, 填报日期 as written, item 4, and its
/// rows (姓名, three verdicts, remark); the summary counts the rows.
pub(crate) struct HandForm<'a> {
    pub agency: &'a str,
    pub date: &'a str,
    pub staffing: &'a str,
    pub rows: &'a [[&'a str; 5]],
}

/// `form` in the official layout, its rows starting at B3.
pub(crate) fn hand_form(path: &Path, form: &HandForm<'_>) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let mut r = 2;
    let mut put = |cells: &[&str]| {
        for (c, t) in cells.iter().enumerate() {
            ws.write_string(r, 1 + c as u16, *t).unwrap();
        }
        r += 1;
    };
    let total = form.rows.len().to_string();
    let no = |k: usize| form.rows.iter().filter(|r| r[1 + k] == "否").count();
    let paid = (form.rows.len() - no(0)).to_string();
    let [practice, diploma, title] = [0, 1, 2].map(|k| no(k).to_string());
    put(&["附件1"]);
    put(&["特种设备检验检测机构自查情况统计表"]);
    put(&[&format!("单位名称（盖章）：{}", form.agency)]);
    put(&["（一）自查情况汇总"]);
    for (label, v) in [
        ("1.特种设备检验检测人员总数", total.as_str()),
        ("2.办理执业公示的特种设备检验检测人员数量", &total),
        ("3.持续缴纳社保的特种设备检验检测人员数量", &paid),
        (
            "4.是否持续满足《核准规则》规定的人员资源条件",
            form.staffing,
        ),
        ("共排查检验检测人员总数", &total),
        ("发现真实执业存在问题人数", &practice),
        ("发现学历存在问题人数", &diploma),
        ("发现职称存在问题人数", &title),
    ] {
        put(&[label, "", "", v]);
    }
    put(&["（二）本单位工作的特种设备检验检测人员排查清单（注1）"]);
    put(&[
        "序号",
        "姓名",
        "是否在本单位真实执业",
        "初次取证时提交的学历是否真实",
        "初次取证时提交的职称是否真实",
        "存在问题及整改情况说明",
    ]);
    for (i, row) in form.rows.iter().enumerate() {
        let seq = (i + 1).to_string();
        let mut cells = vec![seq.as_str()];
        cells.extend(row);
        put(&cells);
    }
    let date = format!("填报日期：{}", form.date);
    put(&["填表人姓名：吴敏", "", "联系电话：0546-1234567", "", &date]);
    put(&["（填报说明：1.检验检测机构应对本单位的全部持证检验检测人员逐人逐行填写排查清单）"]);
    wb.save(path).unwrap();
}

/// 丙's hand-filled Annex 1: three persons, one practice and one diploma problem.
pub(crate) fn hand_filled(path: &Path) {
    hand_form(
        path,
        &HandForm {
            agency: "丙市锅炉压力容器检验所",
            date: "2024年7月8日",
            staffing: "否（RT缺1人）",
            rows: &[
                [
                    "钱多多",
                    "否",
                    "是",
                    "-",
                    "社保由外单位缴纳。整改情况：已取消执业公示",
                ],
                ["孙立", "是", "否", "-", "学历查无。整改情况：已注销资质"],
                ["周正", "是", "是", "是", ""],
            ],
        },
    );
}

pub(crate) fn totals(db: &Path) -> Value {
    let doc: Value = serde_json::from_str(&ok(db, &["annex2", "check", "--json"])).unwrap();
    doc["totals"].clone()
}

pub(crate) fn n(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn three_agencies_compile_to_known_figures_and_the_pdf_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let a = agency(dir.path(), "a", "甲市特种设备检验研究院", true);
    let b = agency(dir.path(), "b", "乙安全检测有限公司", false);
    let c = dir.path().join("丙-附件1.xlsx");
    hand_filled(&c);
    let s = dir.path().join("辖区汇总.db");
    let path = |p: &Path| p.to_str().unwrap().to_string();
    ok(&s, &["annex2", "add", &path(&a.annex1), &path(&b.annex1)]);
    let ab = totals(&s);
    ok(&s, &["annex2", "add", &path(&c)]);
    let all = totals(&s);

    // A and B: Σ of their own summaries; C: the hand-filled numbers.
    let sum = |k: &str| n(&a.summary[k]) + n(&b.summary[k]);
    assert_eq!(n(&ab["组织开展自查的机构总数"]), 2);
    assert_eq!(n(&ab["排查特种设备检验检测人员人数"]), sum("checked"));
    assert_eq!(
        n(&ab["发现真实执业存在问题人数"]["人数"]),
        sum("practice_problems")
    );
    assert_eq!(
        n(&ab["发现学历存在问题人数"]["人数"]),
        sum("diploma_problems")
    );
    assert_eq!(
        n(&ab["发现职称存在问题人数"]["人数"]),
        sum("title_problems")
    );
    let delta = |k: &str, inner: Option<&str>| {
        let get = |v: &Value| n(inner.map_or(&v[k], |i| &v[k][i]));
        get(&all) - get(&ab)
    };
    assert_eq!(delta("组织开展自查的机构总数", None), 1);
    assert_eq!(delta("排查特种设备检验检测人员人数", None), 3);
    assert_eq!(delta("发现真实执业存在问题人数", Some("人数")), 1);
    assert_eq!(delta("发现真实执业存在问题人数", Some("已取消执业公示")), 1);
    assert_eq!(delta("发现学历存在问题人数", Some("人数")), 1);
    assert_eq!(delta("发现学历存在问题人数", Some("已注销资质")), 1);
    assert_eq!(delta("发现职称存在问题人数", Some("已注销资质")), 0);
    let staffing = "发现人员资源条件不满足《核准规则》规定的检验检测机构数量";
    assert_eq!(delta(staffing, Some("家数")), 1);
    let any = "发现真实执业、学历、职称存在问题的检验检测机构数量";
    assert_eq!(delta(any, Some("家数")), 1);
    assert!(all[any]["已整改"].is_null(), "not entered yet: {all}");
    assert!(all["立案处罚数量"].is_null());

    // Draft until every figure the regulator enters is set.
    ok(
        &s,
        &["annex2", "set", "单位名称", "东营市某区市场监督管理局"],
    );
    let out = ok(
        &s,
        &[
            "annex2",
            "print",
            "--pdf",
            &path(&dir.path().join("草稿.pdf")),
        ],
    );
    assert!(out.contains("尚有 7 项数字未填写"), "{out}");
    for key in [
        "发现人员资源条件不满足《核准规则》规定的检验检测机构数量（家）/已整改（家）",
        "发现真实执业、学历、职称存在问题的检验检测机构数量/已整改",
        "开展检验检测质量监督检查的机构数量",
        "其中：开展检验检测现场抽查的机构数量",
        "发现存在违法违规行为的检验检测机构数量",
        "下达安全监察指令书",
        "立案处罚数量（件）",
    ] {
        ok(&s, &["annex2", "set", key, "1"]);
    }
    ok(
        &s,
        &[
            "annex2",
            "exam",
            "add",
            "东营市特种设备作业人员考试中心",
            "--problems",
            "考场监控记录不全",
            "--rectification",
            "已整改",
        ],
    );
    assert_eq!(n(&totals(&s)["开展监督检查的考试机构数量"]), 1);
    let pdf = dir.path().join("附件2.pdf");
    let out = ok(
        &s,
        &[
            "annex2",
            "print",
            "--pdf",
            &path(&pdf),
            "--date",
            "2024-07-15",
        ],
    );
    assert!(out.contains("正式表"), "{out}");
    let text: String = pdf_pages(&std::fs::read(&pdf).unwrap())
        .iter()
        .map(|p| p.joined())
        .collect();
    assert!(!text.contains("草稿"));
    let mut labels = vec![
        wording::ANNEX,
        wording::TITLE,
        wording::PART1,
        wording::PART2,
    ];
    labels.extend([
        wording::GROUP_SELF,
        wording::GROUP_SUPERVISION,
        wording::NOTES_TEXT,
    ]);
    labels.extend(wording::LIST_COLUMNS);
    for r in wording::ROWS {
        labels.push(r.left);
        labels.extend(r.right);
    }
    for l in labels {
        assert!(text.contains(l), "{l} not in the PDF");
    }
    for name in [
        "东营市某区市场监督管理局",
        "丙市锅炉压力容器检验所",
        "东营市特种设备作业人员考试中心",
        "真实执业存在问题1人（钱多多）；学历存在问题1人（孙立）",
        "已取消执业公示1人（钱多多）；已注销资质1人（孙立）",
    ] {
        assert!(text.contains(name), "{name} not in the PDF");
    }
    // Every agency with a problem is in list (二) (the demo agency has some).
    assert!(text.contains("甲市特种设备检验研究院"));

    // The same agency again with a later 填报日期 replaces, the first kept as history.
    ok(
        &a.db,
        &["annex1", "--xlsx", &path(&a.annex1), "--date", "2024-07-12"],
    );
    let out = ok(&s, &["annex2", "add", &path(&a.annex1)]);
    assert!(out.contains("替换"), "{out}");
    assert_eq!(n(&totals(&s)["组织开展自查的机构总数"]), 3);
    assert!(ok(&s, &["annex2", "list"]).contains("历史：1 份"));
    // Every receipt and figure is in the 修改记录 chain, which verifies.
    assert!(zicha(&s, &["audit", "verify"]).status.success());
    assert!(b.roster.exists());
}

/// Rewrites one part (`xl/worksheets/sheet1.xml` …) of the XLSX with `edit`
/// (what a clerk does in Excel after the export).
fn edit_part(path: &Path, part: &str, edit: impl Fn(String) -> String) {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut content = Vec::new();
            f.read_to_end(&mut content).unwrap();
            if name == part {
                content = edit(String::from_utf8(content).unwrap()).into_bytes();
            }
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(&content).unwrap();
        }
        w.finish().unwrap();
    }
    std::fs::write(path, out).unwrap();
}

/// Rewrites one cell value of the visible sheet inside the XLSX.
fn edit_cell(path: &Path, cell: &str, value: &str) {
    edit_part(path, "xl/worksheets/sheet1.xml", |xml| {
        let at = xml.find(&format!("r=\"{cell}\"")).unwrap();
        let v = at + xml[at..].find("<v>").unwrap() + 3;
        let end = v + xml[v..].find("</v>").unwrap();
        format!("{}{value}{}", &xml[..v], &xml[end..])
    });
}

#[test]
fn an_export_edited_in_excel_is_marked_and_its_visible_sheet_used() {
    let dir = tempfile::tempdir().unwrap();
    let a = agency(dir.path(), "a", "甲市特种设备检验研究院", true);
    let checked = n(&a.summary["checked"]);
    // 共排查检验检测人员总数 is the fifth summary row: sheet row 11, column E.
    edit_cell(&a.annex1, "E11", "99");
    let s = dir.path().join("辖区汇总.db");
    let out = ok(&s, &["annex2", "add", a.annex1.to_str().unwrap()]);
    assert!(out.contains("导出后被改动"), "{out}");
    let doc: Value = serde_json::from_str(&ok(&s, &["annex2", "check", "--json"])).unwrap();
    let agency = &doc["agencies"][0];
    assert_eq!(agency["edited_after_export"], true);
    assert_eq!(
        n(&agency["checked"]),
        99,
        "the visible sheet is what was signed"
    );
    let differences = agency["differences"].to_string();
    assert!(
        differences.contains(&format!(
            "共排查检验检测人员总数：导出时为“{checked}”，表上为“99”"
        )),
        "{differences}"
    );
    assert!(
        agency["mismatches"]
            .to_string()
            .contains("共排查检验检测人员总数为99")
    );
    assert!(ok(&s, &["annex2", "list"]).contains("导出后被改动"));
}

#[test]
fn an_export_whose_data_sheet_cannot_be_read_is_taken_from_its_visible_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let a = agency(dir.path(), "a", "甲市特种设备检验研究院", true);
    let checked = n(&a.summary["checked"]);
    // In Excel: the data sheet's second summary row deleted, and the visible
    // 共排查检验检测人员总数 changed.
    edit_part(&a.annex1, "xl/worksheets/sheet2.xml", |xml| {
        let at = xml.find("<row r=\"7\"").unwrap();
        let end = at + xml[at..].find("</row>").unwrap() + "</row>".len();
        format!("{}{}", &xml[..at], &xml[end..])
    });
    edit_cell(&a.annex1, "E11", "99");
    let s = dir.path().join("辖区汇总.db");
    let out = ok(&s, &["annex2", "add", a.annex1.to_str().unwrap()]);
    assert!(out.contains("导出后被改动"), "{out}");
    let doc: Value = serde_json::from_str(&ok(&s, &["annex2", "check", "--json"])).unwrap();
    let agency = &doc["agencies"][0];
    assert_eq!(agency["name"], "甲市特种设备检验研究院");
    assert_eq!(agency["edited_after_export"], true);
    let differences = agency["differences"].to_string();
    assert!(
        differences.contains("隐藏的数据表无法读取：格式不符（缺少汇总项"),
        "{differences}"
    );
    // The visible sheet's summary and its rows, as signed.
    assert_eq!(n(&agency["checked"]), 99);
    for key in ["practice_problems", "diploma_problems", "title_problems"] {
        assert_eq!(agency[key], a.summary[key], "{key}");
    }
    assert!(
        agency["mismatches"]
            .to_string()
            .contains(&format!("共排查检验检测人员总数为99，清单有{checked}行")),
        "{agency}"
    );
    assert_eq!(n(&doc["totals"]["组织开展自查的机构总数"]), 1);
}

/// A roster export of `n` generated persons under the 单位名称 `name`.
fn generated_roster(dir: &Path, tag: &str, n_persons: usize, name: &str) -> PathBuf {
    let book = dir.join(format!("{tag}-in.xlsx"));
    roster_gen::generate(&book, n_persons).unwrap();
    let db = dir.join(format!("{tag}.db"));
    ok(&db, &["import", book.to_str().unwrap()]);
    ok(&db, &["settings", "set", "单位名称", name]);
    let out = dir.join(format!("{tag}-台账.xlsx"));
    ok(&db, &["export", out.to_str().unwrap()]);
    out
}

#[test]
fn a_person_in_two_agencies_rosters_is_found() {
    let dir = tempfile::tempdir().unwrap();
    // Two generated rosters share the 身份证号 of their first three persons.
    let one = generated_roster(dir.path(), "one", 3, "甲检验院");
    let two = generated_roster(dir.path(), "two", 5, "乙检测公司");
    // A roster without a 单位信息 sheet: the clerk names the agency.
    let bare = dir.path().join("丁.xlsx");
    write_book(
        &bare,
        &[(
            "人员",
            vec![
                row(&["姓名", "身份证号"]),
                row(&["郑和", "11010519491231002X"]),
            ],
        )],
    );
    let s = dir.path().join("辖区汇总.db");
    let o = zicha(&s, &["annex2", "add", bare.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--agency"), "{}", stderr(&o));
    ok(
        &s,
        &["annex2", "add", bare.to_str().unwrap(), "--agency", "丁所"],
    );
    ok(
        &s,
        &[
            "annex2",
            "add",
            one.to_str().unwrap(),
            two.to_str().unwrap(),
        ],
    );
    // An Annex 1 alone (no 身份证号) matches by name only.
    let c = dir.path().join("丙-附件1.xlsx");
    hand_filled(&c);
    ok(&s, &["annex2", "add", c.to_str().unwrap()]);
    let doc: Value = serde_json::from_str(&ok(&s, &["annex2", "check", "--json"])).unwrap();
    let cross = doc["cross_agency"].as_array().unwrap();
    let same_id: Vec<&Value> = cross.iter().filter(|f| f["kind"] == "same_id").collect();
    assert_eq!(same_id.len(), 3, "{cross:?}");
    assert_eq!(same_id[0]["agencies"].as_array().unwrap().len(), 2);
    assert_eq!(same_id[0]["id_number"].as_str().unwrap().len(), 18);
    let xlsx = dir.path().join(wording::CROSS_FILE);
    let out = ok(
        &s,
        &["annex2", "crosscheck", "--xlsx", xlsx.to_str().unwrap()],
    );
    assert!(out.contains(wording::SAME_ID), "{out}");
    assert!(out.contains("附件1不含身份证号"), "{out}");
    let mut book = zicha::tabular::open(&xlsx).unwrap();
    let rows = book.rows(wording::CROSS_SHEET).unwrap();
    assert_eq!(rows.len(), 5, "the note, the header and three persons");
    assert!(rows[2].cells[3].text.contains("甲检验院"));
    assert!(rows[2].cells[3].text.contains("乙检测公司"));
}

#[test]
fn bad_files_are_refused_with_nothing_stored_and_kinds_do_not_mix() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("辖区汇总.db");
    let other = dir.path().join("名单.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet().write_string(0, 0, "姓名").unwrap();
    wb.save(&other).unwrap();
    let half = dir.path().join("半张表.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .write_string(0, 0, "单位名称（盖章）：某所")
        .unwrap();
    wb.save(&half).unwrap();
    let text = dir.path().join("说明.xlsx");
    std::fs::write(&text, "这不是工作簿").unwrap();
    let good = dir.path().join("丙-附件1.xlsx");
    hand_filled(&good);
    for (file, why) in [
        (&other, "这不是附件1"),
        (&half, "没有找到排查清单表头"),
        // The one reader reads a text file by its content: a table that is no Annex 1.
        (&text, "这不是附件1"),
    ] {
        // Even beside a good file: all or nothing.
        let o = zicha(
            &s,
            &[
                "annex2",
                "add",
                good.to_str().unwrap(),
                file.to_str().unwrap(),
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{file:?}");
        assert!(stderr(&o).contains(why), "{file:?}: {}", stderr(&o));
    }
    assert!(ok(&s, &["annex2", "list"]).contains("尚未接收任何文件"));
    // A roster command on the summary file, and annex2 on a roster, are refused.
    let o = zicha(&s, &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("是辖区汇总（附件2）数据库"),
        "{}",
        stderr(&o)
    );
    let roster = dir.path().join("台账.db");
    ok(&roster, &["settings", "set", "单位名称", "某所"]);
    let o = zicha(&roster, &["annex2", "list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("是本单位自查台账数据库"),
        "{}",
        stderr(&o)
    );
    // A figure must be a whole number; a computed figure cannot be set.
    let o = zicha(&s, &["annex2", "set", "立案处罚数量", "1.5"]);
    assert_eq!(o.status.code(), Some(2));
    let o = zicha(&s, &["annex2", "set", "组织开展自查的机构总数", "3"]);
    assert!(stderr(&o).contains("汇总得出"), "{}", stderr(&o));
}
