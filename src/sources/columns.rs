//! The columns each source is read by, and every spelling real exports use for
//! them, in one table. A header matches a spelling after the folding of
//! [`header_key`] (white space, width, brackets and a trailing "*" ignored).

use crate::domain::fields::header_key;
use crate::domain::limits::FieldSize;

use super::SourceKind;

/// One column a source knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// 姓名.
    Name,
    /// 身份证号 (also 证件号码, 社会保障号码: the same number).
    IdNumber,
    /// 费款所属期: the month paid for.
    Month,
    /// 开始年月 of a range of months.
    MonthFrom,
    /// 结束年月 of a range of months.
    MonthTo,
    /// 险种: the kind of insurance.
    InsuranceKind,
    /// 单位名称: the paying unit.
    Payer,
    /// 报告编号.
    ReportNumber,
    /// 出具日期 (or 检验日期, 签发日期).
    ReportDate,
    /// The persons who inspected (检验人员): signers of the report.
    Inspectors,
    /// 审核: who reviewed the report.
    Reviewer,
    /// 批准: who approved the report.
    Approver,
}

impl Column {
    /// The name the clerk sees (mapping dialog, messages, `--column`).
    pub fn label(self) -> &'static str {
        match self {
            Column::Name => "姓名",
            Column::IdNumber => "身份证号",
            Column::Month => "缴费月份",
            Column::MonthFrom => "开始年月",
            Column::MonthTo => "结束年月",
            Column::InsuranceKind => "险种",
            Column::Payer => "缴费单位",
            Column::ReportNumber => "报告编号",
            Column::ReportDate => "报告日期",
            Column::Inspectors => "检验人员",
            Column::Reviewer => "审核人员",
            Column::Approver => "批准人员",
        }
    }

    /// The spellings of the header, the label first.
    pub fn spellings(self) -> &'static [&'static str] {
        match self {
            Column::Name => &[
                "姓名",
                "人员姓名",
                "参保人姓名",
                "参保人",
                "职工姓名",
                "员工姓名",
                "个人姓名",
                "被保险人姓名",
            ],
            Column::IdNumber => &[
                "身份证号",
                "身份证号码",
                "证件号码",
                "证件号",
                "公民身份号码",
                "公民身份证号码",
                "社会保障号码",
                "社会保障号",
                "社保号码",
                "个人社保号",
            ],
            Column::Month => &[
                "缴费月份",
                "费款所属期",
                "缴费年月",
                "所属期",
                "所属年月",
                "费款所属年月",
                "缴费所属期",
                "结算期",
                "对应费款所属期",
                "月份",
            ],
            Column::MonthFrom => &[
                "开始年月",
                "起始年月",
                "缴费起始年月",
                "开始时间",
                "起始时间",
                "起始月份",
                "费款所属期起",
                "缴费开始年月",
            ],
            Column::MonthTo => &[
                "结束年月",
                "终止年月",
                "截止年月",
                "缴费终止年月",
                "结束时间",
                "终止时间",
                "截止月份",
                "费款所属期止",
                "缴费结束年月",
            ],
            Column::InsuranceKind => &["险种", "险种类型", "险种名称", "保险类型", "险种类别"],
            Column::Payer => &[
                "缴费单位",
                "单位名称",
                "参保单位",
                "参保单位名称",
                "缴费单位名称",
                "单位",
                "用人单位",
            ],
            Column::ReportNumber => &[
                "报告编号",
                "报告号",
                "报告书编号",
                "检验报告编号",
                "检测报告编号",
                "报告书号",
            ],
            Column::ReportDate => &[
                "报告日期",
                "出具日期",
                "签发日期",
                "检验日期",
                "检测日期",
                "报告出具日期",
                "编制日期",
            ],
            Column::Inspectors => &[
                "检验人员",
                "检验员",
                "检测人员",
                "检验人",
                "检测员",
                "检测人",
                "主检",
                "主检人",
                "检验检测人员",
                "现场检验人员",
            ],
            Column::Reviewer => &["审核人员", "审核", "审核人", "校核", "校核人"],
            Column::Approver => &["批准人员", "批准", "批准人", "签发人", "签发"],
        }
    }

    /// The column a header stands for, if any.
    pub fn for_header(header: &str, kind: SourceKind) -> Option<Column> {
        let key = header_key(header);
        if key.is_empty() {
            return None;
        }
        kind.columns()
            .iter()
            .copied()
            .find(|c| c.spellings().iter().any(|s| header_key(s) == key))
    }

    /// Finds a column by its label or a spelling (the `--column` argument).
    pub fn find(text: &str, kind: SourceKind) -> Option<Column> {
        Column::for_header(text, kind)
    }

    /// How long the column's values may be.
    pub fn size(self) -> FieldSize {
        match self {
            Column::Name => FieldSize::Name,
            Column::Payer | Column::InsuranceKind => FieldSize::Text,
            // Several names in one cell.
            Column::Inspectors | Column::Reviewer | Column::Approver => FieldSize::Text,
            _ => FieldSize::Code,
        }
    }

    /// The role written into the evidence's 说明 for a signer column.
    pub fn role(self) -> Option<&'static str> {
        match self {
            Column::Inspectors => Some("检验"),
            Column::Reviewer => Some("审核"),
            Column::Approver => Some("批准"),
            _ => None,
        }
    }
}

impl SourceKind {
    /// The columns the source reads, in the order the mapping dialog lists them.
    pub fn columns(self) -> &'static [Column] {
        use Column::*;
        match self {
            SourceKind::PaymentList => &[Name, IdNumber, Month, InsuranceKind, Payer],
            SourceKind::Proof => &[
                Name,
                IdNumber,
                Month,
                MonthFrom,
                MonthTo,
                InsuranceKind,
                Payer,
            ],
            SourceKind::Ledger => &[ReportNumber, ReportDate, Inspectors, Reviewer, Approver],
        }
    }
}

/// Whether a 险种 counts toward continuity: the basic pension insurance only
/// (企业职工基本养老保险, 机关事业单位基本养老保险, 养老保险 …), never an annuity
/// (职业年金, 企业年金), as the draft TSG Z7001 amendment defines the
/// full-time worker by the pension insurance.
pub fn is_pension(kind: &str) -> bool {
    let k = header_key(kind);
    k.contains("养老") && !k.contains("年金") && !k.contains("补充")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_spellings_are_recognised() {
        for (header, kind, col) in [
            ("证件号码", SourceKind::PaymentList, Column::IdNumber),
            ("身份证号码", SourceKind::PaymentList, Column::IdNumber),
            ("费款所属期", SourceKind::PaymentList, Column::Month),
            ("缴费年月", SourceKind::PaymentList, Column::Month),
            (" 所属期 ", SourceKind::PaymentList, Column::Month),
            ("险种类型", SourceKind::PaymentList, Column::InsuranceKind),
            ("参保单位", SourceKind::PaymentList, Column::Payer),
            ("开始年月", SourceKind::Proof, Column::MonthFrom),
            ("截止年月", SourceKind::Proof, Column::MonthTo),
            ("检验员", SourceKind::Ledger, Column::Inspectors),
            ("签发日期", SourceKind::Ledger, Column::ReportDate),
            ("批准", SourceKind::Ledger, Column::Approver),
            ("报告编号*", SourceKind::Ledger, Column::ReportNumber),
        ] {
            assert_eq!(Column::for_header(header, kind), Some(col), "{header}");
        }
        assert_eq!(
            Column::for_header("缴费基数", SourceKind::PaymentList),
            None
        );
        assert_eq!(
            Column::for_header("开始年月", SourceKind::PaymentList),
            None
        );
        assert_eq!(Column::for_header("", SourceKind::Ledger), None);
    }

    #[test]
    fn only_basic_pension_counts() {
        for k in [
            "企业职工基本养老保险",
            "机关事业单位基本养老保险",
            "养老保险",
            "基本养老",
            "城镇企业职工基本养老保险",
        ] {
            assert!(is_pension(k), "{k}");
        }
        for k in [
            "职业年金",
            "企业年金",
            "失业保险",
            "工伤保险",
            "基本医疗保险",
            "补充养老保险",
        ] {
            assert!(!is_pension(k), "{k}");
        }
    }
}
