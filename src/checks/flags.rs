//! Flags: automatic consistency checks (docs/RULES.md §4). A flag never decides 否
//! by itself; a blocking one holds an otherwise 是 at 待核实 until confirmed.

use serde::Serialize;

use crate::domain::VerdictKind;

/// Every flag code of docs/RULES.md §4, with whether it blocks and which verdict it blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FlagCode {
    IdChecksum,
    IdBirthdate,
    DiplomaNumberYear,
    DiplomaNumberLevel,
    DiplomaAfterFirstCert,
    DiplomaPre2001Chsi,
    DiplomaAge,
    DiplomaVcodeFormat,
    /// 学信网备案表与台账不符 (issue 15).
    DiplomaRecordMismatch,
    TitleBeforeGraduation,
    TitleAfterFirstCert,
    TitleTooEarly,
    CertExpired,
    /// 证书即将到期 (issue 15).
    CertExpiring,
    CertDuplicate,
}

impl FlagCode {
    pub const ALL: [FlagCode; 15] = [
        FlagCode::IdChecksum,
        FlagCode::IdBirthdate,
        FlagCode::DiplomaNumberYear,
        FlagCode::DiplomaNumberLevel,
        FlagCode::DiplomaAfterFirstCert,
        FlagCode::DiplomaPre2001Chsi,
        FlagCode::DiplomaAge,
        FlagCode::DiplomaVcodeFormat,
        FlagCode::DiplomaRecordMismatch,
        FlagCode::TitleBeforeGraduation,
        FlagCode::TitleAfterFirstCert,
        FlagCode::TitleTooEarly,
        FlagCode::CertExpired,
        FlagCode::CertExpiring,
        FlagCode::CertDuplicate,
    ];

    /// The stable code used in JSON, tests and confirmations.
    pub fn code(self) -> &'static str {
        match self {
            FlagCode::IdChecksum => "id.checksum",
            FlagCode::IdBirthdate => "id.birthdate",
            FlagCode::DiplomaNumberYear => "diploma.number_year",
            FlagCode::DiplomaNumberLevel => "diploma.number_level",
            FlagCode::DiplomaAfterFirstCert => "diploma.after_first_cert",
            FlagCode::DiplomaPre2001Chsi => "diploma.pre2001_chsi",
            FlagCode::DiplomaAge => "diploma.age",
            FlagCode::DiplomaVcodeFormat => "diploma.vcode_format",
            FlagCode::DiplomaRecordMismatch => "diploma.record_mismatch",
            FlagCode::TitleBeforeGraduation => "title.before_graduation",
            FlagCode::TitleAfterFirstCert => "title.after_first_cert",
            FlagCode::TitleTooEarly => "title.too_early",
            FlagCode::CertExpired => "cert.expired",
            FlagCode::CertExpiring => "cert.expiring",
            FlagCode::CertDuplicate => "cert.duplicate",
        }
    }

    /// A short Chinese name for lists and filters.
    pub fn label(self) -> &'static str {
        match self {
            FlagCode::IdChecksum => "身份证号校验不通过",
            FlagCode::IdBirthdate => "身份证号出生日期异常",
            FlagCode::DiplomaNumberYear => "学历证书编号年份与毕业年份不符",
            FlagCode::DiplomaNumberLevel => "学历证书编号层次与学历层次不符",
            FlagCode::DiplomaAfterFirstCert => "毕业晚于初次取证",
            FlagCode::DiplomaPre2001Chsi => "2001年前学历不能用学信网备案表核验",
            FlagCode::DiplomaAge => "毕业年龄异常",
            FlagCode::DiplomaVcodeFormat => "学信网在线验证码格式不符",
            FlagCode::DiplomaRecordMismatch => "学信网备案表与台账不符",
            FlagCode::TitleBeforeGraduation => "职称早于毕业",
            FlagCode::TitleAfterFirstCert => "职称晚于初次取证",
            FlagCode::TitleTooEarly => "职称取得年限不足",
            FlagCode::CertExpired => "证书已过期",
            FlagCode::CertExpiring => "证书即将到期",
            FlagCode::CertDuplicate => "证书编号重复",
        }
    }

    /// Whether an unconfirmed flag holds its verdict at 待核实.
    pub fn blocking(self) -> bool {
        !matches!(
            self,
            FlagCode::IdChecksum
                | FlagCode::IdBirthdate
                | FlagCode::DiplomaVcodeFormat
                | FlagCode::CertExpired
                | FlagCode::CertExpiring
                | FlagCode::CertDuplicate
        )
    }

    /// The verdict a blocking flag holds back.
    pub fn verdict(self) -> Option<VerdictKind> {
        match self.code().split('.').next() {
            Some("diploma") => Some(VerdictKind::Diploma),
            Some("title") => Some(VerdictKind::Title),
            _ => None,
        }
    }

    /// Finds a flag by its stable code (`title.too_early`) or by its Chinese
    /// label as `check` and the app show it (职称取得年限不足); white space and
    /// full-width letters are ignored. The error lists every label with its code.
    pub fn parse(text: &str) -> Result<FlagCode, String> {
        let key = |s: &str| -> String {
            crate::domain::text::fold_width(s)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        };
        let t = key(text);
        FlagCode::ALL
            .into_iter()
            .find(|f| f.code() == t || key(f.label()) == t)
            .ok_or_else(|| {
                let all: Vec<_> = FlagCode::ALL
                    .iter()
                    .map(|f| format!("{}（{}）", f.label(), f.code()))
                    .collect();
                format!(
                    "没有疑点“{}”，请填写疑点名称或疑点代码：{}",
                    text.trim(),
                    all.join("、")
                )
            })
    }

    /// The flag whose stable code is exactly `code`.
    pub fn from_code(code: &str) -> Option<FlagCode> {
        FlagCode::ALL.into_iter().find(|f| f.code() == code)
    }
}

impl Serialize for FlagCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// One flag raised on a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub code: FlagCode,
    pub blocking: bool,
    pub confirmed: bool,
    pub message: String,
}

impl Flag {
    pub fn new(code: FlagCode, message: impl Into<String>) -> Self {
        Flag {
            code,
            blocking: code.blocking(),
            confirmed: false,
            message: message.into(),
        }
    }

    /// Blocking and not yet confirmed.
    pub fn holds_back(&self) -> bool {
        self.blocking && !self.confirmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_is_found_by_its_label_or_its_code() {
        for f in FlagCode::ALL {
            assert_eq!(FlagCode::parse(f.code()), Ok(f));
            assert_eq!(FlagCode::parse(f.label()), Ok(f));
            assert_eq!(FlagCode::from_code(f.code()), Some(f));
        }
        assert_eq!(FlagCode::parse(" 证书 已过期 "), Ok(FlagCode::CertExpired));
        assert_eq!(
            FlagCode::parse("职称取得年限不足"),
            Ok(FlagCode::TitleTooEarly)
        );
        let err = FlagCode::parse("不存在").unwrap_err();
        assert!(
            err.contains("没有疑点“不存在”") && err.contains("证书已过期（cert.expired）"),
            "{err}"
        );
        let mut labels: Vec<_> = FlagCode::ALL.iter().map(|f| f.label()).collect();
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), FlagCode::ALL.len(), "labels are unique");
    }
}
