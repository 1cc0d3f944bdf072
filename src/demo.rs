//! The demo roster (示例台账): 35 persons of a fictitious agency that
//! show every verdict and every flag. Backs `zicha demo`, the app's
//! 载入示例数据 and the screenshots.

use chrono::NaiveDate;

use crate::checks::FlagCode;
use crate::domain::*;
use crate::error::{Error, Result};
use crate::store::Store;

/// The demo agency.
pub const AGENCY: &str = "东营市示例特种设备检验检测院（东营）";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// A valid 18-digit 身份证号 for a birth date and sequence.
fn id(birth: &str, seq: u32) -> String {
    let body = format!("370502{birth}{seq:03}");
    let check = idcard::expected_check_char(&body).unwrap_or('0');
    format!("{body}{check}")
}

fn months(from: (i32, u32), to: (i32, u32), payer: Option<&str>) -> Vec<SocialInsuranceMonth> {
    match (YearMonth::new(from.0, from.1), YearMonth::new(to.0, to.1)) {
        (Some(a), Some(b)) => a
            .through(b)
            .map(|month| SocialInsuranceMonth {
                month,
                payer: payer.map(String::from),
                origin: None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn report(date: NaiveDate, n: u32) -> Evidence {
    Evidence {
        date,
        kind: Some(EvidenceKind::InspectionReport),
        number: Some(format!("DYTJ-{}-{n:04}", date.format("%Y"))),
        description: Some("定期检验报告".into()),
        origin: None,
    }
}

/// A full-time inspector for whom every check passes.
fn inspector(name: &str, birth: &str, seq: u32) -> Person {
    let birth_year: i32 = birth[..4].parse().unwrap_or(1980);
    let grad = d(birth_year + 22, 7, 1);
    Person {
        name: name.into(),
        id_number: Some(id(birth, seq)),
        post: Some("检验员岗".into()),
        employment: Some(EmploymentForm::FullTime),
        hire_date: Some(d(birth_year + 23, 3, 1)),
        on_duty: Some(true),
        disclosed: Some(true),
        first_cert_date: Some(d(birth_year + 29, 5, 10)),
        diploma: Diploma {
            level: Some(EducationLevel::Bachelor),
            school: Some("中国石油大学（华东）".into()),
            major: Some("机械设计制造及其自动化".into()),
            graduation_date: Some(grad),
            number: Some(format!("104251{}05{:06}", grad.format("%Y"), 100 + seq)),
            method: Some(if birth_year + 22 >= 2001 {
                DiplomaMethod::ChsiRecord
            } else {
                DiplomaMethod::CertificationReport
            }),
            reference: Some(format!("A{seq:02}B7C9D2E4F6G8H").chars().take(16).collect()),
            verified_on: Some(d(2024, 6, 20)),
            result: Some(VerifyResult::Match),
            ..Diploma::default()
        },
        title: Title {
            name: Some("工程师".into()),
            major: Some("机械".into()),
            cert_number: Some(format!("ZC{seq:05}")),
            issuer: Some("东营市人力资源和社会保障局".into()),
            obtained_on: Some(d(birth_year + 28, 12, 20)),
            method: Some(TitleMethod::MohrssPlatform),
            reference: Some(format!("RS{seq:08}")),
            verified_on: Some(d(2024, 6, 21)),
            result: Some(VerifyResult::Match),
            ..Title::default()
        },
        certificates: vec![Certificate {
            item: "检验师(DS)".into(),
            number: Some(format!("TSZ3705{seq:06}")),
            issued_on: Some(d(birth_year + 29, 5, 10)),
            valid_until: Some(d(2027, 5, 9)),
        }],
        social_insurance: months((2023, 7), (2024, 6), None),
        evidence: vec![
            report(d(2024, 5, 15), seq),
            report(d(2024, 1, 8), seq + 100),
        ],
        ..Person::default()
    }
}

fn ndt(mut p: Person, item: &str) -> Person {
    p.post = Some("无损检测岗".into());
    p.certificates[0].item = item.into();
    p
}

/// The persons of the demo roster, in form order.
pub fn persons() -> Vec<Person> {
    let mut list = Vec::new();
    let mut push = |p: Person| list.push(p);

    push(inspector("王建国", "19780312", 11));
    push(inspector("张喆", "19850621", 21));
    push(ndt(inspector("李珺", "19900208", 31), "RT-Ⅱ"));
    push(ndt(inspector("刘昇", "19880915", 41), "UT-Ⅱ"));
    push(inspector("赵䶮", "19920101", 51));
    push(inspector("陈𠮷", "19870730", 61));

    // Practice failures, one rule each.
    let mut p = inspector("孙立新", "19750505", 71);
    p.leave_date = Some(d(2024, 3, 31));
    p.rectification = Rectification {
        action: Some(RectificationAction::DisclosureCancelled),
        text: Some("已于2024年4月向市局申请取消执业公示".into()),
    };
    push(p);
    let mut p = inspector("周文博", "19830418", 81);
    p.employment = Some(EmploymentForm::PartTime);
    p.rectification.action = Some(RectificationAction::InProgress);
    push(p);
    let mut p = inspector("吴海燕", "19860923", 91);
    p.employment = Some(EmploymentForm::Dispatched);
    push(p);
    let mut p = inspector("郑凯", "19810110", 101);
    p.on_duty = Some(false);
    push(p);
    let mut p = inspector("冯晓东", "19790825", 111);
    p.evidence = vec![report(d(2022, 11, 3), 111)];
    push(p);
    let mut p = inspector("陈静", "19890314", 121);
    p.social_insurance
        .retain(|m| !(m.month.year() == 2024 && m.month.month() <= 3));
    push(p);
    let mut p = inspector("褚志强", "19770607", 131);
    p.social_insurance = months((2023, 7), (2024, 6), Some("东营某某人力资源服务有限公司"));
    push(p);
    let mut p = inspector("卫国华", "19800220", 141);
    p.social_insurance.extend(months(
        (2024, 4),
        (2024, 6),
        Some("东营某某石化工程有限公司"),
    ));
    push(p);

    // Retired and rehired: no social insurance, still 是, never counted in item 3.
    let mut p = inspector("蒋德明", "19600415", 151);
    p.employment = Some(EmploymentForm::RetiredRehire);
    p.social_insurance.clear();
    p.disclosed = Some(false);
    push(p);
    // Hired inside the window: the hire month is tolerated.
    let mut p = inspector("沈佳怡", "19960530", 161);
    p.hire_date = Some(d(2023, 11, 20));
    p.first_cert_date = Some(d(2023, 12, 15));
    p.certificates[0].issued_on = Some(d(2023, 12, 15));
    p.title = Title::default();
    p.social_insurance = months((2023, 12), (2024, 6), None);
    push(p);

    // Diplomas.
    let mut p = inspector("韩雪", "19910712", 171);
    p.diploma.result = Some(VerifyResult::NotFound);
    p.rectification = Rectification {
        action: Some(RectificationAction::QualificationCancelled),
        text: Some("学历经学信网查无，已申请注销资格证书".into()),
    };
    push(p);
    let mut p = inspector("杨帆", "19840303", 181);
    p.diploma.result = None;
    push(p);
    let mut p = inspector("朱明", "19760909", 191);
    p.diploma.number = Some("104251199705000191".into()); // year 1997, graduated 1998
    push(p);
    let mut p = inspector("秦岭", "19930121", 201);
    p.diploma.level = Some(EducationLevel::College); // number says 本科 (05)
    push(p);
    let mut p = inspector("尤佳", "19950808", 211);
    p.diploma.graduation_date = Some(d(2025, 1, 1));
    p.diploma.number = None;
    push(p);
    let mut p = inspector("许国栋", "19700120", 221);
    p.diploma.method = Some(DiplomaMethod::ChsiRecord); // graduated 1992
    push(p);
    let mut p = inspector("何小龙", "19890101", 231);
    p.diploma.graduation_date = Some(d(2005, 7, 1)); // aged 16
    p.diploma.number = None;
    p.title.obtained_on = Some(d(2016, 12, 20));
    push(p);
    let mut p = inspector("吕婷", "19920505", 241);
    p.diploma.reference = Some("AB12CD".into());
    push(p);

    // Titles.
    let mut p = inspector("施伟", "19870202", 251);
    p.title.result = Some(VerifyResult::Mismatch);
    push(p);
    let mut p = inspector("张军", "19850808", 261);
    p.title.obtained_on = Some(d(2006, 1, 1)); // before graduating in 2007
    push(p);
    let mut p = inspector("孔祥瑞", "19820606", 271);
    p.title.obtained_on = Some(d(2013, 3, 1)); // after first certification 2011
    push(p);
    let mut p = inspector("曹磊", "19880418", 281);
    p.title.name = Some("高级工程师".into());
    p.title.obtained_on = Some(d(2016, 12, 20)); // 6 years after 本科
    push(p);
    let mut p = inspector("严华", "19810915", 291);
    p.title.name = Some("高工".into());
    p.title.obtained_on = Some(d(2009, 12, 20)); // 6 years after 本科
    push(p); // the same pattern, confirmed below as 破格
    let mut p = inspector("金鑫", "19900101", 301);
    p.title = Title::default();
    p.diploma.submitted = Some(false);
    p.diploma.result = None;
    push(p);

    // Identity and certificates.
    let mut p = inspector("魏来", "19861111", 311);
    p.id_number = Some("370502198611113110".into());
    push(p);
    let mut p = inspector("陶然", "19870229", 321); // 1987 is not a leap year
    p.diploma.number = None;
    push(p);
    let mut p = ndt(inspector("姜涛", "19830722", 331), "MT-Ⅱ");
    p.certificates[0].valid_until = Some(d(2024, 3, 1));
    push(p);
    let mut p = inspector("戚博", "19840512", 341);
    p.certificates[0].number = Some("TSZ3705000011".into()); // 王建国's number
    // A second certificate that runs out 52 days after R (证书即将到期, issue 15).
    let mut mt = p.certificates[0].clone();
    mt.item = "MT-Ⅱ".into();
    mt.number = Some("TSZ3705000341".into());
    mt.valid_until = Some(d(2024, 8, 31));
    p.certificates.push(mt);
    push(p);
    // Data still missing.
    let mut p = Person::new("谢婉清");
    p.id_number = Some(id("19980303", 351));
    p.employment = Some(EmploymentForm::FullTime);
    p.disclosed = Some(true);
    push(p);

    for (i, p) in list.iter_mut().enumerate() {
        p.seq = Some(i as i64 + 1);
    }
    list
}

/// The demo settings: R = 2024-07-10 (the order's deadline), W = 12.
pub fn settings() -> Settings {
    Settings {
        agency_name: AGENCY.into(),
        aliases: Vec::new(),
        head: "王主任".into(),
        filler: "李明".into(),
        phone: "0546-8888888".into(),
        reference_date: Some(d(2024, 7, 10)),
        window_months: 12,
        expiry_warning_days: crate::domain::DEFAULT_EXPIRY_WARNING_DAYS,
    }
}

pub fn staffing() -> Vec<StaffingLine> {
    vec![
        StaffingLine {
            category: "检验师".into(),
            patterns: vec!["DS".into()],
            min_count: 12,
        },
        StaffingLine {
            category: "射线检测Ⅱ级".into(),
            patterns: vec!["RT-Ⅱ".into()],
            min_count: 1,
        },
        StaffingLine {
            category: "超声检测Ⅱ级".into(),
            patterns: vec!["UT-Ⅱ".into()],
            min_count: 2,
        },
    ]
}

/// Writes the demo roster into the store (settings and staffing replaced,
/// persons added, decisions recorded); returns the number of persons added.
/// Refuses a store that holds any person or 修改记录: demo data never goes
/// into a real ledger (`zicha --demo` and the CLI use a new file).
pub fn load_into(store: &mut Store) -> Result<usize> {
    if store.holds_anything()? {
        let file = store
            .path()
            .map(|p| format!("数据库 {} ", p.display()))
            .unwrap_or_default();
        return Err(Error::invalid(
            "示例数据",
            format!("{file}中已有人员或修改记录。示例数据只写入新建的空数据库，以免混入正式台账"),
        ));
    }
    store.save_settings(&settings())?;
    store.replace_staffing(&staffing())?;
    let mut ids = Vec::new();
    for p in persons() {
        ids.push((p.name.clone(), store.add_person(&p)?));
    }
    let id_of = |name: &str| ids.iter().find(|(n, _)| n == name).map(|(_, id)| *id);
    if let Some(id) = id_of("严华") {
        store.confirm_flag(
            id,
            FlagCode::TitleTooEarly,
            "破格晋升，见鲁人社字〔2012〕88号",
        )?;
    }
    if let Some(id) = id_of("郑凯") {
        store.decide(
            id,
            VerdictKind::Practice,
            Verdict::Yes,
            "2024年6月已恢复履职，见院发〔2024〕15号任命文件",
        )?;
    }
    Ok(ids.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::check_roster;

    #[test]
    fn the_demo_shows_every_verdict_and_every_flag() {
        let mut store = Store::open_in_memory().expect("store");
        let n = load_into(&mut store).expect("demo");
        assert_eq!(n, 35, "the help texts say 35 人");
        let report = check_roster(&store.load_roster().expect("roster"), d(2030, 1, 1));
        for kind in VerdictKind::ALL {
            for v in Verdict::ALL {
                let shown = report
                    .rows
                    .iter()
                    .any(|r| r.check.verdict(*kind).value == *v);
                let needed = !(*kind == VerdictKind::Practice && *v == Verdict::NotApplicable);
                assert!(shown || !needed, "{kind} {v} missing");
            }
        }
        // diploma.record_mismatch needs a 备案表 attachment, a file beside a
        // roster on disk; the demo keeps none (docs/DECISIONS.md, 学信网 备案表).
        for code in FlagCode::ALL
            .into_iter()
            .filter(|c| *c != FlagCode::DiplomaRecordMismatch)
        {
            assert!(
                report
                    .rows
                    .iter()
                    .any(|r| r.check.flags.iter().any(|f| f.code == code)),
                "{} missing",
                code.code()
            );
        }
        assert!(
            report
                .rows
                .iter()
                .any(|r| r.check.practice.manual.is_some())
        );
        assert!(
            report
                .rows
                .iter()
                .any(|r| r.check.flags.iter().any(|f| f.confirmed))
        );
        assert!(report.is_draft());
    }

    #[test]
    fn the_demo_refuses_a_store_that_holds_anything() {
        let mut store = Store::open_in_memory().expect("store");
        load_into(&mut store).expect("demo");
        let before = store.load_roster().expect("roster").persons.len();
        let err = load_into(&mut store).unwrap_err();
        assert!(err.is_user_error());
        assert!(err.to_string().contains("已有人员或修改记录"), "{err}");
        assert_eq!(store.load_roster().expect("roster").persons.len(), before);

        // History alone (every person deleted) is a real ledger too.
        let mut store = Store::open_in_memory().expect("store");
        let id = store.add_person(&Person::new("张三")).expect("add");
        store.delete_person(id).expect("delete");
        assert!(load_into(&mut store).is_err());
    }
}
