//! Annex 2's rules one at a time, through the `zicha` binary, on small
//! hand-filled Annex 1 and roster workbooks (docs/ANNEX2.md): drafts, the
//! rewritten list (二), 人员条件未配置, the same agency twice, 已注销资质 under
//! 职称, social insurance paid by another received agency.

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::Reader;
use serde_json::Value;

use crate::annex1_support::pdf_pages;
use crate::annex2::{HandForm, hand_filled, hand_form, n, totals};
use crate::cli_support::{ok, stderr, zicha};
use crate::roster_gen;
use crate::workbook_support::{row, write_book};
use zicha::annex2::figures::{ENTERED, figure_key};

const C: &str = "丙市锅炉压力容器检验所";

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn check_json(db: &Path) -> Value {
    serde_json::from_str(&ok(db, &["annex2", "check", "--json"])).unwrap()
}

/// The regulator's 单位名称 and every figure it enters.
fn enter_everything(db: &Path) {
    ok(
        db,
        &["annex2", "set", "单位名称", "东营市某区市场监督管理局"],
    );
    for (row, side) in ENTERED {
        ok(db, &["annex2", "set", &figure_key(row, side), "1"]);
    }
}

fn pdf_text(pdf: &Path) -> String {
    pdf_pages(&std::fs::read(pdf).unwrap())
        .iter()
        .map(|p| p.joined())
        .collect()
}

/// Every cell text of the XLSX, read back with calamine.
fn xlsx_cells(xlsx: &Path) -> Vec<String> {
    xlsx_rows(xlsx).into_iter().flatten().collect()
}

/// The XML of the XLSX's first sheet (its page header is not a cell).
fn sheet_xml(xlsx: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn a_draft_annex1_is_left_out_of_the_totals_and_makes_annex2_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("丙.xlsx");
    hand_filled(&c);
    let d = dir.path().join("丁.xlsx");
    hand_form(
        &d,
        &HandForm {
            agency: "丁检测有限公司",
            date: "2024年7月9日",
            staffing: "否（UT缺1人）",
            rows: &[
                ["郑和", "是", "待核实", "是", ""],
                ["王五", "否", "是", "否", "整改情况：已注销资质"],
            ],
        },
    );
    let s = dir.path().join("辖区汇总.db");
    let out = ok(&s, &["annex2", "add", path(&c), path(&d)]);
    assert!(out.contains("草稿，不计入汇总"), "{out}");
    // Only 丙 counts: 1 agency, 3 persons, its 1 practice problem, no title problem.
    let t = totals(&s);
    assert_eq!(n(&t["组织开展自查的机构总数"]), 1);
    assert_eq!(n(&t["排查特种设备检验检测人员人数"]), 3);
    assert_eq!(n(&t["发现真实执业存在问题人数"]["人数"]), 1);
    assert_eq!(n(&t["发现职称存在问题人数"]["人数"]), 0);
    assert_eq!(n(&t["发现职称存在问题人数"]["已注销资质"]), 0);
    let staffing = "发现人员资源条件不满足《核准规则》规定的检验检测机构数量";
    assert_eq!(n(&t[staffing]["家数"]), 1);
    let doc = check_json(&s);
    assert_eq!(doc["agencies"][1]["name"], "丁检测有限公司");
    assert_eq!(doc["agencies"][1]["draft"], true);
    assert_eq!(doc["agencies"][0]["draft"], false);

    // Everything entered: still a draft, because of 丁.
    enter_everything(&s);
    let (pdf, xlsx) = (dir.path().join("附件2.pdf"), dir.path().join("附件2.xlsx"));
    let out = ok(
        &s,
        &[
            "annex2",
            "print",
            "--pdf",
            path(&pdf),
            "--xlsx",
            path(&xlsx),
            "--date",
            "2024-07-15",
        ],
    );
    let line = "尚有 1 份附件1为草稿，本表为草稿，不得报送";
    assert!(out.contains(line), "{out}");
    assert!(out.contains("草稿附件1：丁检测有限公司"), "{out}");
    let text = pdf_text(&pdf);
    assert!(text.contains(line), "{text}");
    assert!(text.contains(C));
    assert!(
        !text.contains("丁检测有限公司"),
        "a draft is not in list (二)"
    );
    let cells = xlsx_cells(&xlsx);
    assert!(cells.iter().any(|c| c == line), "{cells:?}");
    assert!(!cells.iter().any(|c| c.contains("丁检测有限公司")));
    assert!(sheet_xml(&xlsx).contains(line), "the page header");

    // 丁's final form replaces its draft: Annex 2 is final.
    hand_form(
        &d,
        &HandForm {
            agency: "丁检测有限公司",
            date: "2024年7月12日",
            staffing: "是",
            rows: &[
                ["郑和", "是", "是", "是", ""],
                ["王五", "否", "是", "否", "整改情况：已注销资质"],
            ],
        },
    );
    ok(&s, &["annex2", "add", path(&d)]);
    let t = totals(&s);
    assert_eq!(n(&t["组织开展自查的机构总数"]), 2);
    assert_eq!(n(&t["发现职称存在问题人数"]["已注销资质"]), 1);
    let out = ok(
        &s,
        &[
            "annex2",
            "print",
            "--pdf",
            path(&pdf),
            "--xlsx",
            path(&xlsx),
        ],
    );
    assert!(out.contains("正式表"), "{out}");
    assert!(!pdf_text(&pdf).contains("草稿"));
    assert!(!xlsx_cells(&xlsx).iter().any(|c| c.contains("草稿")));
}

#[test]
fn list_two_is_rewritten_marked_and_reset_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("丙.xlsx");
    hand_filled(&c);
    let s = dir.path().join("辖区汇总.db");
    ok(&s, &["annex2", "add", path(&c)]);
    let pdf = dir.path().join("附件2.pdf");
    let print = || {
        ok(&s, &["annex2", "print", "--pdf", path(&pdf)]);
        pdf_text(&pdf)
    };
    let generated = "真实执业存在问题1人（钱多多）；学历存在问题1人（孙立）";
    assert!(print().contains(generated));

    // Nothing to write: refused, naming what to give.
    let o = zicha(&s, &["annex2", "edit", C]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--problems"), "{}", stderr(&o));
    // An agency not received: refused, saying where the names are.
    let o = zicha(&s, &["annex2", "edit", "戊检验所", "--problems", "无"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("没有接收过“戊检验所”的附件1"),
        "{}",
        stderr(&o)
    );

    // The name as the clerk types it (with spaces) finds the agency.
    let out = ok(
        &s,
        &[
            "annex2",
            "edit",
            " 丙市锅炉压力容器检验所 ",
            "--problems",
            "钱多多社保在外单位；孙立学历不实",
        ],
    );
    assert!(out.contains("标为手工改写"), "{out}");
    let text = print();
    assert!(text.contains("钱多多社保在外单位；孙立学历不实"), "{text}");
    assert!(!text.contains(generated));
    // `annex2 list` shows list (二) as printed, the rewritten text marked.
    let listed = ok(&s, &["annex2", "list"]);
    assert!(
        listed.contains(
            "（二）存在问题的特种设备检验检测机构和考试机构清单\n1. 丙市锅炉压力容器检验所\n"
        ),
        "{listed}"
    );
    assert!(
        listed.contains("存在问题说明：钱多多社保在外单位；孙立学历不实【已手工改写】\n"),
        "{listed}"
    );
    assert!(
        listed.contains("整改情况说明：已取消执业公示1人（钱多多）；已注销资质1人（孙立）\n"),
        "{listed}"
    );
    // The other text stays generated.
    assert!(text.contains("已取消执业公示1人（钱多多）；已注销资质1人（孙立）"));
    // A second edit of the other text keeps the first.
    ok(
        &s,
        &["annex2", "edit", C, "--rectification", "均已整改到位"],
    );
    let text = print();
    assert!(text.contains("钱多多社保在外单位；孙立学历不实"));
    assert!(text.contains("均已整改到位"));

    ok(&s, &["annex2", "edit", C, "--reset"]);
    let text = print();
    assert!(text.contains(generated), "{text}");
    assert!(!text.contains("均已整改到位"));
    let listed = ok(&s, &["annex2", "list"]);
    assert!(
        listed.contains(&format!("存在问题说明：{generated}")),
        "{listed}"
    );
    assert!(!listed.contains("已手工改写"), "{listed}");
    assert!(zicha(&s, &["audit", "verify"]).status.success());
}

#[test]
fn staffing_not_configured_is_a_mismatch_and_not_counted_as_no() {
    let dir = tempfile::tempdir().unwrap();
    let e = dir.path().join("戊.xlsx");
    hand_form(
        &e,
        &HandForm {
            agency: "戊检验所",
            date: "2024年7月8日",
            staffing: "未配置",
            rows: &[["赵一", "是", "是", "是", ""]],
        },
    );
    let s = dir.path().join("辖区汇总.db");
    ok(&s, &["annex2", "add", path(&e)]);
    let doc = check_json(&s);
    let agency = &doc["agencies"][0];
    assert_eq!(agency["staffing"], "未配置");
    let mismatches: Vec<&str> = agency["mismatches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(mismatches, ["人员条件未配置"]);
    let staffing = "发现人员资源条件不满足《核准规则》规定的检验检测机构数量";
    assert_eq!(n(&doc["totals"][staffing]["家数"]), 0);
    assert!(ok(&s, &["annex2", "list"]).contains("核对：人员条件未配置"));
}

/// 丙's form as `agency` spells it, on `date`, item 4 `staffing` (to tell
/// the versions apart).
fn c_on(path: &Path, agency: &str, date: &str, staffing: &str) {
    hand_form(
        path,
        &HandForm {
            agency,
            date,
            staffing,
            rows: &[["周正", "是", "是", "是", ""]],
        },
    );
}

fn staffing_of_c(db: &Path) -> Value {
    check_json(db)["agencies"][0]["staffing"].clone()
}

#[test]
fn the_later_fill_date_is_current_and_on_equal_dates_the_later_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let file = |tag: &str| dir.path().join(format!("丙-{tag}.xlsx"));
    let (later, earlier, same_day) = (file("later"), file("earlier"), file("same-day"));
    c_on(&later, C, "2024年7月10日", "是");
    c_on(&earlier, C, "2024-07-01", "否（RT缺1人）");
    let s = dir.path().join("辖区汇总.db");
    ok(&s, &["annex2", "add", path(&later)]);
    let out = ok(&s, &["annex2", "add", path(&earlier)]);
    assert!(
        out.contains("填报日期早于该机构已接收的文件，仅存为历史"),
        "{out}"
    );
    assert_eq!(staffing_of_c(&s), "是", "the later 填报日期 stays current");
    assert_eq!(check_json(&s)["agencies"].as_array().unwrap().len(), 1);
    assert!(ok(&s, &["annex2", "list"]).contains("历史：1 份"));

    // Spelled with a space: the same unit after the normalisation of unit names.
    c_on(
        &same_day,
        "丙市 锅炉压力容器检验所",
        "2024年7月10日",
        "否（UT缺1人）",
    );
    let out = ok(&s, &["annex2", "add", path(&same_day)]);
    assert!(out.contains("替换该机构此前接收的文件"), "{out}");
    assert_eq!(staffing_of_c(&s), "否", "equal dates: the later receipt");
    assert!(ok(&s, &["annex2", "list"]).contains("历史：2 份"));
    assert_eq!(n(&totals(&s)["组织开展自查的机构总数"]), 1);
}

#[test]
fn a_qualification_cancelled_for_a_false_title_counts_under_title() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("己.xlsx");
    hand_form(
        &f,
        &HandForm {
            agency: "己检测公司",
            date: "2024年7月8日",
            staffing: "是",
            rows: &[
                [
                    "冯一",
                    "是",
                    "是",
                    "否",
                    "职称证书伪造。整改情况：已注销资质",
                ],
                ["冯二", "是", "是", "否", "整改情况：整改中"],
                ["冯三", "是", "否", "是", "整改情况：已整改"],
            ],
        },
    );
    let s = dir.path().join("辖区汇总.db");
    ok(&s, &["annex2", "add", path(&f)]);
    let t = totals(&s);
    assert_eq!(n(&t["发现职称存在问题人数"]["人数"]), 2);
    assert_eq!(n(&t["发现职称存在问题人数"]["已注销资质"]), 1);
    assert_eq!(n(&t["发现学历存在问题人数"]["人数"]), 1);
    assert_eq!(n(&t["发现学历存在问题人数"]["已注销资质"]), 0);
    assert_eq!(n(&t["发现真实执业存在问题人数"]["已取消执业公示"]), 0);
}

/// A roster workbook without 单位信息: one person and who paid the
/// social insurance of each month.
fn bare_roster(
    dir: &Path,
    tag: &str,
    name: &'static str,
    id: String,
    payer: &'static str,
) -> PathBuf {
    let id: &'static str = Box::leak(id.into_boxed_str());
    let book = dir.join(format!("{tag}.xlsx"));
    write_book(
        &book,
        &[
            ("人员", vec![row(&["姓名", "身份证号"]), row(&[name, id])]),
            (
                "社保",
                vec![
                    row(&["姓名", "身份证号", "缴费月份", "缴费单位"]),
                    row(&[name, id, "2024-05", payer]),
                    row(&[name, id, "2024-06", payer]),
                ],
            ),
        ],
    );
    book
}

#[test]
fn social_insurance_paid_by_another_received_agency_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let id = roster_gen::id_number(1);
    let a = bare_roster(dir.path(), "甲", "郑和", id.clone(), "乙检测有限公司");
    let b = bare_roster(dir.path(), "乙", "孔明", roster_gen::id_number(2), "");
    let s = dir.path().join("辖区汇总.db");
    ok(&s, &["annex2", "add", path(&a), "--agency", "甲检验院"]);
    ok(
        &s,
        &["annex2", "add", path(&b), "--agency", "乙检测有限公司"],
    );
    let doc = check_json(&s);
    let cross = doc["cross_agency"].as_array().unwrap();
    assert_eq!(cross.len(), 1, "{cross:?}");
    let f = &cross[0];
    assert_eq!(f["kind"], "si_paid_by_other");
    assert_eq!(f["name"], "郑和");
    assert_eq!(f["id_number"], id.as_str());
    assert_eq!(f["agencies"][0]["agency"], "甲检验院");
    assert!(
        f["note"].as_str().unwrap().contains("乙检测有限公司"),
        "{f}"
    );
    let out = ok(&s, &["annex2", "crosscheck"]);
    assert!(out.contains("郑和"), "{out}");
}

/// The rows of every sheet of an XLSX, each as its cell texts (calamine).
fn xlsx_rows(xlsx: &Path) -> Vec<Vec<String>> {
    let mut book = calamine::open_workbook_auto(xlsx).unwrap();
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        out.extend(
            range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>()),
        );
    }
    out
}

#[test]
fn an_exam_institution_is_removed_by_name_in_the_trail() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("辖区汇总.db");
    let centre = "东营市特种设备作业人员考试中心";
    ok(
        &s,
        &[
            "annex2",
            "exam",
            "add",
            centre,
            "--problems",
            "考场监控记录不全",
        ],
    );
    ok(&s, &["annex2", "exam", "add", "某考试中心"]);
    assert_eq!(n(&totals(&s)["开展监督检查的考试机构数量"]), 2);
    let o = zicha(&s, &["annex2", "exam", "remove", "不存在的考试中心"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("没有名为“不存在的考试中心”的考试机构"),
        "{}",
        stderr(&o)
    );

    let out = ok(
        &s,
        &[
            "annex2",
            "exam",
            "remove",
            " 东营市特种设备作业人员考试中心 ",
        ],
    );
    assert!(out.contains(&format!("已删除考试机构：{centre}")), "{out}");
    assert_eq!(n(&totals(&s)["开展监督检查的考试机构数量"]), 1);
    let listed = ok(&s, &["annex2", "list"]);
    assert!(listed.contains("1. 某考试中心（考试机构）"), "{listed}");
    assert!(!listed.contains(centre), "{listed}");

    let trail = dir.path().join("修改记录.xlsx");
    ok(&s, &["audit", "export", path(&trail)]);
    let rows = xlsx_rows(&trail);
    let removed = rows.iter().find(|r| r.iter().any(|c| c == "删除"));
    let removed = removed.unwrap_or_else(|| panic!("{rows:?}"));
    assert!(removed.iter().any(|c| c.contains(centre)), "{removed:?}");
    assert!(
        removed.iter().any(|c| c.contains("考场监控记录不全")),
        "{removed:?}"
    );
    assert!(zicha(&s, &["audit", "verify"]).status.success());
}
