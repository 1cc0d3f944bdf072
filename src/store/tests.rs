//! Store round trips, migrations from an empty file, refusal of foreign and
//! newer files, and decisions with their audit entries.

use chrono::NaiveDate;

use super::*;
use crate::checks::FlagCode;
use crate::domain::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// A person with every field and every kind of row filled.
pub fn rich_person() -> Person {
    let mut p = Person::new("王堃");
    for f in PersonField::ALL {
        let v = match f.kind() {
            crate::domain::FieldKind::Date => "2015-03-04".to_string(),
            crate::domain::FieldKind::YesNo => "是".to_string(),
            crate::domain::FieldKind::Integer => "7".to_string(),
            crate::domain::FieldKind::Choice(labels) => labels()[1].to_string(),
            crate::domain::FieldKind::Text => format!("{}值", f.header()),
        };
        f.set(&mut p, &v).expect("valid value");
    }
    p.name = "王堃".into();
    p.id_number = Some("11010519491231002X".into());
    p.certificates = vec![Certificate {
        item: "检验师(DS)".into(),
        number: Some("TS-1".into()),
        issued_on: Some(d("2012-01-02")),
        valid_until: Some(d("2026-01-01")),
    }];
    p.social_insurance = vec![
        SocialInsuranceMonth {
            month: YearMonth::new(2024, 1).expect("month"),
            payer: None,
            origin: None,
        },
        SocialInsuranceMonth {
            month: YearMonth::new(2024, 2).expect("month"),
            payer: Some("别家".into()),
            origin: None,
        },
    ];
    p.evidence = vec![Evidence {
        date: d("2024-03-01"),
        kind: Some(EvidenceKind::Media),
        number: Some("YX-1".into()),
        description: Some("现场照片".into()),
        origin: None,
    }];
    p
}

#[test]
fn person_round_trips_every_field() {
    let mut store = Store::open_in_memory().expect("store");
    let mut p = rich_person();
    let id = store.add_person(&p).expect("add");
    p.id = Some(id);
    let back = store.load_roster().expect("load").persons;
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].person, p);
}

#[test]
fn migrates_an_empty_file_and_reopens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("子目录 中文").join("zicha.db");
    {
        let mut store = Store::open(&path).expect("create");
        store
            .set_setting(SettingKey::AgencyName, "东营市特检院")
            .expect("set");
        store.add_person(&rich_person()).expect("add");
    }
    let store = Store::open(&path).expect("reopen");
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("pragma");
    assert_eq!(version, schema_version());
    assert_eq!(
        store.settings().expect("settings").agency_name,
        "东营市特检院"
    );
    assert_eq!(store.load_roster().expect("roster").persons.len(), 1);
    // An existing empty file (zero bytes) is a new database too.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").expect("write");
    assert!(Store::open(&empty).is_ok());
}

#[test]
fn refuses_a_newer_schema_without_touching_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.db");
    drop(Store::open(&path).expect("create"));
    {
        let conn = rusqlite::Connection::open(&path).expect("raw");
        conn.pragma_update(None, "user_version", 99).expect("bump");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, Error::NewerSchema { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("更新版本"));
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn refuses_files_that_are_not_zicha_databases() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "这不是数据库".repeat(200)).expect("write");
    let err = Store::open(&text).err().expect("refused");
    assert!(matches!(err, Error::NotZichaDatabase(_)), "{err}");

    let other = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).expect("raw");
        conn.execute("CREATE TABLE t (x)", []).expect("create");
    }
    let before = std::fs::read(&other).expect("read");
    assert!(matches!(
        Store::open(&other),
        Err(Error::NotZichaDatabase(_))
    ));
    assert_eq!(std::fs::read(&other).expect("read"), before);
}

#[test]
fn id_numbers_are_unique_and_names_find_persons() {
    let mut store = Store::open_in_memory().expect("store");
    let a = rich_person();
    store.add_person(&a).expect("add");
    let err = store.add_person(&a).expect_err("duplicate");
    assert!(matches!(err, Error::DuplicateIdNumber(_)));
    let mut b = Person::new("王堃");
    b.id_number = Some("440524188001010014".into());
    store.add_person(&b).expect("add");
    assert!(matches!(
        store.find_person("王堃"),
        Err(Error::PersonAmbiguous(_))
    ));
    assert_eq!(
        store
            .find_person("11010519491231002x")
            .expect("by id")
            .person
            .name,
        "王堃"
    );
    assert!(matches!(
        store.find_person("赵六"),
        Err(Error::PersonNotFound(_))
    ));
    assert_eq!(store.load_roster().expect("roster").persons.len(), 2);
}

#[test]
fn bad_settings_change_nothing() {
    let mut store = Store::open_in_memory().expect("store");
    store
        .set_setting(SettingKey::WindowMonths, "6")
        .expect("set");
    let before = store.settings().expect("settings");
    for (k, v) in [
        (SettingKey::ReferenceDate, "2024-13-01"),
        (SettingKey::WindowMonths, "0"),
        (SettingKey::WindowMonths, "1000"),
        (SettingKey::AgencyName, ""),
    ] {
        let e = store.set_setting(k, v).expect_err("refused");
        assert!(
            e.is_user_error() && e.to_string().contains(k.label()),
            "{e}"
        );
    }
    assert_eq!(store.settings().expect("settings"), before);
}

#[test]
fn decisions_require_notes_and_are_audited() {
    let mut store = Store::open_in_memory().expect("store");
    let id = store.add_person(&rich_person()).expect("add");
    assert!(
        store
            .decide(id, VerdictKind::Practice, Verdict::No, "  ")
            .expect_err("no note")
            .is_user_error()
    );
    assert!(
        store
            .decide(id, VerdictKind::Practice, Verdict::Pending, "x")
            .is_err()
    );
    assert!(store.confirm_flag(id, FlagCode::TitleTooEarly, "").is_err());
    let before = store.load_roster().expect("roster");
    assert!(before.persons[0].decisions.manual.is_empty());

    store
        .decide(id, VerdictKind::Practice, Verdict::No, "人在外单位")
        .expect("decide");
    store
        .decide(id, VerdictKind::Practice, Verdict::Yes, "复核后认定")
        .expect("decide again");
    store
        .confirm_flag(
            id,
            FlagCode::TitleTooEarly,
            "破格晋升，见鲁人社字〔2015〕12号",
        )
        .expect("confirm");
    store.set_remark(id, Some("手写")).expect("remark");
    let rec = store.person(id).expect("person");
    assert_eq!(rec.decisions.manual.len(), 1);
    assert_eq!(rec.decisions.manual[0].value, Verdict::Yes);
    assert_eq!(rec.decisions.confirmations[0].code, "title.too_early");
    assert_eq!(rec.decisions.remark_override.as_deref(), Some("手写"));

    let trail = store.audit_for(id).expect("audit");
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["新增", "人工认定", "人工认定", "确认疑点", "修改"]
    );
    assert_eq!(trail[2].old_value.as_deref(), Some("否"));
    assert_eq!(trail[2].new_value.as_deref(), Some("是"));
    assert_eq!(trail[2].note.as_deref(), Some("复核后认定"));
    assert!(!trail[2].who.is_empty());

    store
        .undecide(id, VerdictKind::Practice, "撤销")
        .expect("undecide");
    assert!(
        store
            .person(id)
            .expect("person")
            .decisions
            .manual
            .is_empty()
    );
    assert!(store.undecide(id, VerdictKind::Practice, "再撤销").is_err());
}

#[test]
fn edits_are_audited_field_by_field_and_delete_cascades() {
    let mut store = Store::open_in_memory().expect("store");
    let id = store.add_person(&rich_person()).expect("add");
    let mut p = store.person(id).expect("person").person;
    p.post = Some("无损检测岗".into());
    p.evidence.clear();
    store.update_person(&p).expect("update");
    let trail = store.audit_for(id).expect("audit");
    let fields: Vec<&str> = trail.iter().skip(1).map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["岗位", "工作见证"]);
    assert_eq!(trail[1].new_value.as_deref(), Some("无损检测岗"));

    store
        .decide(id, VerdictKind::Title, Verdict::NotApplicable, "未提交")
        .expect("decide");
    store.delete_person(id).expect("delete");
    assert!(store.load_roster().expect("roster").persons.is_empty());
    let orphans: i64 = store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM certificates) + (SELECT count(*) FROM social_insurance)
                  + (SELECT count(*) FROM manual_verdicts)",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(orphans, 0);
    assert_eq!(
        store
            .audit_for(id)
            .expect("audit")
            .last()
            .expect("entry")
            .action,
        "删除"
    );
}

#[test]
fn staffing_table_round_trips() {
    let mut store = Store::open_in_memory().expect("store");
    let lines = vec![
        StaffingLine {
            category: "检验师".into(),
            patterns: vec!["DS".into(), "QP".into()],
            min_count: 5,
        },
        StaffingLine {
            category: "RT-Ⅱ".into(),
            patterns: vec!["RT-Ⅱ".into()],
            min_count: 2,
        },
    ];
    store.replace_staffing(&lines).expect("replace");
    assert_eq!(store.load_roster().expect("roster").staffing, lines);
    let bad = vec![StaffingLine {
        category: "空".into(),
        patterns: vec![],
        min_count: 1,
    }];
    assert!(store.replace_staffing(&bad).is_err());
    assert_eq!(store.load_roster().expect("roster").staffing, lines);
}

#[test]
fn persons_load_in_seq_then_entry_order() {
    let mut store = Store::open_in_memory().expect("store");
    for (name, seq) in [("丙", None), ("乙", Some(2)), ("甲", Some(1)), ("丁", None)] {
        let mut p = Person::new(name);
        p.seq = seq;
        store.add_person(&p).expect("add");
    }
    let names: Vec<String> = store
        .load_roster()
        .expect("roster")
        .persons
        .into_iter()
        .map(|r| r.person.name)
        .collect();
    assert_eq!(names, ["甲", "乙", "丙", "丁"]);
}

#[test]
fn a_hand_save_keeps_imported_records_and_their_source_and_removal_is_noted() {
    let mut store = Store::open_in_memory().expect("store");
    let id = store.add_person(&rich_person()).expect("add");
    let (source, month) = store
        .write(|tx| {
            let source = sources::upsert(tx, "单位参保缴费明细", "明细.xlsx", "ab12", "测试")?;
            let month = SocialInsuranceMonth {
                month: YearMonth::new(2024, 3).expect("month"),
                payer: Some("某人力资源公司".into()),
                origin: Some(Origin {
                    source,
                    file: "明细.xlsx".into(),
                    row: 7,
                }),
            };
            imported::insert_months(tx, &[(id, &month)], imported::Source::Own)?;
            Ok((source, month))
        })
        .expect("import");
    let mut p = store.person(id).expect("load").person;
    assert_eq!(p.social_insurance.len(), 3);
    assert!(p.social_insurance.contains(&month));
    // The form saves the person, hand rows changed, the imported one untouched.
    p.social_insurance.retain(|m| m.origin.is_some());
    p.social_insurance.push(SocialInsuranceMonth::typed(
        YearMonth::new(2024, 4).expect("m"),
        None,
    ));
    store.update_person(&p).expect("save");
    let saved = store.person(id).expect("load").person;
    let imported: Vec<_> = saved
        .social_insurance
        .iter()
        .filter(|m| m.origin.is_some())
        .collect();
    assert_eq!(imported, vec![&month]);
    assert_eq!(saved.social_insurance.len(), 2);
    assert_eq!(store.sources().expect("sources")[0].id, source);

    let refused = store.remove_imported(id, &sources::ImportedRecord::Month(month.clone()), " ");
    assert!(refused.is_err());
    store
        .remove_imported(
            id,
            &sources::ImportedRecord::Month(month.clone()),
            "该月为补缴，已核实",
        )
        .expect("remove");
    let after = store.person(id).expect("load").person;
    assert!(!after.social_insurance.contains(&month));
    let removed = sources::removed_keys(store.conn()).expect("removed");
    assert_eq!(removed.len(), 1);
    let trail = store.audit_for(id).expect("audit");
    let last = trail.last().expect("entry");
    assert_eq!(last.action, "移除");
    assert!(
        last.old_value
            .as_deref()
            .unwrap_or("")
            .contains("明细.xlsx 第7行"),
        "{last:?}"
    );
    assert_eq!(last.note.as_deref(), Some("该月为补缴，已核实"));
}
