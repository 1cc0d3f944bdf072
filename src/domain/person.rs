//! A certified person (持证人员) and the records attached to them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::enums::*;
use super::month::YearMonth;

/// One certified person: every column of the 人员 sheet, plus the rows of the
/// 证书, 社保 and 工作见证 sheets that belong to them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// The store's key; `None` until saved.
    pub id: Option<i64>,
    /// 序号: order on the form (else the order of entry).
    pub seq: Option<i64>,
    /// 姓名.
    pub name: String,
    /// 身份证号 (居民身份证号码), unique in the roster when present.
    pub id_number: Option<String>,
    /// 岗位: the post held, e.g. 检验员岗.
    pub post: Option<String>,
    /// 用工形式.
    pub employment: Option<EmploymentForm>,
    /// 入职日期.
    pub hire_date: Option<NaiveDate>,
    /// 离职日期.
    pub leave_date: Option<NaiveDate>,
    /// 是否实际履职: whether the person actually performs the post.
    pub on_duty: Option<bool>,
    /// 执业公示: whether the person is publicly listed as practising here.
    pub disclosed: Option<bool>,
    /// 初次取证日期: the date of first certification (else the earliest 发证日期).
    pub first_cert_date: Option<NaiveDate>,
    pub diploma: Diploma,
    pub title: Title,
    pub rectification: Rectification,
    /// 备注.
    pub note: Option<String>,
    /// 证书.
    pub certificates: Vec<Certificate>,
    /// 社保: one entry per month paid (and payer).
    pub social_insurance: Vec<SocialInsuranceMonth>,
    /// 工作见证.
    pub evidence: Vec<Evidence>,
    /// The 学信网 备案表 read from the person's current attachments (issue 15):
    /// facts read from files, not typed, so not part of the person's own record.
    #[serde(skip)]
    pub chsi_records: Vec<super::ChsiRecord>,
}

/// The diploma (学历) submitted at first certification and its verification.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Diploma {
    /// 初次取证提交学历; empty means 是.
    pub submitted: Option<bool>,
    /// 学历层次.
    pub level: Option<EducationLevel>,
    /// 毕业院校.
    pub school: Option<String>,
    /// 专业.
    pub major: Option<String>,
    /// 毕业日期.
    pub graduation_date: Option<NaiveDate>,
    /// 学历证书编号.
    pub number: Option<String>,
    /// 学历核验方式.
    pub method: Option<DiplomaMethod>,
    /// 学历核验编号: the 在线验证码 or the report number.
    pub reference: Option<String>,
    /// 学历核验日期.
    pub verified_on: Option<NaiveDate>,
    /// 学历核验结果.
    pub result: Option<VerifyResult>,
}

impl Diploma {
    /// 初次取证提交学历, with its default (是).
    pub fn is_submitted(&self) -> bool {
        self.submitted.unwrap_or(true)
    }
}

/// The professional title (职称) submitted at first certification and its verification.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Title {
    /// 初次取证提交职称; empty means 是 when a 职称名称 is given.
    pub submitted: Option<bool>,
    /// 职称名称, e.g. 工程师.
    pub name: Option<String>,
    /// 职称专业.
    pub major: Option<String>,
    /// 职称证书编号.
    pub cert_number: Option<String>,
    /// 职称发证机关.
    pub issuer: Option<String>,
    /// 职称取得日期.
    pub obtained_on: Option<NaiveDate>,
    /// 职称核验方式.
    pub method: Option<TitleMethod>,
    /// 职称核验编号.
    pub reference: Option<String>,
    /// 职称核验日期.
    pub verified_on: Option<NaiveDate>,
    /// 职称核验结果.
    pub result: Option<VerifyResult>,
}

impl Title {
    /// 初次取证提交职称, with its default (是 when a title name is given).
    pub fn is_submitted(&self) -> bool {
        self.submitted.unwrap_or(self.name.is_some())
    }
}

/// 整改: what was done about the problems found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Rectification {
    /// 整改措施.
    pub action: Option<RectificationAction>,
    /// 整改情况说明.
    pub text: Option<String>,
}

impl Rectification {
    pub fn is_empty(&self) -> bool {
        self.action.is_none() && self.text.is_none()
    }
}

/// 证书: one certificate item a person holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Certificate {
    /// 证书项目, e.g. 检验师(DS), RT-Ⅱ.
    pub item: String,
    /// 证书编号.
    pub number: Option<String>,
    /// 发证日期.
    pub issued_on: Option<NaiveDate>,
    /// 有效期至.
    pub valid_until: Option<NaiveDate>,
}

/// Where an imported record came from (来源): the file it was read from and its
/// row. A record without one was typed by hand (手工录入), in the app or in the
/// roster workbook, and stays editable; an imported one is read-only.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Origin {
    /// The store's key of the source file (its name, SHA-256, import time).
    pub source: i64,
    /// The file name, as the reasons name the source; shared by every record
    /// of the file (a ledger gives hundreds of thousands).
    pub file: std::sync::Arc<str>,
    /// The row of the file, as Excel numbers it.
    pub row: u32,
}

/// 社保: one month of social insurance and who paid it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SocialInsuranceMonth {
    /// 缴费月份.
    pub month: YearMonth,
    /// 缴费单位; `None` means the agency itself.
    pub payer: Option<String>,
    /// Where it was imported from; `None` when typed by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

impl SocialInsuranceMonth {
    /// A month typed by hand.
    pub fn typed(month: YearMonth, payer: Option<String>) -> Self {
        SocialInsuranceMonth {
            month,
            payer,
            origin: None,
        }
    }
}

/// 工作见证: one piece of traceable work evidence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// 日期.
    pub date: NaiveDate,
    /// 类型.
    pub kind: Option<EvidenceKind>,
    /// 编号, e.g. a report number.
    pub number: Option<String>,
    /// 说明.
    pub description: Option<String>,
    /// Where it was imported from; `None` when typed by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

impl Evidence {
    /// What makes two evidence records the same record, wherever they came from.
    pub fn key(&self) -> (NaiveDate, Option<EvidenceKind>, Option<&str>, Option<&str>) {
        (
            self.date,
            self.kind,
            self.number.as_deref(),
            self.description.as_deref(),
        )
    }
}

impl Person {
    pub fn new(name: impl Into<String>) -> Self {
        Person {
            name: name.into(),
            ..Default::default()
        }
    }

    /// 初次取证日期, or the earliest 发证日期 among the certificates when empty.
    pub fn effective_first_cert_date(&self) -> Option<NaiveDate> {
        self.first_cert_date
            .or_else(|| self.certificates.iter().filter_map(|c| c.issued_on).min())
    }
}
