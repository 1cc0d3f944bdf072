//! A made-up roster for previews, the tests and the benchmark: persons with
//! hand-set verdicts (人工认定), some 否 with rectification, and a chosen number
//! left pending (待核实). The first six names carry rare characters.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::{
    Certificate, Decisions, EmploymentForm, ManualVerdict, Person, PersonRecord, Rectification,
    RectificationAction, Roster, Settings, SocialInsuranceMonth, StaffingLine, Verdict,
    VerdictKind, YearMonth,
};

/// Names whose characters a CJK font may lack: 堃 喆 珺 昇, 䶮 (U+4DAE, Ext A)
/// and 𠮷 (U+20BB7, outside the BMP).
pub const RARE_NAMES: [&str; 6] = ["王堃", "张喆", "李珺", "刘昇", "赵䶮", "陈𠮷"];

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢";
const GIVEN: &str =
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅海波宁琳晨欣博文浩宇";

/// The agency settings of the sample.
pub fn sample_settings() -> Settings {
    Settings {
        agency_name: "东营市特种设备检验研究院".to_string(),
        aliases: Vec::new(),
        head: "孙建国".to_string(),
        filler: "李晓梅".to_string(),
        phone: "0546-8321234".to_string(),
        reference_date: NaiveDate::from_ymd_opt(2024, 7, 10),
        window_months: 12,
        expiry_warning_days: crate::domain::DEFAULT_EXPIRY_WARNING_DAYS,
    }
}

fn name(i: usize) -> String {
    if let Some(n) = RARE_NAMES.get(i) {
        return n.to_string();
    }
    let s: Vec<char> = SURNAMES.chars().collect();
    let g: Vec<char> = GIVEN.chars().collect();
    let mut n = String::new();
    n.push(s[(i * 7) % s.len()]);
    n.push(g[(i * 13) % g.len()]);
    if !i.is_multiple_of(3) {
        n.push(g[(i * 5 + 3) % g.len()]);
    }
    n
}

fn manual(kind: VerdictKind, value: Verdict, note: &str) -> ManualVerdict {
    ManualVerdict {
        kind,
        value,
        note: note.to_string(),
        who: "李晓梅".to_string(),
        at: NaiveDateTime::default(),
    }
}

/// One person; `pending` leaves 真实执业 to the rules, which find nothing and say 待核实.
fn record(i: usize, pending: bool) -> PersonRecord {
    let mut person = Person::new(name(i));
    person.disclosed = Some(i % 11 != 5);
    person.employment = Some(EmploymentForm::FullTime);
    // Social insurance for the twelve window months before 2024-07 (R = 2024-07-10).
    let other_payer = !pending && i % 17 == 9;
    if let Some(first) = YearMonth::new(2023, 7) {
        person.social_insurance = (0..12)
            .map(|m| SocialInsuranceMonth {
                month: first.plus_months(m),
                payer: other_payer.then(|| "东营某人力资源服务有限公司".to_string()),
                origin: None,
            })
            .collect();
    }
    if i % 3 == 1 {
        person.certificates.push(Certificate {
            item: "检验师(DS)".to_string(),
            ..Certificate::default()
        });
    }
    let mut decisions = Decisions::default();
    if !pending {
        let practice = if i % 17 == 9 {
            manual(
                VerdictKind::Practice,
                Verdict::No,
                "2023年10月起社保由东营某人力资源服务有限公司缴纳，本人实际在外单位工作，属挂证情形",
            )
        } else {
            manual(
                VerdictKind::Practice,
                Verdict::Yes,
                "已核对岗位、社保与工作见证",
            )
        };
        decisions.manual.push(practice);
    }
    let diploma = if i % 23 == 11 {
        manual(
            VerdictKind::Diploma,
            Verdict::No,
            "学信网查无此学历证书编号",
        )
    } else {
        manual(VerdictKind::Diploma, Verdict::Yes, "学信网备案表核验一致")
    };
    decisions.manual.push(diploma);
    let title = match i % 5 {
        0 => manual(
            VerdictKind::Title,
            Verdict::NotApplicable,
            "初次取证未提交职称",
        ),
        _ => manual(
            VerdictKind::Title,
            Verdict::Yes,
            "职称证书原件与评审表原件比对一致",
        ),
    };
    decisions.manual.push(title);
    if i % 17 == 9 {
        person.rectification = Rectification {
            action: Some(RectificationAction::DisclosureCancelled),
            text: Some("已于2024年6月28日取消其执业公示并报告监管部门".to_string()),
        };
    }
    // The remark as a clerk writes it: only the problems and their rectification.
    let mut problems = Vec::new();
    if !pending && i % 17 == 9 {
        problems.push(
            "2023年10月起社保由东营某人力资源服务有限公司缴纳，本人实际在外单位工作，属挂证情形",
        );
    }
    if i % 23 == 11 {
        problems.push("学信网查无此学历证书编号");
    }
    let mut remark = problems.join("；");
    if !pending && i % 17 == 9 {
        remark
            .push_str("。整改情况：已取消执业公示，已于2024年6月28日取消其执业公示并报告监管部门");
    } else if i % 23 == 11 {
        remark.push_str("。整改情况：整改中，已责令本人提供学历认证报告");
    }
    decisions.remark_override = Some(remark);
    PersonRecord { person, decisions }
}

/// A roster of `n` persons, the first `pending` of them (after the six rare
/// names) left 待核实.
pub fn sample_roster(n: usize, pending: usize) -> Roster {
    Roster {
        settings: sample_settings(),
        staffing: vec![StaffingLine {
            category: "检验师".to_string(),
            patterns: vec!["检验师".to_string()],
            min_count: 2,
        }],
        persons: (0..n)
            .map(|i| record(i, i >= 6 && i < 6 + pending))
            .collect(),
    }
}
