//! The columns of the 人员 sheet, in one place: header, accepted header
//! aliases, and how each reads and writes a [`Person`]. The importer, the
//! exporter, the template, the detail form and the audit trail all use this.

use chrono::NaiveDate;

use super::enums::*;
use super::parse::{parse_date, parse_yes_no, yes_no_label};
use super::person::Person;
use super::text::clean_text_opt;

/// What kind of value a column holds (for validation, drop-downs and formats).
#[derive(Debug, Clone, Copy)]
pub enum FieldKind {
    Text,
    Integer,
    Date,
    YesNo,
    /// A closed list: the labels it accepts.
    Choice(fn() -> Vec<&'static str>),
}

/// One column of the 人员 sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonField {
    Seq,
    Name,
    IdNumber,
    Post,
    Employment,
    HireDate,
    LeaveDate,
    OnDuty,
    Disclosed,
    FirstCertDate,
    Education,
    School,
    Major,
    GraduationDate,
    DiplomaNumber,
    DiplomaSubmitted,
    DiplomaMethod,
    DiplomaReference,
    DiplomaVerifiedOn,
    DiplomaResult,
    TitleName,
    TitleMajor,
    TitleCertNumber,
    TitleIssuer,
    TitleObtainedOn,
    TitleSubmitted,
    TitleMethod,
    TitleReference,
    TitleVerifiedOn,
    TitleResult,
    RectificationAction,
    RectificationText,
    Note,
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn opt_text(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn label_text<T: Copy>(v: Option<T>, label: fn(T) -> &'static str) -> String {
    v.map(label).unwrap_or_default().to_string()
}

fn bool_text(v: Option<bool>) -> String {
    v.map(yes_no_label).unwrap_or_default().to_string()
}

impl PersonField {
    /// Every column, in template order.
    pub const ALL: [PersonField; 33] = {
        use PersonField::*;
        [
            Seq,
            Name,
            IdNumber,
            Post,
            Employment,
            HireDate,
            LeaveDate,
            OnDuty,
            Disclosed,
            FirstCertDate,
            Education,
            School,
            Major,
            GraduationDate,
            DiplomaNumber,
            DiplomaSubmitted,
            DiplomaMethod,
            DiplomaReference,
            DiplomaVerifiedOn,
            DiplomaResult,
            TitleName,
            TitleMajor,
            TitleCertNumber,
            TitleIssuer,
            TitleObtainedOn,
            TitleSubmitted,
            TitleMethod,
            TitleReference,
            TitleVerifiedOn,
            TitleResult,
            RectificationAction,
            RectificationText,
            Note,
        ]
    };

    /// The header as the template writes it.
    pub fn header(self) -> &'static str {
        use PersonField::*;
        match self {
            Seq => "序号",
            Name => "姓名",
            IdNumber => "身份证号",
            Post => "岗位",
            Employment => "用工形式",
            HireDate => "入职日期",
            LeaveDate => "离职日期",
            OnDuty => "是否实际履职",
            Disclosed => "执业公示",
            FirstCertDate => "初次取证日期",
            Education => "学历层次",
            School => "毕业院校",
            Major => "专业",
            GraduationDate => "毕业日期",
            DiplomaNumber => "学历证书编号",
            DiplomaSubmitted => "初次取证提交学历",
            DiplomaMethod => "学历核验方式",
            DiplomaReference => "学历核验编号",
            DiplomaVerifiedOn => "学历核验日期",
            DiplomaResult => "学历核验结果",
            TitleName => "职称名称",
            TitleMajor => "职称专业",
            TitleCertNumber => "职称证书编号",
            TitleIssuer => "职称发证机关",
            TitleObtainedOn => "职称取得日期",
            TitleSubmitted => "初次取证提交职称",
            TitleMethod => "职称核验方式",
            TitleReference => "职称核验编号",
            TitleVerifiedOn => "职称核验日期",
            TitleResult => "职称核验结果",
            RectificationAction => "整改措施",
            RectificationText => "整改情况说明",
            Note => "备注",
        }
    }

    /// Other headers the clerk's own sheets commonly use for this column.
    pub fn aliases(self) -> &'static [&'static str] {
        use PersonField::*;
        match self {
            Seq => &["编号", "序"],
            Name => &["姓 名", "人员姓名", "持证人", "持证人姓名"],
            IdNumber => &["身份证号码", "证件号码", "身份证", "公民身份号码", "证件号"],
            Post => &["岗位名称", "工作岗位", "职务"],
            Employment => &["用工方式", "用工性质", "人员性质"],
            HireDate => &["入职时间", "入职日期/时间", "到岗日期"],
            LeaveDate => &["离职时间"],
            OnDuty => &["实际履职", "是否履职"],
            Disclosed => &["是否执业公示", "是否办理执业公示", "执业注册"],
            FirstCertDate => &["初次取证时间", "首次取证日期", "取证日期"],
            Education => &["学历", "最高学历", "文化程度"],
            School => &["毕业学校", "学校"],
            Major => &["所学专业", "学历专业"],
            GraduationDate => &["毕业时间"],
            DiplomaNumber => &["毕业证书编号", "毕业证编号", "学历证书号"],
            DiplomaSubmitted => &["是否提交学历"],
            DiplomaMethod => &["学历核查方式"],
            DiplomaReference => &["在线验证码", "学历验证码", "学历核查编号"],
            DiplomaVerifiedOn => &["学历核查日期"],
            DiplomaResult => &["学历核查结果"],
            TitleName => &["职称", "专业技术职称", "技术职称"],
            TitleMajor => &[],
            TitleCertNumber => &["职称证书号", "职称证号"],
            TitleIssuer => &["职称评审机关", "发证机关"],
            TitleObtainedOn => &["职称取得时间", "职称评定日期", "职称时间"],
            TitleSubmitted => &["是否提交职称"],
            TitleMethod => &["职称核查方式"],
            TitleReference => &["职称核查编号"],
            TitleVerifiedOn => &["职称核查日期"],
            TitleResult => &["职称核查结果"],
            RectificationAction => &["整改情况", "整改"],
            RectificationText => &["整改说明"],
            Note => &["说明"],
        }
    }

    pub fn required(self) -> bool {
        self == PersonField::Name
    }

    pub fn kind(self) -> FieldKind {
        use PersonField::*;
        match self {
            Seq => FieldKind::Integer,
            HireDate | LeaveDate | FirstCertDate | GraduationDate | DiplomaVerifiedOn
            | TitleObtainedOn | TitleVerifiedOn => FieldKind::Date,
            OnDuty | Disclosed | DiplomaSubmitted | TitleSubmitted => FieldKind::YesNo,
            Employment => FieldKind::Choice(EmploymentForm::labels),
            Education => FieldKind::Choice(EducationLevel::labels),
            DiplomaMethod => FieldKind::Choice(super::enums::DiplomaMethod::labels),
            TitleMethod => FieldKind::Choice(super::enums::TitleMethod::labels),
            DiplomaResult | TitleResult => FieldKind::Choice(VerifyResult::labels),
            RectificationAction => FieldKind::Choice(super::enums::RectificationAction::labels),
            _ => FieldKind::Text,
        }
    }

    /// Finds the column a header names: the header itself or an alias, after
    /// trimming, folding, dropping inner spaces and a trailing "*" or "（必填）".
    pub fn from_header(header: &str) -> Option<PersonField> {
        let key = header_key(header);
        Self::ALL.into_iter().find(|f| {
            header_key(f.header()) == key || f.aliases().iter().any(|a| header_key(a) == key)
        })
    }

    /// The value as text, in the form the exporter writes and the importer reads.
    pub fn get(self, p: &Person) -> String {
        use PersonField::*;
        let d = &p.diploma;
        let t = &p.title;
        match self {
            Seq => p.seq.map(|s| s.to_string()).unwrap_or_default(),
            Name => p.name.clone(),
            IdNumber => opt_text(&p.id_number),
            Post => opt_text(&p.post),
            Employment => label_text(p.employment, EmploymentForm::label),
            HireDate => date_text(p.hire_date),
            LeaveDate => date_text(p.leave_date),
            OnDuty => bool_text(p.on_duty),
            Disclosed => bool_text(p.disclosed),
            FirstCertDate => date_text(p.first_cert_date),
            Education => label_text(d.level, EducationLevel::label),
            School => opt_text(&d.school),
            Major => opt_text(&d.major),
            GraduationDate => date_text(d.graduation_date),
            DiplomaNumber => opt_text(&d.number),
            DiplomaSubmitted => bool_text(d.submitted),
            DiplomaMethod => label_text(d.method, super::enums::DiplomaMethod::label),
            DiplomaReference => opt_text(&d.reference),
            DiplomaVerifiedOn => date_text(d.verified_on),
            DiplomaResult => label_text(d.result, VerifyResult::label),
            TitleName => opt_text(&t.name),
            TitleMajor => opt_text(&t.major),
            TitleCertNumber => opt_text(&t.cert_number),
            TitleIssuer => opt_text(&t.issuer),
            TitleObtainedOn => date_text(t.obtained_on),
            TitleSubmitted => bool_text(t.submitted),
            TitleMethod => label_text(t.method, super::enums::TitleMethod::label),
            TitleReference => opt_text(&t.reference),
            TitleVerifiedOn => date_text(t.verified_on),
            TitleResult => label_text(t.result, VerifyResult::label),
            RectificationAction => label_text(
                p.rectification.action,
                super::enums::RectificationAction::label,
            ),
            RectificationText => opt_text(&p.rectification.text),
            Note => opt_text(&p.note),
        }
    }

    /// Sets the field from text; empty text clears it (姓名 cannot be cleared).
    /// On error the person is unchanged and the message says what is expected.
    pub fn set(self, p: &mut Person, text: &str) -> Result<(), String> {
        use PersonField::*;
        // Free text keeps its Chinese punctuation; lists and dates parse their own way.
        let s = clean_text_opt(text);
        match self {
            Seq => {
                p.seq = match &s {
                    None => None,
                    Some(v) => Some(
                        v.parse::<i64>()
                            .ok()
                            .or_else(|| {
                                v.parse::<f64>()
                                    .ok()
                                    .filter(|f| f.fract() == 0.0)
                                    .map(|f| f as i64)
                            })
                            .filter(|n| *n >= 0)
                            .ok_or_else(|| format!("“{v}”不是有效序号，应为整数"))?,
                    ),
                }
            }
            Name => {
                p.name = s
                    .map(|v| super::text::normalize_name(&v))
                    .ok_or_else(|| "姓名不能为空".to_string())?
            }
            IdNumber => p.id_number = s.map(|v| super::text::normalize_id_number(&v)),
            Post => p.post = s,
            Employment => p.employment = EmploymentForm::parse(text)?,
            HireDate => p.hire_date = parse_date(text)?,
            LeaveDate => p.leave_date = parse_date(text)?,
            OnDuty => p.on_duty = parse_yes_no(text)?,
            Disclosed => p.disclosed = parse_yes_no(text)?,
            FirstCertDate => p.first_cert_date = parse_date(text)?,
            Education => p.diploma.level = EducationLevel::parse(text)?,
            School => p.diploma.school = s,
            Major => p.diploma.major = s,
            GraduationDate => p.diploma.graduation_date = parse_date(text)?,
            DiplomaNumber => p.diploma.number = s,
            DiplomaSubmitted => p.diploma.submitted = parse_yes_no(text)?,
            DiplomaMethod => p.diploma.method = super::enums::DiplomaMethod::parse(text)?,
            DiplomaReference => p.diploma.reference = s.map(|v| v.to_ascii_uppercase()),
            DiplomaVerifiedOn => p.diploma.verified_on = parse_date(text)?,
            DiplomaResult => p.diploma.result = VerifyResult::parse(text)?,
            TitleName => p.title.name = s,
            TitleMajor => p.title.major = s,
            TitleCertNumber => p.title.cert_number = s,
            TitleIssuer => p.title.issuer = s,
            TitleObtainedOn => p.title.obtained_on = parse_date(text)?,
            TitleSubmitted => p.title.submitted = parse_yes_no(text)?,
            TitleMethod => p.title.method = super::enums::TitleMethod::parse(text)?,
            TitleReference => p.title.reference = s,
            TitleVerifiedOn => p.title.verified_on = parse_date(text)?,
            TitleResult => p.title.result = VerifyResult::parse(text)?,
            RectificationAction => {
                p.rectification.action = super::enums::RectificationAction::parse(text)?
            }
            RectificationText => p.rectification.text = s,
            Note => p.note = s,
        }
        Ok(())
    }
}

/// The normal form headers are compared in.
pub fn header_key(header: &str) -> String {
    let folded: String = super::text::fold_width(header)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    folded
        .trim_end_matches("（必填）")
        .trim_end_matches("(必填)")
        .trim_end_matches('*')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_aliases_resolve() {
        assert_eq!(PersonField::from_header("姓 名"), Some(PersonField::Name));
        assert_eq!(PersonField::from_header("姓名*"), Some(PersonField::Name));
        assert_eq!(
            PersonField::from_header("姓名（必填）"),
            Some(PersonField::Name)
        );
        assert_eq!(
            PersonField::from_header("身份证号码"),
            Some(PersonField::IdNumber)
        );
        assert_eq!(
            PersonField::from_header("学历"),
            Some(PersonField::Education)
        );
        assert_eq!(
            PersonField::from_header("职称"),
            Some(PersonField::TitleName)
        );
        assert_eq!(PersonField::from_header("籍贯"), None);
        let mut headers: Vec<_> = PersonField::ALL
            .iter()
            .map(|f| header_key(f.header()))
            .collect();
        headers.sort();
        headers.dedup();
        assert_eq!(headers.len(), PersonField::ALL.len());
    }

    #[test]
    fn every_field_round_trips_through_text() {
        let mut p = Person::new("张三");
        let values = [
            (PersonField::Seq, "3"),
            (PersonField::IdNumber, "11010519491231002X"),
            (PersonField::Employment, "全职"),
            (PersonField::HireDate, "2020-01-02"),
            (PersonField::OnDuty, "是"),
            (PersonField::Education, "本科"),
            (PersonField::DiplomaMethod, "学信网备案表"),
            (PersonField::DiplomaResult, "一致"),
            (PersonField::TitleMethod, "职改批文"),
            (PersonField::RectificationAction, "整改中"),
            (PersonField::Note, "备注文字"),
        ];
        for (f, v) in values {
            f.set(&mut p, v).unwrap();
            assert_eq!(f.get(&p), v, "{f:?}");
        }
        let before = p.clone();
        assert!(PersonField::HireDate.set(&mut p, "2024-13-45").is_err());
        assert!(PersonField::Employment.set(&mut p, "合同工").is_err());
        assert!(PersonField::Name.set(&mut p, " ").is_err());
        assert_eq!(p, before);
    }

    /// The form and every import set 姓名 and 身份证号 here: both are kept as
    /// one clerk would write them (see `text::normalize_name`).
    #[test]
    fn name_and_id_number_are_normalised_where_they_are_set() {
        let mut p = Person::new("x");
        for (f, typed, kept) in [
            (PersonField::Name, "王　伟", "王伟"),
            (PersonField::Name, " 阿依古丽 • 买买提 ", "阿依古丽·买买提"),
            (PersonField::Name, "John   Smith", "John Smith"),
            (
                PersonField::IdNumber,
                "110105 19491231 002x",
                "11010519491231002X",
            ),
            (
                PersonField::IdNumber,
                "１１０１０５１９４９１２３１００２ｘ",
                "11010519491231002X",
            ),
        ] {
            f.set(&mut p, typed).unwrap();
            assert_eq!(f.get(&p), kept, "{typed:?}");
        }
        assert!(PersonField::Name.set(&mut p, "\u{3000}\u{3000}").is_err());
    }
}
