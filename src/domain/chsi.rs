//! 学信网 备案表 (《教育部学历证书电子注册备案表》) as facts: its fields, with
//! their labels in one place, and the fields read from one attachment
//! (issue 15). Reading them from a PDF is `crate::xuexin`.

use std::collections::BTreeMap;

/// One field of a 备案表, in the order the form prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordField {
    /// 更新日期.
    Updated,
    /// 姓名.
    Name,
    /// 性别.
    Sex,
    /// 出生日期.
    Birth,
    /// 入学日期.
    Enrolled,
    /// 毕（结）业日期.
    Graduated,
    /// 学校名称.
    School,
    /// 专业.
    Major,
    /// 学制.
    Duration,
    /// 层次.
    Level,
    /// 学历类别.
    Category,
    /// 学习形式.
    StudyForm,
    /// 毕（结）业: whether the student graduated (毕业) or only completed (结业).
    Outcome,
    /// 证书编号.
    CertNumber,
    /// 校（院）长姓名.
    Principal,
    /// 在线验证码.
    Vcode,
}

impl RecordField {
    pub const ALL: [RecordField; 16] = [
        RecordField::Updated,
        RecordField::Name,
        RecordField::Sex,
        RecordField::Birth,
        RecordField::Enrolled,
        RecordField::Graduated,
        RecordField::School,
        RecordField::Major,
        RecordField::Duration,
        RecordField::Level,
        RecordField::Category,
        RecordField::StudyForm,
        RecordField::Outcome,
        RecordField::CertNumber,
        RecordField::Principal,
        RecordField::Vcode,
    ];

    /// The label the form prints.
    pub fn label(self) -> &'static str {
        match self {
            RecordField::Updated => "更新日期",
            RecordField::Name => "姓名",
            RecordField::Sex => "性别",
            RecordField::Birth => "出生日期",
            RecordField::Enrolled => "入学日期",
            RecordField::Graduated => "毕（结）业日期",
            RecordField::School => "学校名称",
            RecordField::Major => "专业",
            RecordField::Duration => "学制",
            RecordField::Level => "层次",
            RecordField::Category => "学历类别",
            RecordField::StudyForm => "学习形式",
            RecordField::Outcome => "毕（结）业",
            RecordField::CertNumber => "证书编号",
            RecordField::Principal => "校（院）长姓名",
            RecordField::Vcode => "在线验证码",
        }
    }

    /// The stable key stored in the database and used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            RecordField::Updated => "updated",
            RecordField::Name => "name",
            RecordField::Sex => "sex",
            RecordField::Birth => "birth",
            RecordField::Enrolled => "enrolled",
            RecordField::Graduated => "graduated",
            RecordField::School => "school",
            RecordField::Major => "major",
            RecordField::Duration => "duration",
            RecordField::Level => "level",
            RecordField::Category => "category",
            RecordField::StudyForm => "study_form",
            RecordField::Outcome => "outcome",
            RecordField::CertNumber => "cert_number",
            RecordField::Principal => "principal",
            RecordField::Vcode => "vcode",
        }
    }

    /// The field whose stable key is `key`.
    pub fn from_key(key: &str) -> Option<RecordField> {
        RecordField::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// The fields read from one 备案表 (a field the file does not carry is absent):
/// facts of the person, kept per attachment (附件).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChsiRecord {
    /// The attachment they were read from (0 before it is stored).
    pub attachment_id: i64,
    pub fields: BTreeMap<RecordField, String>,
}

impl ChsiRecord {
    pub fn get(&self, field: RecordField) -> Option<&str> {
        self.fields.get(&field).map(String::as_str)
    }

    /// The fields in form order as “标签：值” lines, for the CLI and the screen.
    pub fn lines(&self) -> Vec<String> {
        self.fields
            .iter()
            .map(|(f, v)| format!("{}：{v}", f.label()))
            .collect()
    }
}
