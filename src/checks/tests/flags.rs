//! Every flag code: a case that raises it and the edge that must not.

use super::*;

fn flags_of(edit: impl Fn(&mut Person)) -> Vec<&'static str> {
    let mut p = good();
    edit(&mut p);
    codes(&check(&p))
}

#[test]
fn id_checksum() {
    assert_eq!(
        flags_of(|p| p.id_number = Some("110105194912310021".into())),
        vec!["id.checksum"]
    );
    assert_eq!(
        flags_of(|p| p.id_number = Some("1101051949123100".into())),
        vec!["id.checksum"]
    );
    assert_eq!(
        flags_of(|p| p.id_number = Some("440524188001010014".into())),
        Vec::<&str>::new()
    );
    // A valid 15-digit number raises nothing.
    assert_eq!(
        flags_of(|p| p.id_number = Some("110105491231002".into())),
        Vec::<&str>::new()
    );
}

#[test]
fn id_birthdate_29_february_and_future() {
    // 2000 is a leap year; in the 15-digit form 000229 means 1900-02-29, which does not exist.
    let leap = "11010520000229001";
    let leap = format!(
        "{leap}{}",
        crate::domain::idcard::expected_check_char(leap).expect("digits")
    );
    let mut p = good();
    p.id_number = Some(leap);
    p.diploma.graduation_date = Some(d("2022-07-01"));
    p.title = Title::default();
    p.first_cert_date = Some(d("2023-01-01"));
    assert_eq!(codes(&check(&p)), Vec::<&str>::new());
    assert_eq!(
        flags_of(|p| p.id_number = Some("110105000229001".into())),
        vec!["id.birthdate"]
    );
    let future = "11010520300101001";
    let future = format!(
        "{future}{}",
        crate::domain::idcard::expected_check_char(future).expect("digits")
    );
    assert_eq!(
        flags_of(|p| {
            p.id_number = Some(future.clone());
            p.diploma.level = None;
        }),
        vec!["id.birthdate"]
    );
}

const STANDARD_18: &str = "100551201905000123"; // school 10055, type 1, 2019, 本科 05
const STANDARD_17: &str = "10055120190500012";
const SELF_STUDY: &str = "360146061531000123"; // 2-digit year at 9–10; 11–12 is no level code

fn with_number(number: &str, grad: &str, level: EducationLevel) -> Vec<&'static str> {
    let (number, grad) = (number.to_string(), grad.to_string());
    flags_of(move |p| {
        p.diploma.number = Some(number.clone());
        p.diploma.graduation_date = Some(d(&grad));
        p.diploma.level = Some(level);
        p.first_cert_date = Some(d("2020-01-01"));
        p.title = Title::default();
    })
}

#[test]
fn diploma_number_year_and_level_in_17_and_18_digit_forms() {
    for n in [STANDARD_18, STANDARD_17] {
        assert_eq!(
            with_number(n, "2019-06-30", EducationLevel::Bachelor),
            Vec::<&str>::new(),
            "{n}"
        );
        assert_eq!(
            with_number(n, "2018-06-30", EducationLevel::Bachelor),
            vec!["diploma.number_year"],
            "{n}"
        );
        assert_eq!(
            with_number(n, "2019-06-30", EducationLevel::College),
            vec!["diploma.number_level"],
            "{n}"
        );
        assert_eq!(
            with_number(n, "2018-06-30", EducationLevel::Master),
            vec!["diploma.number_year", "diploma.number_level"],
            "{n}"
        );
    }
    assert_eq!(
        with_number(SELF_STUDY, "2015-06-30", EducationLevel::College),
        Vec::<&str>::new()
    );
    assert_eq!(
        with_number("1005512019050001", "2018-06-30", EducationLevel::College),
        Vec::<&str>::new()
    );
}

#[test]
fn diploma_after_first_cert_uses_earliest_certificate_when_empty() {
    assert_eq!(
        flags_of(|p| p.diploma.graduation_date = Some(d("2012-05-02"))),
        vec!["diploma.after_first_cert", "title.before_graduation"]
    );
    assert_eq!(
        flags_of(|p| {
            p.diploma.graduation_date = Some(d("2012-05-01"));
            p.title = Title::default();
        }),
        Vec::<&str>::new()
    );
    assert_eq!(
        flags_of(|p| {
            p.first_cert_date = None;
            p.certificates[0].issued_on = Some(d("1970-01-01"));
            p.title = Title::default();
        }),
        vec!["diploma.after_first_cert"]
    );
}

#[test]
fn diploma_pre2001_chsi() {
    let chsi = |year: &'static str| {
        flags_of(move |p| {
            p.diploma.method = Some(DiplomaMethod::ChsiRecord);
            p.diploma.reference = Some("A1B2C3D4E5F6G7H8".into());
            p.diploma.graduation_date = Some(d(year));
            p.title = Title::default();
        })
    };
    assert_eq!(chsi("2000-07-01"), vec!["diploma.pre2001_chsi"]);
    assert_eq!(chsi("2001-07-01"), Vec::<&str>::new());
    assert_eq!(
        flags_of(|p| p.diploma.graduation_date = Some(d("1975-07-01"))),
        Vec::<&str>::new()
    );
}

#[test]
fn diploma_age_by_level() {
    let born_1990 = "11010519900101001";
    let id = format!(
        "{born_1990}{}",
        crate::domain::idcard::expected_check_char(born_1990).expect("digits")
    );
    let case = |level: EducationLevel, grad: &'static str| {
        let id = id.clone();
        flags_of(move |p| {
            p.id_number = Some(id.clone());
            p.diploma.level = Some(level);
            p.diploma.graduation_date = Some(d(grad));
            p.title = Title::default();
        })
    };
    assert_eq!(
        case(EducationLevel::Bachelor, "2007-12-31"),
        vec!["diploma.age"]
    );
    assert_eq!(
        case(EducationLevel::Bachelor, "2008-01-01"),
        Vec::<&str>::new()
    );
    assert_eq!(
        case(EducationLevel::College, "2007-12-31"),
        Vec::<&str>::new()
    );
    assert_eq!(
        case(EducationLevel::College, "2005-12-31"),
        vec!["diploma.age"]
    );
    assert_eq!(
        case(EducationLevel::Secondary, "2006-01-01"),
        Vec::<&str>::new()
    );
}

#[test]
fn diploma_vcode_format() {
    for (code, flagged) in [
        ("A1B2C3D4E5F6G7H8", false),
        ("123456789012", false),
        ("ABC", true),
        ("A1B2C3D4E5F6G7H8X", true),
        ("A1B2-C3D4-E5F6", true),
    ] {
        let got = flags_of(|p| {
            p.diploma.method = Some(DiplomaMethod::ChsiRecord);
            p.diploma.reference = Some(code.into());
            p.diploma.graduation_date = Some(d("2005-07-01"));
            p.title = Title::default();
        });
        assert_eq!(
            got == vec!["diploma.vcode_format"],
            flagged,
            "{code}: {got:?}"
        );
    }
}

#[test]
fn title_dates() {
    assert_eq!(
        flags_of(|p| p.title.obtained_on = Some(d("1972-06-30"))),
        vec!["title.before_graduation"]
    );
    assert_eq!(
        flags_of(|p| p.title.obtained_on = Some(d("2012-05-02"))),
        vec!["title.after_first_cert"]
    );
    assert_eq!(
        flags_of(|p| p.title.obtained_on = Some(d("2012-05-01"))),
        Vec::<&str>::new()
    );
}

#[test]
fn title_too_early_by_table() {
    // (title, level, graduation, obtained, flagged)
    let cases = [
        (
            "工程师",
            EducationLevel::Bachelor,
            "2000-07-01",
            "2005-06-30",
            true,
        ),
        (
            "工程师",
            EducationLevel::Bachelor,
            "2000-07-01",
            "2005-07-01",
            false,
        ),
        (
            "助工",
            EducationLevel::Bachelor,
            "2000-07-01",
            "2001-06-30",
            true,
        ),
        (
            "助理工程师",
            EducationLevel::Doctor,
            "2000-07-01",
            "2000-07-01",
            false,
        ),
        (
            "高工",
            EducationLevel::Master,
            "2000-07-01",
            "2007-06-30",
            true,
        ),
        (
            "高级工程师",
            EducationLevel::Doctor,
            "2000-07-01",
            "2002-07-01",
            false,
        ),
        (
            "高级工程师",
            EducationLevel::College,
            "1990-07-01",
            "2010-07-01",
            true,
        ),
        (
            "工程师",
            EducationLevel::Secondary,
            "1990-07-01",
            "2010-07-01",
            true,
        ),
        (
            "正高级工程师",
            EducationLevel::Bachelor,
            "1990-07-01",
            "2005-07-01",
            false,
        ),
        (
            "工程师",
            EducationLevel::SecondBachelor,
            "2000-07-01",
            "2001-07-01",
            true,
        ),
        (
            "工程师",
            EducationLevel::HighSchool,
            "2000-07-01",
            "2001-07-01",
            false,
        ),
        (
            "技术员",
            EducationLevel::Bachelor,
            "2000-07-01",
            "2000-08-01",
            false,
        ),
        (
            "经济师",
            EducationLevel::College,
            "2000-07-01",
            "2000-08-01",
            false,
        ),
    ];
    for (title, level, grad, obtained, flagged) in cases {
        let got = flags_of(|p| {
            p.title.name = Some(title.into());
            p.diploma.level = Some(level);
            p.diploma.graduation_date = Some(d(grad));
            p.title.obtained_on = Some(d(obtained));
            p.first_cert_date = Some(d("2020-01-01"));
        });
        assert_eq!(
            got == vec!["title.too_early"],
            flagged,
            "{title} {level} {grad}→{obtained}: {got:?}"
        );
    }
}

#[test]
fn documents_not_submitted_raise_no_flags() {
    let got = flags_of(|p| {
        p.diploma.submitted = Some(false);
        p.diploma.number = Some(STANDARD_18.into());
        p.diploma.graduation_date = Some(d("2013-07-01"));
        p.diploma.method = Some(DiplomaMethod::ChsiRecord);
        p.diploma.reference = Some("x".into());
        p.title.submitted = Some(false);
        p.title.obtained_on = Some(d("2013-01-01"));
    });
    assert_eq!(got, Vec::<&str>::new());
}

#[test]
fn cert_expired_before_r_only() {
    assert_eq!(
        flags_of(|p| p.certificates[0].valid_until = Some(d("2024-07-09"))),
        vec!["cert.expired"]
    );
    assert_eq!(
        flags_of(|p| p.certificates[0].valid_until = Some(d("2024-07-10"))),
        vec!["cert.expiring"],
        "valid on R itself: not expired, but about to"
    );
    let mut p = good();
    p.certificates[0].valid_until = Some(d("2020-01-01"));
    let c = check(&p);
    assert!(!c.flags[0].blocking);
    assert_eq!(c.practice.value, Verdict::Yes);
}

/// `cert.expiring` with 到期提醒天数 `days` (R = 2024-07-10) for a 有效期至.
fn expiring_with(days: u32, until: &str) -> Vec<&'static str> {
    let mut s = super::settings();
    s.expiry_warning_days = days;
    let ctx = CheckContext::new(&s, d("2030-01-01"));
    let mut p = good();
    p.certificates[0].valid_until = Some(d(until));
    let rec = PersonRecord {
        person: p,
        decisions: Decisions::default(),
    };
    codes(&check_person(
        &rec,
        &ctx,
        &std::collections::BTreeMap::new(),
    ))
}

#[test]
fn cert_expiring_within_n_days_after_r() {
    // The default is 90 days: R + 90 = 2024-10-08.
    assert_eq!(Settings::default().expiry_warning_days, 90);
    let cases: &[(u32, &str, &[&str])] = &[
        (90, "2024-07-09", &["cert.expired"]),
        (90, "2024-07-10", &["cert.expiring"]),
        (90, "2024-07-11", &["cert.expiring"]),
        (90, "2024-10-08", &["cert.expiring"]),
        (90, "2024-10-09", &[]),
        (30, "2024-08-09", &["cert.expiring"]),
        (30, "2024-08-10", &[]),
        (0, "2024-07-10", &[]),
        (0, "2024-07-09", &["cert.expired"]),
        (3650, "2034-07-08", &["cert.expiring"]),
    ];
    for (days, until, want) in cases {
        assert_eq!(
            &expiring_with(*days, until),
            want,
            "N={days} 有效期至 {until}"
        );
    }
    // No 有效期至 never expires.
    let mut p = good();
    p.certificates[0].valid_until = None;
    assert_eq!(codes(&check(&p)), Vec::<&str>::new());
}

#[test]
fn cert_expiring_names_the_certificate_holds_nothing_and_is_counted() {
    let mut p = good();
    p.certificates[0].valid_until = Some(d("2024-08-09"));
    p.certificates.push(Certificate {
        item: "RT-Ⅱ".into(),
        number: None,
        issued_on: None,
        valid_until: Some(d("2024-07-10")),
    });
    let c = check(&p);
    assert_eq!(codes(&c), vec!["cert.expiring", "cert.expiring"]);
    assert!(!c.flags[0].blocking);
    assert_eq!(
        c.flags[0].message,
        "证书“检验师(DS)”有效期至2024年8月9日，核查基准日后30天到期，请及时换证"
    );
    assert_eq!(
        c.flags[1].message,
        "证书“RT-Ⅱ”有效期至2024年7月10日，于核查基准日当天到期，请及时换证"
    );
    assert_eq!(
        (c.practice.value, c.diploma.value, c.title.value),
        (Verdict::Yes, Verdict::Yes, Verdict::Yes)
    );
    let roster = Roster {
        settings: super::settings(),
        persons: vec![
            PersonRecord {
                person: p,
                decisions: Decisions::default(),
            },
            PersonRecord {
                person: good(),
                decisions: Decisions::default(),
            },
        ],
        ..Roster::default()
    };
    let report = super::super::check_roster(&roster, d("2030-01-01"));
    assert_eq!(report.summary.expiring, 1);
    assert_eq!(report.summary.pending, 0);
    let json = serde_json::to_value(super::super::json::JsonReport::new(&report)).unwrap();
    assert_eq!(json["summary"]["expiring"], 1);
    assert_eq!(json["rows"][0]["flags"][0]["code"], "cert.expiring");
}

#[test]
fn cert_duplicate_across_persons_only() {
    let a = PersonRecord {
        person: good(),
        decisions: Decisions::default(),
    };
    let mut b = a.clone();
    b.person.name = "李四".into();
    b.person.id_number = Some("440524188001010014".into());
    b.person.certificates[0].number = Some(" ＴＳ-001 ".into());
    let mut c = a.clone();
    c.person.name = "王五".into();
    c.person.id_number = None;
    c.person.certificates[0].number = Some("TS-999".into());
    c.person.certificates.push(c.person.certificates[0].clone());
    let all = vec![a, b, c];
    let dups = duplicate_certificates(&all);
    let ctx = ctx();
    let got: Vec<Vec<&str>> = all
        .iter()
        .map(|r| codes(&check_person(r, &ctx, &dups)))
        .collect();
    assert_eq!(
        got,
        vec![vec!["cert.duplicate"], vec!["cert.duplicate"], vec![]]
    );
    assert!(
        check_person(&all[0], &ctx, &dups).flags[0]
            .message
            .contains("李四")
    );
}

#[test]
fn every_code_is_tested_and_parses() {
    for f in super::super::FlagCode::ALL {
        assert_eq!(super::super::FlagCode::parse(f.code()), Ok(f));
    }
    assert!(super::super::FlagCode::parse("id.unknown").is_err());
    let blocking: Vec<_> = super::super::FlagCode::ALL
        .iter()
        .filter(|f| f.blocking())
        .map(|f| f.code())
        .collect();
    assert_eq!(
        blocking,
        vec![
            "diploma.number_year",
            "diploma.number_level",
            "diploma.after_first_cert",
            "diploma.pre2001_chsi",
            "diploma.age",
            "diploma.record_mismatch",
            "title.before_graduation",
            "title.after_first_cert",
            "title.too_early"
        ]
    );
}
