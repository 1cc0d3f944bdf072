//! Table tests of the sources: header spellings and month formats, 险种
//! filtering, payers and aliases, matching by 身份证号 alone, proofs, ledger
//! name splitting and findings.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::SourceKind;
use super::columns::Column;
use super::header::Located;
use super::plan::{Index, plan_months, plan_reports, split_names};
use super::records::{months, reports};
use crate::domain::{Person, PersonRecord, Roster, Settings, YearMonth};
use crate::tabular::{Cell, RawRow};

fn row(number: u32, cells: &[&str]) -> RawRow {
    RawRow {
        number,
        cells: cells.iter().map(|c| Cell::text(c)).collect(),
    }
}

/// A sheet whose header is row 1 and data rows follow.
fn located(kind: SourceKind, above: &[&[&str]], header: &[&str], data: &[&[&str]]) -> Located {
    let header_row = above.len() as u32 + 1;
    let mut columns = BTreeMap::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(c) = Column::for_header(h, kind) {
            columns.entry(c).or_insert(i);
        }
    }
    Located {
        sheet: "Sheet1".into(),
        header_row,
        headers: header.iter().map(|h| h.to_string()).collect(),
        columns,
        above: above
            .iter()
            .enumerate()
            .map(|(i, r)| row(i as u32 + 1, r))
            .collect(),
        rows: data
            .iter()
            .enumerate()
            .map(|(i, r)| row(header_row + 1 + i as u32, r))
            .collect(),
    }
}

fn person(id: i64, name: &str, idn: Option<&str>) -> PersonRecord {
    let mut p = Person::new(name);
    p.id = Some(id);
    p.id_number = idn.map(String::from);
    PersonRecord {
        person: p,
        decisions: Default::default(),
    }
}

fn roster() -> Roster {
    let settings = Settings {
        agency_name: "东营市特检院".into(),
        aliases: vec!["东营市特种设备检验研究院".into()],
        ..Default::default()
    };
    Roster {
        settings,
        staffing: Vec::new(),
        persons: vec![
            person(1, "张三", Some("370502199001011234")),
            person(2, "李四", Some("370502199002021234")),
            person(3, "王伟", None),
            person(4, "王伟", None),
            person(5, "赵六", None),
            person(6, "钱七", None),
            person(7, "王五", None),
        ],
    }
}

fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

#[test]
fn month_spellings_of_real_exports_are_read() {
    let at = located(
        SourceKind::Proof,
        &[],
        &["姓名", "证件号码", "费款所属期"],
        &[
            &["张三", "370502199001011234", "202307"],
            &["张三", "370502199001011234", "2023-08"],
            &["张三", "370502199001011234", "2023年09月"],
            &["张三", "370502199001011234", "2023.10"],
            &["张三", "370502199001011234", "2023/11"],
        ],
    );
    let read = months(&at);
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    let got: Vec<YearMonth> = read.rows.iter().flat_map(|r| r.months.clone()).collect();
    assert_eq!(got, (7..=11).map(|m| ym(2023, m)).collect::<Vec<_>>());
}

#[test]
fn a_bad_month_names_sheet_row_header_and_value() {
    let at = located(
        SourceKind::Proof,
        &[&["单位参保缴费明细"]],
        &["姓名", "缴费年月"],
        &[&["张三", "2023-13"], &["张三", "下月"]],
    );
    let read = months(&at);
    assert_eq!(read.errors.len(), 2);
    let e = read.errors[0].to_string();
    assert!(e.contains("工作表“Sheet1”第3行【缴费年月】"), "{e}");
    assert!(e.contains("2023-13"), "{e}");
}

#[test]
fn only_the_basic_pension_counts() {
    let at = located(
        SourceKind::Proof,
        &[],
        &["姓名", "所属期", "险种"],
        &[
            &["张三", "202401", "企业职工基本养老保险"],
            &["张三", "202401", "失业保险"],
            &["张三", "202401", "职业年金"],
            &["张三", "202402", "机关事业单位基本养老保险"],
        ],
    );
    let read = months(&at);
    assert_eq!(read.rows.len(), 2);
    assert_eq!(read.other_kinds, 2);
    assert_eq!(read.other_kind_names, vec!["失业保险", "职业年金"]);
}

#[test]
fn an_id_finds_alone_and_names_only_without_one() {
    let r = roster();
    let at = located(
        SourceKind::Proof,
        &[],
        &["姓名", "身份证号", "所属期", "参保单位"],
        &[
            // The ID finds 李四 although the name says 张三.
            &[
                "张三",
                "370502199002021234",
                "202401",
                "东营市特种设备检验研究院",
            ],
            // An ID nobody has: not matched by the name, listed.
            &["张三", "110101199001011234", "202401", "东营市特检院"],
            // No ID: a unique name matches.
            &["王五", "", "202401", "某人力资源公司"],
            // No ID, a name nobody has: listed, no error.
            &["孙八", "", "202401", ""],
        ],
    );
    let read = months(&at);
    let plan = plan_months(
        SourceKind::PaymentList,
        &at,
        &read.rows,
        &r,
        Vec::new(),
        "明细.xlsx",
        None,
        None,
    );
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    let ids: Vec<i64> = plan.persons.iter().map(|p| p.person_id).collect();
    assert_eq!(ids, vec![2, 7]);
    assert!(
        plan.persons[0].other_payers.is_empty(),
        "an alias is the agency"
    );
    assert_eq!(
        plan.persons[1].other_payers,
        vec![("某人力资源公司".to_string(), vec![ym(2024, 1)])]
    );
    let who: Vec<&str> = plan.unmatched.iter().map(|u| u.who.as_str()).collect();
    assert_eq!(who, vec!["张三（110101********1234）", "孙八"]);
    let origin = plan.persons[1].months[0].origin.clone().unwrap();
    assert_eq!((&*origin.file, origin.row), ("明细.xlsx", 4));
}

#[test]
fn a_name_two_persons_share_is_an_error_of_the_payment_list() {
    let at = located(
        SourceKind::Proof,
        &[],
        &["姓名", "所属期"],
        &[&["王伟", "202401"]],
    );
    let read = months(&at);
    let plan = plan_months(
        SourceKind::PaymentList,
        &at,
        &read.rows,
        &roster(),
        Vec::new(),
        "f.xlsx",
        None,
        None,
    );
    assert_eq!(plan.errors.len(), 1);
    assert!(
        plan.errors[0].message.contains("2名“王伟”"),
        "{:?}",
        plan.errors
    );
}

#[test]
fn the_same_month_again_adds_nothing_and_another_payer_stays_beside_it() {
    let mut r = roster();
    r.persons[0].person.social_insurance = vec![crate::domain::SocialInsuranceMonth::typed(
        ym(2024, 1),
        None,
    )];
    let at = located(
        SourceKind::Proof,
        &[],
        &["身份证号", "所属期", "单位名称"],
        &[
            &["370502199001011234", "202401", "东营市特检院"],
            &["370502199001011234", "202401", "某劳务公司"],
            &["370502199001011234", "202401", "某劳务公司"],
        ],
    );
    let read = months(&at);
    let plan = plan_months(
        SourceKind::PaymentList,
        &at,
        &read.rows,
        &r,
        Vec::new(),
        "f.xlsx",
        None,
        None,
    );
    let p = &plan.persons[0];
    assert_eq!(p.months.len(), 1);
    assert_eq!(p.months[0].payer.as_deref(), Some("某劳务公司"));
    assert_eq!(p.present, 2);
}

#[test]
fn a_proof_names_its_person_above_the_table_and_has_ranges() {
    let at = located(
        SourceKind::Proof,
        &[
            &["参保缴费证明"],
            &["姓名：张三", "", "社会保障号码", "370502199001011234"],
        ],
        &["开始年月", "结束年月", "缴费单位", "险种"],
        &[
            &["2023-07", "2023-12", "东营市特检院", "养老保险"],
            &["2024-01", "2024-03", "某人力资源公司", "养老保险"],
            &["2024-01", "2024-03", "某人力资源公司", "失业保险"],
        ],
    );
    let read = months(&at);
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    let plan = plan_months(
        SourceKind::Proof,
        &at,
        &read.rows,
        &roster(),
        Vec::new(),
        "张三参保证明.xlsx",
        None,
        None,
    );
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert_eq!(plan.persons.len(), 1);
    assert_eq!(plan.persons[0].person_id, 1);
    assert_eq!(plan.persons[0].months.len(), 9);
    assert_eq!(
        plan.persons[0].other_payers[0].1,
        vec![ym(2024, 1), ym(2024, 2), ym(2024, 3)]
    );
}

#[test]
fn a_proof_without_a_person_asks_for_one_and_takes_the_chosen() {
    let at = located(
        SourceKind::Proof,
        &[],
        &["缴费年月", "缴费单位"],
        &[&["202401", "某公司"]],
    );
    let read = months(&at);
    let r = roster();
    let plan = plan_months(
        SourceKind::Proof,
        &at,
        &read.rows,
        &r,
        Vec::new(),
        "p.xlsx",
        None,
        None,
    );
    assert!(
        plan.errors[0].message.contains("--person"),
        "{:?}",
        plan.errors
    );
    let plan = plan_months(
        SourceKind::Proof,
        &at,
        &read.rows,
        &r,
        Vec::new(),
        "p.xlsx",
        None,
        Some(2),
    );
    assert!(plan.errors.is_empty());
    assert_eq!(plan.persons[0].person_id, 2);
}

#[test]
fn a_range_ending_before_it_starts_is_an_error() {
    let at = located(
        SourceKind::Proof,
        &[],
        &["姓名", "开始年月", "结束年月"],
        &[&["张三", "2024-05", "2024-01"], &["张三", "2024-05", ""]],
    );
    let read = months(&at);
    assert_eq!(read.errors.len(), 2, "{:?}", read.errors);
    assert!(read.errors[0].message.contains("早于"));
    assert!(read.errors[1].message.contains("缺少结束年月"));
}

#[test]
fn a_cell_longer_than_its_field_is_refused() {
    let long = "张".repeat(51);
    let at = located(
        SourceKind::Proof,
        &[],
        &["姓名", "所属期"],
        &[&[long.as_str(), "202401"]],
    );
    let read = months(&at);
    assert_eq!(read.errors.len(), 1);
    assert!(read.errors[0].message.contains("50"), "{:?}", read.errors);
    assert!(read.errors[0].value.ends_with('…'));
}

#[test]
fn signer_cells_split_on_separators_and_on_spaces_only_between_names() {
    let r = roster();
    let index = Index::new(&r);
    for (cell, names) in [
        ("张三、李四", vec!["张三", "李四"]),
        ("张三，李四;王五", vec!["张三", "李四", "王五"]),
        ("张三/李四", vec!["张三", "李四"]),
        ("王 伟", vec!["王伟"]),
        ("赵六 钱七", vec!["赵六", "钱七"]),
        ("王 伟 李四", vec!["王伟", "李四"]),
        ("孙 八", vec!["孙", "八"]),
    ] {
        assert_eq!(split_names(cell, &index), names, "{cell}");
    }
}

#[test]
fn a_ledger_gives_evidence_and_lists_strangers_namesakes_and_late_signatures() {
    let mut r = roster();
    r.persons[1].person.leave_date = NaiveDate::from_ymd_opt(2024, 3, 31);
    let at = located(
        SourceKind::Ledger,
        &[&["检验报告台账"]],
        &["报告编号", "出具日期", "检验人员", "审核", "批准"],
        &[
            &[
                "TS2024-001",
                "2024-03-01",
                "张三、赵六 钱七",
                "李四",
                "王五",
            ],
            &["TS2024-002", "2024-04-15", "王伟", "李四", "孙八"],
            &["TS2024-003", "2024/5/6", "张三", "", ""],
        ],
    );
    let read = reports(&at);
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    let plan = plan_reports(read.rows, &r, Vec::new(), "台账.xlsx");
    let count = |id: i64| {
        plan.persons
            .iter()
            .find(|p| p.person_id == id)
            .map(|p| p.reports.len())
            .unwrap_or(0)
    };
    assert_eq!(count(1), 2);
    assert_eq!(count(2), 2);
    assert_eq!((count(5), count(6), count(7)), (1, 1, 1));
    let li = plan.persons.iter().find(|p| p.person_id == 2).unwrap();
    assert_eq!(li.after_leave.len(), 1);
    assert_eq!(li.after_leave[0].0, "TS2024-002");
    let e = plan.evidence(li).next().expect("a record");
    assert_eq!(e.description, Some("审核"));
    assert_eq!(e.number, Some("TS2024-001"));
    assert_eq!(e.kind, Some(crate::domain::EvidenceKind::InspectionReport));
    assert_eq!(plan.unmatched.len(), 1);
    assert_eq!(plan.unmatched[0].who, "孙八");
    assert_eq!(plan.ambiguous[0].who, "王伟");
    let kinds: Vec<&str> = plan.findings.iter().map(|f| f.kind.as_str()).collect();
    assert_eq!(kinds, vec!["同名无法区分", "不在台账"]);
}

/// A report stored already, one the clerk removed, and a report listed twice
/// in the file are each met once: only the rest is added, in the ledger's
/// order, and the persons in the order they first sign.
#[test]
fn a_ledger_adds_only_what_is_not_stored_removed_or_listed_before() {
    use crate::domain::{Evidence, EvidenceKind};
    use crate::store::sources::RemovedKey;
    let mut r = roster();
    r.persons[0].person.evidence.push(Evidence {
        date: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
        kind: Some(EvidenceKind::InspectionReport),
        number: Some("TS2024-001".into()),
        description: Some("检验".into()),
        origin: None,
    });
    let removed = vec![(
        2,
        RemovedKey::Evidence(
            "2024-03-02".into(),
            Some("TS2024-002".into()),
            Some("审核".into()),
        ),
    )];
    let at = located(
        SourceKind::Ledger,
        &[],
        &["报告编号", "出具日期", "检验人员", "审核"],
        &[
            &["TS2024-001", "2024-03-01", "张三", "李四"],
            &["TS2024-002", "2024-03-02", "张三", "李四"],
            &["TS2024-001", "2024-03-01", "张三", "李四"],
            &["TS2024-003", "2024-03-03", "李四", "张三"],
        ],
    );
    let read = reports(&at);
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    let plan = plan_reports(read.rows, &r, removed, "台账.xlsx");
    let ids: Vec<i64> = plan.persons.iter().map(|p| p.person_id).collect();
    assert_eq!(ids, vec![1, 2], "in the order they first sign");
    let records = |id: i64| -> (Vec<(String, String, u32)>, usize) {
        let p = plan.persons.iter().find(|p| p.person_id == id).unwrap();
        let list = plan
            .evidence(p)
            .map(|e| {
                (
                    e.number.unwrap_or_default().to_string(),
                    e.description.unwrap_or_default().to_string(),
                    e.row,
                )
            })
            .collect();
        (list, p.present)
    };
    let s = |n: &str, role: &str, row: u32| (n.to_string(), role.to_string(), row);
    assert_eq!(
        records(1),
        (
            vec![s("TS2024-002", "检验", 3), s("TS2024-003", "审核", 5)],
            2
        ),
        "stored once, listed twice"
    );
    assert_eq!(
        records(2),
        (
            vec![s("TS2024-001", "审核", 2), s("TS2024-003", "检验", 5)],
            2
        ),
        "removed once, listed twice"
    );
}

#[test]
fn a_ledger_date_that_does_not_parse_is_an_error() {
    let at = located(
        SourceKind::Ledger,
        &[],
        &["报告编号", "检验日期", "检验员"],
        &[&["A-1", "2024-02-30", "张三"], &["", "", "张三"]],
    );
    let read = reports(&at);
    assert_eq!(read.errors.len(), 2, "{:?}", read.errors);
    assert!(read.errors[0].to_string().contains("【检验日期】"));
    assert!(read.errors[1].message.contains("缺少报告编号"));
}

#[test]
fn an_id_number_that_lost_its_digits_is_refused() {
    let mut at = located(
        SourceKind::Proof,
        &[],
        &["姓名", "身份证号", "所属期"],
        &[&["张三", "", "202401"]],
    );
    // What the reader gives for 370502199001011234 stored as a number.
    at.rows[0].cells[1] = Cell {
        text: "370502199001011000".into(),
        problem: Some("数字“370502199001011000”超过15位，末尾几位可能已丢失".into()),
    };
    let read = months(&at);
    assert!(read.rows.is_empty());
    assert_eq!(read.errors.len(), 1);
    assert!(
        read.errors[0].to_string().contains("【身份证号】"),
        "{:?}",
        read.errors
    );
}
