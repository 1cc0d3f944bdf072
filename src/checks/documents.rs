//! Rules 2 and 3: whether the diploma (学历) and the title (职称) submitted at
//! first certification are genuine, with their flags (docs/RULES.md §2–§4).

use chrono::{Datelike, NaiveDate};

use crate::domain::parse::chinese_date;
use crate::domain::{DiplomaMethod, Person, Verdict, VerifyResult, idcard};

use super::flags::{Flag, FlagCode};
use super::titles::{EngineeringTitle, min_years};

/// A document verdict before flags are applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ladder {
    pub verdict: Verdict,
    pub reasons: Vec<String>,
}

/// The verification ladder shared by the diploma and the title.
fn ladder(
    what: &str,
    submitted: bool,
    result: Option<VerifyResult>,
    method: Option<&str>,
    reference: Option<&str>,
) -> Ladder {
    let (verdict, reason) = if !submitted {
        (Verdict::NotApplicable, None)
    } else {
        match result {
            Some(r @ (VerifyResult::Mismatch | VerifyResult::NotFound)) => {
                let how = method.map(|m| format!("（{m}）")).unwrap_or_default();
                (
                    Verdict::No,
                    Some(format!("{what}核验结果：{}{how}", r.label())),
                )
            }
            None | Some(VerifyResult::Unverified) => {
                (Verdict::Pending, Some(format!("{what}尚未核验")))
            }
            Some(VerifyResult::Match) if method.is_none() || reference.is_none() => {
                (Verdict::Pending, Some(format!("{what}核验依据不完整")))
            }
            Some(VerifyResult::Match) => (Verdict::Yes, None),
        }
    };
    Ladder {
        verdict,
        reasons: reason.into_iter().collect(),
    }
}

pub fn diploma_ladder(p: &Person) -> Ladder {
    let d = &p.diploma;
    ladder(
        "学历",
        d.is_submitted(),
        d.result,
        d.method.map(|m| m.label()),
        d.reference.as_deref(),
    )
}

pub fn title_ladder(p: &Person) -> Ladder {
    let t = &p.title;
    ladder(
        "职称",
        t.is_submitted(),
        t.result,
        t.method.map(|m| m.label()),
        t.reference.as_deref(),
    )
}

/// Whole years from `from` to `to` (anniversaries passed).
pub fn full_years(from: NaiveDate, to: NaiveDate) -> i32 {
    let mut years = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years
}

/// A diploma number in the standard higher-education form: 17 or 18 digits
/// with a level code at positions 11–12. Returns (year digits, level code).
fn standard_number_parts(number: &str) -> Option<(&str, &str)> {
    let n = number.trim();
    if !(n.len() == 17 || n.len() == 18) || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let level = &n[10..12];
    matches!(level, "01" | "02" | "04" | "05" | "06").then(|| (&n[6..10], level))
}

/// `diploma.*` flags; empty when the diploma was not submitted.
pub fn diploma_flags(p: &Person) -> Vec<Flag> {
    let d = &p.diploma;
    let mut flags = Vec::new();
    if !d.is_submitted() {
        return flags;
    }
    if let Some((year, code)) = d.number.as_deref().and_then(standard_number_parts) {
        if let Some(grad) = d.graduation_date
            && year != grad.year().to_string()
        {
            flags.push(Flag::new(
                FlagCode::DiplomaNumberYear,
                format!(
                    "学历证书编号第7–10位为{year}，与毕业年份{}不符",
                    grad.year()
                ),
            ));
        }
        if let Some(level) = d.level
            && level.diploma_code() != Some(code)
        {
            flags.push(Flag::new(
                FlagCode::DiplomaNumberLevel,
                format!(
                    "学历证书编号第11–12位层次代码为{code}，与学历层次“{}”不符",
                    level.label()
                ),
            ));
        }
    }
    if let (Some(grad), Some(first)) = (d.graduation_date, p.effective_first_cert_date())
        && grad > first
    {
        flags.push(Flag::new(
            FlagCode::DiplomaAfterFirstCert,
            format!(
                "毕业日期{}晚于初次取证日期{}",
                chinese_date(grad),
                chinese_date(first)
            ),
        ));
    }
    if let (Some(DiplomaMethod::ChsiRecord), Some(grad)) = (d.method, d.graduation_date)
        && grad.year() < 2001
    {
        flags.push(Flag::new(
            FlagCode::DiplomaPre2001Chsi,
            format!(
                "{}年毕业的学历在学信网无电子注册，不能以学信网备案表核验，应以学历认证报告核验",
                grad.year()
            ),
        ));
    }
    let birth = p.id_number.as_deref().and_then(idcard::birth_date);
    if let (Some(birth), Some(grad), Some(level)) = (birth, d.graduation_date, d.level) {
        let age = full_years(birth, grad);
        let min = if level.is_bachelor_or_higher() {
            18
        } else {
            16
        };
        if age < min {
            flags.push(Flag::new(
                FlagCode::DiplomaAge,
                format!(
                    "按身份证号推算，毕业时仅{age}周岁，{}学历通常不低于{min}周岁",
                    level.label()
                ),
            ));
        }
    }
    if let (Some(DiplomaMethod::ChsiRecord), Some(code)) = (d.method, d.reference.as_deref()) {
        let ok = (code.len() == 12 || code.len() == 16)
            && code.bytes().all(|b| b.is_ascii_alphanumeric());
        if !ok {
            flags.push(Flag::new(
                FlagCode::DiplomaVcodeFormat,
                format!("学信网在线验证码“{code}”格式不符，应为12位或16位字母数字"),
            ));
        }
    }
    flags
}

/// `title.*` flags; empty when the title was not submitted.
pub fn title_flags(p: &Person) -> Vec<Flag> {
    let t = &p.title;
    let mut flags = Vec::new();
    if !t.is_submitted() {
        return flags;
    }
    let Some(obtained) = t.obtained_on else {
        return flags;
    };
    let grad = p.diploma.graduation_date;
    if let Some(grad) = grad
        && obtained < grad
    {
        flags.push(Flag::new(
            FlagCode::TitleBeforeGraduation,
            format!(
                "职称取得日期{}早于毕业日期{}",
                chinese_date(obtained),
                chinese_date(grad)
            ),
        ));
    }
    if let Some(first) = p.effective_first_cert_date()
        && obtained > first
    {
        flags.push(Flag::new(
            FlagCode::TitleAfterFirstCert,
            format!(
                "职称取得日期{}晚于初次取证日期{}，初次取证时不应已提交该职称",
                chinese_date(obtained),
                chinese_date(first)
            ),
        ));
    }
    let title = t.name.as_deref().and_then(EngineeringTitle::from_name);
    if let (Some(title), Some(level), Some(grad)) = (title, p.diploma.level, grad)
        && obtained >= grad
    {
        let years = full_years(grad, obtained);
        match min_years(title, level) {
            Some(Some(min)) if years < min as i32 => flags.push(Flag::new(
                FlagCode::TitleTooEarly,
                format!(
                    "毕业{years}年即取得{}，{}学历一般需毕业满{min}年（可能为破格晋升，请核实）",
                    title.label(),
                    level.label()
                ),
            )),
            Some(None) => flags.push(Flag::new(
                FlagCode::TitleTooEarly,
                format!(
                    "{}学历无评审{}的常规年限（可能为破格晋升，请核实）",
                    level.label(),
                    title.label()
                ),
            )),
            _ => {}
        }
    }
    flags
}
