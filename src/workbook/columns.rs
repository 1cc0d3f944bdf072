//! The sheets of the roster workbook (台账工作簿) and their columns, in one place:
//! the importer, the exporter, the template and the rejected-rows file all read
//! them from here. The 人员 sheet's columns are [`PersonField`]s; the other
//! sheets' columns are defined below the same way.

use crate::domain::fields::header_key;
use crate::domain::limits::FieldSize;
use crate::domain::{EvidenceKind, FieldKind, PersonField, SettingKey};

/// One sheet of the roster workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SheetKind {
    /// 人员: one row per certified person (the only required sheet).
    Persons,
    /// 证书: one row per certificate item.
    Certificates,
    /// 社保: social-insurance months, one per row or as a range.
    SocialInsurance,
    /// 工作见证: traceable work evidence.
    Evidence,
    /// 人员条件: the staffing table.
    Staffing,
    /// 单位信息: 项目 | 内容 rows.
    Agency,
}

impl SheetKind {
    /// Every sheet, in the order the template writes them.
    pub const ALL: [SheetKind; 6] = [
        SheetKind::Persons,
        SheetKind::Certificates,
        SheetKind::SocialInsurance,
        SheetKind::Evidence,
        SheetKind::Staffing,
        SheetKind::Agency,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SheetKind::Persons => "人员",
            SheetKind::Certificates => "证书",
            SheetKind::SocialInsurance => "社保",
            SheetKind::Evidence => "工作见证",
            SheetKind::Staffing => "人员条件",
            SheetKind::Agency => "单位信息",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            SheetKind::Persons => &["人员信息", "人员名单", "持证人员", "人员台账"],
            SheetKind::Certificates => &["证书信息", "资格证书", "持证项目"],
            SheetKind::SocialInsurance => &["社保缴纳", "社保记录", "社会保险", "社保缴费"],
            SheetKind::Evidence => &["见证", "工作记录", "见证材料"],
            SheetKind::Staffing => &["人员资源条件", "核准条件"],
            SheetKind::Agency => &["单位", "基本信息", "单位基本信息"],
        }
    }

    /// The sheet a workbook's sheet name stands for.
    pub fn from_name(name: &str) -> Option<SheetKind> {
        let key = header_key(name);
        Self::ALL.into_iter().find(|k| {
            header_key(k.name()) == key || k.aliases().iter().any(|a| header_key(a) == key)
        })
    }

    /// The sheet's columns, in template order.
    pub fn columns(self) -> Vec<Col> {
        use Col::*;
        match self {
            SheetKind::Persons => PersonField::ALL.into_iter().map(Person).collect(),
            SheetKind::Certificates => vec![
                Person(PersonField::Name),
                Person(PersonField::IdNumber),
                CertItem,
                CertNumber,
                CertIssuedOn,
                CertValidUntil,
            ],
            SheetKind::SocialInsurance => vec![
                Person(PersonField::Name),
                Person(PersonField::IdNumber),
                SiMonth,
                SiFrom,
                SiTo,
                SiPayer,
            ],
            SheetKind::Evidence => vec![
                Person(PersonField::Name),
                Person(PersonField::IdNumber),
                EvDate,
                EvKind,
                EvNumber,
                EvDescription,
            ],
            SheetKind::Staffing => vec![StaffCategory, StaffPatterns, StaffMin],
            SheetKind::Agency => vec![AgencyItem, AgencyValue],
        }
    }

    /// The column whose header marks the header row and must be present.
    pub fn key_column(self) -> Col {
        match self {
            SheetKind::Staffing => Col::StaffCategory,
            SheetKind::Agency => Col::AgencyItem,
            _ => Col::Person(PersonField::Name),
        }
    }

    /// The column a sheet of this kind finds by `header`, if any.
    pub fn column_for(self, header: &str) -> Option<Col> {
        let key = header_key(header);
        if key.is_empty() {
            return None;
        }
        self.columns().into_iter().find(|c| {
            header_key(c.header()) == key || c.aliases().iter().any(|a| header_key(a) == key)
        })
    }
}

/// One column of one sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    /// A column of the 人员 sheet; 姓名 and 身份证号 also head the child sheets.
    Person(PersonField),
    CertItem,
    CertNumber,
    CertIssuedOn,
    CertValidUntil,
    SiMonth,
    SiFrom,
    SiTo,
    SiPayer,
    EvDate,
    EvKind,
    EvNumber,
    EvDescription,
    StaffCategory,
    StaffPatterns,
    StaffMin,
    AgencyItem,
    AgencyValue,
}

/// What a column holds, for formats and drop-downs beyond [`FieldKind`].
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// Free text, written as text so long numbers keep every digit.
    Text,
    Integer,
    Date,
    Month,
    /// A closed list (yes/no included): the labels.
    List(fn() -> Vec<&'static str>),
    /// 单位信息's 内容: mixed.
    Mixed,
}

fn yes_no() -> Vec<&'static str> {
    vec!["是", "否"]
}

fn setting_labels() -> Vec<&'static str> {
    SettingKey::ALL.iter().map(|k| k.label()).collect()
}

impl Col {
    pub fn header(self) -> &'static str {
        use Col::*;
        match self {
            Person(f) => f.header(),
            CertItem => "证书项目",
            CertNumber => "证书编号",
            CertIssuedOn => "发证日期",
            CertValidUntil => "有效期至",
            SiMonth => "缴费月份",
            SiFrom => "起始月份",
            SiTo => "终止月份",
            SiPayer => "缴费单位",
            EvDate => "日期",
            EvKind => "类型",
            EvNumber => "编号",
            EvDescription => "说明",
            StaffCategory => "类别",
            StaffPatterns => "证书项目",
            StaffMin => "最少人数",
            AgencyItem => "项目",
            AgencyValue => "内容",
        }
    }

    pub fn aliases(self) -> &'static [&'static str] {
        use Col::*;
        match self {
            Person(f) => f.aliases(),
            CertItem => &["项目", "持证项目", "资格项目", "证书种类", "证书类别"],
            CertNumber => &["证书号", "证号", "证书号码"],
            CertIssuedOn => &["发证时间", "取证日期", "批准日期"],
            CertValidUntil => &["有效期", "有效期限", "有效日期", "到期日期"],
            SiMonth => &["月份", "缴费年月", "缴纳月份", "所属月份"],
            SiFrom => &["开始月份", "起始年月"],
            SiTo => &["结束月份", "终止年月", "截止月份"],
            SiPayer => &["缴纳单位", "参保单位"],
            EvDate => &["见证日期", "工作日期"],
            EvKind => &["见证类型"],
            EvNumber => &["报告编号", "记录编号"],
            EvDescription => &["内容说明", "备注"],
            StaffCategory => &["人员类别"],
            StaffPatterns => &["持证项目"],
            StaffMin => &["人数", "最低人数", "最少数量"],
            AgencyItem => &[],
            AgencyValue => &["值"],
        }
    }

    pub fn required(self) -> bool {
        use Col::*;
        match self {
            Person(f) => f.required(),
            CertItem | EvDate | StaffCategory | StaffPatterns | StaffMin | AgencyItem => true,
            _ => false,
        }
    }

    pub fn shape(self) -> Shape {
        use Col::*;
        match self {
            Person(f) => match f.kind() {
                FieldKind::Text => Shape::Text,
                FieldKind::Integer => Shape::Integer,
                FieldKind::Date => Shape::Date,
                FieldKind::YesNo => Shape::List(yes_no),
                FieldKind::Choice(labels) => Shape::List(labels),
            },
            CertIssuedOn | CertValidUntil | EvDate => Shape::Date,
            SiMonth | SiFrom | SiTo => Shape::Month,
            EvKind => Shape::List(EvidenceKind::labels),
            StaffMin => Shape::Integer,
            AgencyItem => Shape::List(setting_labels),
            AgencyValue => Shape::Mixed,
            _ => Shape::Text,
        }
    }

    /// How long a value of this column may be (issue 13): 姓名 50 characters,
    /// codes, numbers, dates and list values 64, free text 2,000. The one
    /// place that maps every column to its [`FieldSize`].
    pub fn size(self) -> FieldSize {
        use Col::*;
        match self {
            Person(PersonField::Name) => FieldSize::Name,
            Person(
                PersonField::IdNumber
                | PersonField::DiplomaNumber
                | PersonField::DiplomaReference
                | PersonField::TitleCertNumber
                | PersonField::TitleReference,
            ) => FieldSize::Code,
            Person(f) => match f.kind() {
                FieldKind::Text => FieldSize::Text,
                FieldKind::Integer | FieldKind::Date | FieldKind::YesNo | FieldKind::Choice(_) => {
                    FieldSize::Code
                }
            },
            CertNumber | CertIssuedOn | CertValidUntil | SiMonth | SiFrom | SiTo | EvDate
            | EvKind | EvNumber | StaffMin | AgencyItem => FieldSize::Code,
            CertItem | SiPayer | EvDescription | StaffCategory | StaffPatterns | AgencyValue => {
                FieldSize::Text
            }
        }
    }

    /// The header as the template writes it: required columns carry "*".
    pub fn template_header(self) -> String {
        if self.required() {
            format!("{}*", self.header())
        } else {
            self.header().to_string()
        }
    }

    /// A sensible column width, in characters.
    pub fn width(self) -> f64 {
        use Col::*;
        match self {
            Person(PersonField::Seq) => 6.0,
            Person(PersonField::Name) => 10.0,
            Person(PersonField::IdNumber) => 21.0,
            Person(PersonField::RectificationText) | Person(PersonField::Note) => 30.0,
            EvDescription | StaffPatterns | AgencyValue => 30.0,
            SiPayer | Person(PersonField::School) => 24.0,
            _ => match self.shape() {
                Shape::Date | Shape::Month => 12.0,
                _ => (self.header().chars().count() as f64 * 2.2 + 2.0).max(10.0),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_and_columns_resolve_by_name_and_alias() {
        assert_eq!(SheetKind::from_name(" 人员 "), Some(SheetKind::Persons));
        assert_eq!(
            SheetKind::from_name("社保缴纳"),
            Some(SheetKind::SocialInsurance)
        );
        assert_eq!(SheetKind::from_name("说明"), None);
        let si = SheetKind::SocialInsurance;
        assert_eq!(si.column_for("姓 名"), Some(Col::Person(PersonField::Name)));
        assert_eq!(
            si.column_for("身份证号码"),
            Some(Col::Person(PersonField::IdNumber))
        );
        assert_eq!(si.column_for("缴费月份（必填）"), Some(Col::SiMonth));
        assert_eq!(si.column_for("籍贯"), None);
        assert_eq!(
            SheetKind::Certificates.column_for("证书项目*"),
            Some(Col::CertItem)
        );
        assert_eq!(
            SheetKind::Staffing.column_for("证书项目"),
            Some(Col::StaffPatterns)
        );
    }

    #[test]
    fn every_column_has_a_size() {
        assert_eq!(Col::Person(PersonField::Name).size(), FieldSize::Name);
        assert_eq!(Col::Person(PersonField::IdNumber).size(), FieldSize::Code);
        assert_eq!(Col::Person(PersonField::HireDate).size(), FieldSize::Code);
        assert_eq!(Col::Person(PersonField::Employment).size(), FieldSize::Code);
        assert_eq!(Col::Person(PersonField::Note).size(), FieldSize::Text);
        assert_eq!(Col::SiMonth.size(), FieldSize::Code);
        assert_eq!(Col::SiPayer.size(), FieldSize::Text);
        assert_eq!(Col::EvDescription.size(), FieldSize::Text);
    }

    #[test]
    fn headers_are_unique_within_each_sheet() {
        for sheet in SheetKind::ALL {
            let mut keys: Vec<String> = Vec::new();
            for c in sheet.columns() {
                let mut own = vec![header_key(c.header())];
                own.extend(c.aliases().iter().map(|a| header_key(a)));
                own.sort();
                own.dedup();
                keys.extend(own);
            }
            let n = keys.len();
            keys.sort();
            keys.dedup();
            assert_eq!(
                keys.len(),
                n,
                "{sheet:?}: two columns share a header or alias"
            );
        }
    }
}
