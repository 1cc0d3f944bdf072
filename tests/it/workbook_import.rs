//! Import behaviour: headers, spellings, merge and replace, settings, the
//! rejected-rows file, preview and progress.

use crate::workbook_support::*;
use calamine::{Data, Reader, open_workbook_auto};
use chrono::NaiveDate;
use zicha::domain::*;
use zicha::workbook::{self, ImportOptions};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn import(
    t: &mut TempStore,
    f: &std::path::Path,
    o: &ImportOptions,
) -> zicha::Result<workbook::ImportOutcome> {
    workbook::import(&mut t.store, f, o, &mut |_| {})
}

fn person<'a>(r: &'a Roster, name: &str) -> &'a Person {
    &r.persons
        .iter()
        .find(|p| p.person.name == name)
        .unwrap_or_else(|| panic!("{name} not found"))
        .person
}

/// Reads a sheet back as text rows.
fn read_sheet(path: &std::path::Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn headers_in_any_order_with_aliases_title_row_and_excel_values() {
    let mut t = temp_store();
    let f = t.file("台账.xlsx");
    write_book(
        &f,
        &[
            (
                "人员信息",
                vec![
                    row(&["东营市特检院持证人员台账（2024年）"]),
                    row(&[
                        "学历",
                        "姓 名*",
                        "身份证号码",
                        "籍贯",
                        "入职时间",
                        "是否实际履职",
                        "序号",
                        "用工方式（必填）",
                    ]),
                    vec![
                        S("本科"),
                        S("张三"),
                        S(ID_A),
                        S("山东"),
                        D(2015, 3, 1),
                        S("√"),
                        N(2.0),
                        S(" 全职 "),
                    ],
                    vec![
                        E,
                        S("ＬＩ四"),
                        N(370502800101101.0),
                        E,
                        N(20200105.0),
                        S("n"),
                        N(1.0),
                        S("返聘"),
                    ],
                ],
            ),
            (
                "社保缴纳",
                vec![
                    row(&["缴费单位", "起始月份", "终止月份", "姓名"]),
                    vec![E, S("2024/1"), S("2024年3月"), S("张三")],
                    vec![S("某人力公司"), D(2024, 4, 18), D(2024, 4, 1), S("张三")],
                ],
            ),
            ("说明", vec![row(&["随便写点什么"])]),
            ("我的备忘", vec![row(&["x"])]),
        ],
    );
    let out = import(&mut t, &f, &ImportOptions::default()).unwrap();
    assert_eq!(out.persons_added, 2);
    assert_eq!(out.rows_added.social_insurance, 4);
    let notices = out.notices.join("\n");
    assert!(notices.contains("“籍贯”"), "{notices}");
    assert!(notices.contains("第2行为表头"), "{notices}");
    assert!(notices.contains("“我的备忘”"), "{notices}");
    assert!(!notices.contains("说明"), "{notices}");

    let r = t.roster();
    // 序号 orders the roster.
    assert_eq!(r.persons[0].person.name, "LI四");
    let zs = person(&r, "张三");
    assert_eq!(zs.seq, Some(2));
    assert_eq!(zs.diploma.level, Some(EducationLevel::Bachelor));
    assert_eq!(zs.hire_date, Some(d(2015, 3, 1)));
    assert_eq!(zs.on_duty, Some(true));
    assert_eq!(zs.employment, Some(EmploymentForm::FullTime));
    assert_eq!(zs.social_insurance.len(), 4);
    assert_eq!(
        zs.social_insurance[3].month,
        YearMonth::new(2024, 4).unwrap()
    );
    assert_eq!(zs.social_insurance[3].payer.as_deref(), Some("某人力公司"));
    let li = person(&r, "LI四");
    assert_eq!(
        li.id_number.as_deref(),
        Some("370502800101101"),
        "a number keeps every digit"
    );
    assert_eq!(li.hire_date, Some(d(2020, 1, 5)));
    assert_eq!(li.on_duty, Some(false));
    assert_eq!(li.employment, Some(EmploymentForm::RetiredRehire));
}

fn base_file(t: &TempStore) -> std::path::PathBuf {
    let f = t.file("base.xlsx");
    write_book(
        &f,
        &[
            (
                "人员",
                vec![
                    row(&["姓名", "身份证号", "岗位", "用工形式", "备注"]),
                    row(&["张三", ID_A, "检验员岗", "全职", "原备注"]),
                    row(&["李四", "", "审核岗", "兼职", ""]),
                ],
            ),
            (
                "证书",
                vec![
                    row(&["姓名", "身份证号", "证书项目", "证书编号"]),
                    row(&["张三", ID_A, "检验师(DS)", "A1"]),
                    row(&["李四", "", "RT-Ⅱ", ""]),
                ],
            ),
            (
                "社保",
                vec![row(&["姓名", "缴费月份"]), row(&["张三", "2024-05"])],
            ),
            (
                "单位信息",
                vec![
                    row(&["项目", "内容"]),
                    row(&["单位名称", "东营市特检院"]),
                    row(&["核查月数", "6"]),
                ],
            ),
            (
                "人员条件",
                vec![
                    row(&["类别", "证书项目", "最少人数"]),
                    row(&["检验师", "DS", "2"]),
                ],
            ),
        ],
    );
    f
}

#[test]
fn merge_keeps_stored_values_for_empty_cells_and_skips_identical_rows() {
    let mut t = temp_store();
    let base = base_file(&t);
    import(&mut t, &base, &ImportOptions::default()).unwrap();
    let f = t.file("update.xlsx");
    write_book(
        &f,
        &[
            (
                "人员",
                vec![
                    row(&["姓名", "身份证号", "岗位", "用工形式", "备注"]),
                    // Matched by 身份证号; 岗位 and 备注 empty: kept.
                    row(&["张三", ID_A, "", "退休返聘", ""]),
                    // Matched by the unique 姓名; gets a 身份证号.
                    row(&["李四", ID_B, "", "", ""]),
                    row(&["王五", ID_C, "", "全职", ""]),
                ],
            ),
            (
                "证书",
                vec![
                    row(&["姓名", "身份证号", "证书项目", "证书编号"]),
                    row(&["张三", ID_A, "检验师(DS)", "A1"]),
                    row(&["张三", "", "UT-Ⅱ", ""]),
                ],
            ),
            (
                "社保",
                vec![
                    row(&["姓名", "缴费月份"]),
                    row(&["张三", "2024-05"]),
                    row(&["张三", "2024-06"]),
                ],
            ),
            // The template's untouched sheets change nothing.
            (
                "单位信息",
                vec![
                    row(&["项目", "内容"]),
                    row(&["单位名称", ""]),
                    row(&["核查月数", ""]),
                ],
            ),
            ("人员条件", vec![row(&["类别", "证书项目", "最少人数"])]),
        ],
    );
    let out = import(&mut t, &f, &ImportOptions::default()).unwrap();
    assert_eq!(
        (
            out.persons_added,
            out.persons_updated,
            out.persons_unchanged
        ),
        (1, 2, 0)
    );
    assert_eq!(out.rows_added.certificates, 1);
    assert_eq!(out.rows_identical.certificates, 1);
    assert_eq!(out.rows_added.social_insurance, 1);
    assert_eq!(out.rows_identical.social_insurance, 1);
    assert!(out.settings_replaced.is_empty());
    assert!(!out.staffing_replaced);
    let r = t.roster();
    assert_eq!(r.persons.len(), 3);
    let zs = person(&r, "张三");
    assert_eq!(zs.post.as_deref(), Some("检验员岗"));
    assert_eq!(zs.note.as_deref(), Some("原备注"));
    assert_eq!(zs.employment, Some(EmploymentForm::RetiredRehire));
    assert_eq!(zs.certificates.len(), 2);
    assert_eq!(zs.social_insurance.len(), 2);
    let ls = person(&r, "李四");
    assert_eq!(ls.id_number.as_deref(), Some(ID_B));
    assert_eq!(ls.employment, Some(EmploymentForm::PartTime));
    assert_eq!(ls.certificates.len(), 1);
    assert_eq!(r.settings.agency_name, "东营市特检院");
    assert_eq!(r.settings.window_months, 6);
    assert_eq!(r.staffing.len(), 1);

    // The audit trail has the import and each changed field.
    let zs_id = zs.id.unwrap();
    let trail = t.store.audit_for(zs_id).unwrap();
    assert!(trail.iter().any(|e| e.action == "修改"
        && e.field == "用工形式"
        && e.old_value.as_deref() == Some("全职")
        && e.new_value.as_deref() == Some("退休返聘")));
    let imports: i64 = t
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = '导入'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(imports, 2);
}

#[test]
fn settings_and_staffing_sheets_replace_when_filled() {
    let mut t = temp_store();
    let base = base_file(&t);
    import(&mut t, &base, &ImportOptions::default()).unwrap();
    let f = t.file("s.xlsx");
    write_book(
        &f,
        &[
            ("人员", vec![row(&["姓名"])]),
            (
                "单位信息",
                vec![
                    row(&["项目", "内容"]),
                    row(&["核查基准日", "2024年7月10日"]),
                    row(&["联系电话", "0546-1"]),
                ],
            ),
            (
                "人员条件",
                vec![
                    row(&["类别", "证书项目", "最少人数"]),
                    row(&["无损检测", "RT-Ⅱ；UT-Ⅱ", "3"]),
                    row(&["检验员", "QP", "0"]),
                ],
            ),
        ],
    );
    let out = import(&mut t, &f, &ImportOptions::default()).unwrap();
    assert_eq!(
        out.summary_lines()[0],
        "人员：工作表“人员”中没有人员数据，未新增或修改任何人员"
    );
    assert_eq!(out.settings_replaced, vec!["联系电话", "核查基准日"]);
    assert!(out.staffing_replaced);
    let r = t.roster();
    assert_eq!(r.settings.reference_date, Some(d(2024, 7, 10)));
    assert_eq!(
        r.settings.agency_name, "东营市特检院",
        "empty or absent items keep their value"
    );
    assert_eq!(r.staffing.len(), 2);
    assert_eq!(r.staffing[0].patterns, vec!["RT-Ⅱ", "UT-Ⅱ"]);
    assert_eq!(r.persons.len(), 2, "merge deletes nothing");
}

#[test]
fn replace_makes_the_roster_the_file_and_keeps_decisions_of_persons_still_there() {
    let mut t = temp_store();
    let base = base_file(&t);
    import(&mut t, &base, &ImportOptions::default()).unwrap();
    let zs = t.store.find_person(ID_A).unwrap().person.id.unwrap();
    t.store
        .decide(zs, VerdictKind::Diploma, Verdict::Yes, "原件核对无误")
        .unwrap();
    let f = t.file("replace.xlsx");
    write_book(
        &f,
        &[
            (
                "人员",
                vec![
                    row(&["姓名", "身份证号", "用工形式"]),
                    row(&["张三", ID_A, ""]),
                ],
            ),
            (
                "证书",
                vec![row(&["姓名", "证书项目"]), row(&["张三", "UT-Ⅱ"])],
            ),
        ],
    );
    let options = ImportOptions {
        replace: true,
        ..Default::default()
    };
    let out = import(&mut t, &f, &options).unwrap();
    assert_eq!(out.persons_removed, 1);
    assert_eq!(out.persons_updated, 1);
    let backup = out.backup.unwrap();
    let old = zicha::store::Store::open(&backup)
        .unwrap()
        .load_roster()
        .unwrap();
    assert_eq!(
        old.persons.len(),
        2,
        "the backup holds the roster before the import"
    );
    let r = t.roster();
    assert_eq!(r.persons.len(), 1);
    let p = &r.persons[0];
    assert_eq!(p.person.id, Some(zs));
    assert_eq!(p.person.post, None, "replace: an empty cell clears");
    assert_eq!(p.person.employment, None);
    assert_eq!(p.person.certificates.len(), 1);
    assert_eq!(p.person.certificates[0].item, "UT-Ⅱ");
    assert!(p.person.social_insurance.is_empty());
    assert_eq!(p.decisions.manual.len(), 1);
}

#[test]
fn skip_invalid_imports_good_rows_and_writes_the_rest_for_fixing() {
    let mut t = temp_store();
    let f = t.file("名单.xlsx");
    write_book(
        &f,
        &[
            (
                "人员",
                vec![
                    row(&["姓名", "身份证号", "用工形式"]),
                    row(&["张三", ID_A, "全职"]),
                    row(&["李四", ID_B, "合同工"]),
                ],
            ),
            (
                "社保",
                vec![
                    row(&["姓名", "身份证号", "缴费月份"]),
                    row(&["张三", ID_A, "2024-05"]),
                    row(&["李四", ID_B, "2024-05"]),
                    row(&["张三", ID_A, "2024-00"]),
                ],
            ),
        ],
    );
    let options = ImportOptions {
        skip_invalid: true,
        ..Default::default()
    };
    let out = import(&mut t, &f, &options).unwrap();
    assert_eq!(out.persons_added, 1);
    assert_eq!(out.rows_added.social_insurance, 1);
    assert_eq!(out.rejected.len(), 3, "{:?}", out.rejected);
    let rejects = out.rejects_file.clone().unwrap();
    assert_eq!(rejects, t.file("名单-错误行.xlsx"));
    let said = out.summary_lines().join("\n");
    assert!(said.contains("跳过出错的 3 行（共 3 处错误）"), "{said}");
    assert!(said.contains(&rejects.display().to_string()), "{said}");
    let persons = read_sheet(&rejects, "人员");
    assert_eq!(persons[0], vec!["姓名", "身份证号", "用工形式", "错误说明"]);
    assert_eq!(persons.len(), 2);
    assert_eq!(persons[1][..3], ["李四", ID_B, "合同工"]);
    assert!(
        persons[1][3].contains("原第3行") && persons[1][3].contains("合同工"),
        "{:?}",
        persons[1]
    );
    let si = read_sheet(&rejects, "社保");
    assert_eq!(si.len(), 3);
    assert!(si[1][3].contains("人员”表第3行有错误"), "{:?}", si[1]);
    assert!(si[2][3].contains("2024-00"), "{:?}", si[2]);

    // Fixed by hand, the rejects file imports; its 错误说明 column is ignored.
    let fixed = t.file("改正.xlsx");
    write_book(
        &fixed,
        &[
            (
                "人员",
                vec![
                    row(&["姓名", "身份证号", "用工形式", "错误说明"]),
                    row(&["李四", ID_B, "兼职", "原第3行"]),
                ],
            ),
            (
                "社保",
                vec![
                    row(&["姓名", "身份证号", "缴费月份", "错误说明"]),
                    row(&["李四", ID_B, "2024-05", "x"]),
                    row(&["张三", ID_A, "2024-04", "x"]),
                ],
            ),
        ],
    );
    let out = import(&mut t, &fixed, &ImportOptions::default()).unwrap();
    assert_eq!(out.persons_added, 1);
    assert_eq!(
        out.rows_added.social_insurance, 2,
        "张三 is found among the stored persons"
    );
    assert!(out.notices.iter().any(|n| n.contains("错误说明")));
}

#[test]
fn errors_file_is_written_on_refusal_and_nothing_is_imported() {
    let mut t = temp_store();
    let f = t.file("a.xlsx");
    write_book(
        &f,
        &[(
            "人员",
            vec![
                row(&["姓名", "入职日期"]),
                row(&["张三", "2024-13-45"]),
                row(&["李四", "2024-01-01"]),
            ],
        )],
    );
    let out_file = t.file("errors/出错行.xlsx");
    let options = ImportOptions {
        rejects_path: Some(out_file.clone()),
        ..Default::default()
    };
    let e = import(&mut t, &f, &options).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("出错行.xlsx") && msg.contains("错误说明"),
        "{msg}"
    );
    assert!(t.roster().persons.is_empty());
    let rows = read_sheet(&out_file, "人员");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][0], "张三");
}

#[test]
fn social_insurance_month_forms() {
    let mut t = temp_store();
    let f = t.file("a.xlsx");
    write_book(
        &f,
        &[
            ("人员", vec![row(&["姓名"]), row(&["张三"])]),
            (
                "社保",
                vec![
                    row(&["姓名", "缴费月份", "起始月份", "终止月份"]),
                    row(&["张三", "2024-01", "2024-01", "2024-02"]),
                    row(&["张三", "", "2024-03", ""]),
                    row(&["张三", "", "2024-05", "2024-04"]),
                    row(&["张三", "", "", ""]),
                ],
            ),
        ],
    );
    let e = import(&mut t, &f, &ImportOptions::default()).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("第2行【缴费月份】“2024-01”：请只填“缴费月份”"),
        "{msg}"
    );
    assert!(msg.contains("第3行【终止月份】：终止月份不能为空"), "{msg}");
    assert!(
        msg.contains("第4行【终止月份】“2024-04”：终止月份早于起始月份"),
        "{msg}"
    );
    assert!(msg.contains("第5行【缴费月份】：缺少月份"), "{msg}");
}

#[test]
fn preview_lists_changes_and_writes_nothing() {
    let mut t = temp_store();
    let base = base_file(&t);
    import(&mut t, &base, &ImportOptions::default()).unwrap();
    let before = t.roster();
    let f = t.file("p.xlsx");
    write_book(
        &f,
        &[(
            "人员",
            vec![
                row(&["姓名", "身份证号", "岗位"]),
                row(&["张三", ID_A, "无损检测岗"]),
                row(&["王五", "", ""]),
            ],
        )],
    );
    let p = workbook::preview(&t.store, &f, &ImportOptions::default()).unwrap();
    assert!(p.errors.is_empty());
    assert_eq!(p.outcome.persons_added, 1);
    assert_eq!(p.outcome.persons_updated, 1);
    let change = p.changes.iter().find(|c| c.action == "修改").unwrap();
    assert_eq!(
        change.fields,
        vec![("岗位", "检验员岗".to_string(), "无损检测岗".to_string())]
    );
    assert!(
        p.changes
            .iter()
            .any(|c| c.action == "新增" && c.person == "王五")
    );
    assert_eq!(t.roster(), before);

    let bad = t.file("bad.xlsx");
    write_book(
        &bad,
        &[(
            "人员",
            vec![row(&["姓名", "用工形式"]), row(&["张三", "合同工"])],
        )],
    );
    let p = workbook::preview(&t.store, &bad, &ImportOptions::default()).unwrap();
    assert_eq!(p.errors.len(), 1);
}

#[test]
fn progress_rises_to_one() {
    let mut t = temp_store();
    let f = base_file(&t);
    let mut seen = Vec::new();
    workbook::import(&mut t.store, &f, &ImportOptions::default(), &mut |p| {
        seen.push(p)
    })
    .unwrap();
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert_eq!(seen.last(), Some(&1.0));
}

#[test]
fn rejects_file_problems_never_lose_rows() {
    let mut t = temp_store();
    let f = t.file("a.xlsx");
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
    // The rejects file may not overwrite the input.
    let same = ImportOptions {
        skip_invalid: true,
        rejects_path: Some(f.clone()),
        ..Default::default()
    };
    let e = import(&mut t, &f, &same).unwrap_err();
    assert!(
        e.is_user_error() && e.to_string().contains("同一个文件"),
        "{e}"
    );
    // With --skip-invalid, rows are not skipped unless their file is written.
    let blocked = t.file("a.xlsx").join("错误行.xlsx");
    let unwritable = ImportOptions {
        skip_invalid: true,
        rejects_path: Some(blocked.clone()),
        ..Default::default()
    };
    assert!(import(&mut t, &f, &unwritable).is_err());
    assert!(t.roster().persons.is_empty());
    // Refused anyway: the errors are still all listed, with why the file is missing.
    let refused = ImportOptions {
        rejects_path: Some(blocked),
        ..Default::default()
    };
    let msg = import(&mut t, &f, &refused).unwrap_err().to_string();
    assert!(
        msg.contains("合同工") && msg.contains("未能写入错误文件"),
        "{msg}"
    );
    assert!(t.roster().persons.is_empty());
    assert!(std::fs::metadata(&f).unwrap().len() > 0);
}

/// Names and numbers as clerks type them: padded names, spaced numbers and a
/// lower-case x are stored as one person would write them, and the child rows
/// typed the other way still find their person.
#[test]
fn names_and_id_numbers_are_normalised_on_import() {
    let mut t = temp_store();
    let f = t.file("名单.xlsx");
    write_book(
        &f,
        &[
            (
                "人员",
                vec![
                    row(&["姓名", "身份证号"]),
                    row(&["王　伟", " 110105 19491231 002x "]),
                    row(&["  John   Smith ", ""]),
                ],
            ),
            (
                "社保",
                vec![
                    row(&["姓名", "身份证号", "缴费月份"]),
                    row(&["王伟", "11010519491231002X", "2024-05"]),
                    row(&["王 伟", "１１０１０５１９４９１２３１００２ｘ", "2024-06"]),
                ],
            ),
        ],
    );
    let out = import(&mut t, &f, &ImportOptions::default()).unwrap();
    assert_eq!(out.persons_added, 2);
    let r = t.roster();
    let p = person(&r, "王伟");
    assert_eq!(p.id_number.as_deref(), Some("11010519491231002X"));
    assert_eq!(p.social_insurance.len(), 2);
    assert!(r.persons.iter().any(|p| p.person.name == "John Smith"));
}

#[test]
fn an_empty_persons_sheet_is_refused_naming_the_sheet() {
    let mut t = temp_store();
    let f = t.file("空.xlsx");
    write_book(&f, &[("人员", vec![row(&["姓名", "身份证号"])])]);
    for preview in [false, true] {
        let err = if preview {
            workbook::preview(&t.store, &f, &ImportOptions::default()).unwrap_err()
        } else {
            import(&mut t, &f, &ImportOptions::default()).unwrap_err()
        };
        assert!(err.is_user_error());
        assert_eq!(
            err.to_string(),
            workbook::empty_persons_message("人员"),
            "preview: {preview}"
        );
        assert!(err.to_string().contains("工作表“人员”中没有人员数据"));
    }
    assert!(t.roster().persons.is_empty());

    // With a 单位信息 item, a merge takes it; a replace (which would delete
    // every person) is refused.
    let base = base_file(&t);
    import(&mut t, &base, &ImportOptions::default()).unwrap();
    let before = t.roster().persons.len();
    let f = t.file("只有设置.xlsx");
    write_book(
        &f,
        &[
            ("人员", vec![row(&["姓名"])]),
            (
                "单位信息",
                vec![row(&["项目", "内容"]), row(&["联系电话", "0546-2"])],
            ),
        ],
    );
    let replace = ImportOptions {
        replace: true,
        ..Default::default()
    };
    let err = import(&mut t, &f, &replace).unwrap_err().to_string();
    assert!(
        err.contains("没有人员数据") && err.contains("删除台账中的全部人员"),
        "{err}"
    );
    assert_eq!(t.roster().persons.len(), before);
    import(&mut t, &f, &ImportOptions::default()).unwrap();
    assert_eq!(t.roster().settings.phone, "0546-2");
    assert_eq!(t.roster().persons.len(), before);
}

#[test]
fn confirming_writes_the_plan_the_preview_showed_and_refuses_when_anything_changed() {
    let mut t = temp_store();
    let f = base_file(&t);
    let o = ImportOptions::default();
    let prepared = workbook::prepare_import(&t.store, &f, &o).unwrap();
    assert_eq!(prepared.preview.outcome.persons_added, 2);
    // The file is read once: overwriting it now must be noticed, not imported.
    let plan = std::fs::read(&f).unwrap();
    std::fs::write(&f, b"changed").unwrap();
    let e = workbook::import_prepared(&mut t.store, &prepared, &mut |_| {}).unwrap_err();
    assert!(e.to_string().contains("预览之后被修改过"), "{e}");
    assert!(t.roster().persons.is_empty());
    std::fs::write(&f, &plan).unwrap();
    // A change to the roster since the preview refuses it as well.
    t.store
        .set_setting(SettingKey::Phone, "0546-1234567")
        .unwrap();
    let e = workbook::import_prepared(&mut t.store, &prepared, &mut |_| {}).unwrap_err();
    assert!(e.to_string().contains("预览之后台账已有修改"), "{e}");
    assert!(t.roster().persons.is_empty());
    let prepared = workbook::prepare_import(&t.store, &f, &o).unwrap();
    let outcome = workbook::import_prepared(&mut t.store, &prepared, &mut |_| {}).unwrap();
    assert_eq!(
        outcome.persons_added,
        prepared.preview.outcome.persons_added
    );
    assert_eq!(t.roster().persons.len(), 2);
}
