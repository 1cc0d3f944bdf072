//! Every word printed on Annex 1 (附件1《特种设备检验检测机构自查情况统计表》), in one
//! place, worded as in the order (东市监函字〔2024〕40号, see domain.md). Both
//! renderers and the tests use these and nothing else.

/// The annex mark, top left.
pub const ANNEX: &str = "附件1";
/// The form's title (标题).
pub const TITLE: &str = "特种设备检验检测机构自查情况统计表";
/// 单位名称（盖章）, followed by the agency name; the round seal goes beside it.
pub const AGENCY: &str = "单位名称（盖章）：";
/// 单位主要负责人签字, followed by a blank line for the hand signature.
pub const HEAD: &str = "单位主要负责人签字：";

/// Part one (自查情况汇总).
pub const PART1: &str = "（一）自查情况汇总";
/// The eight summary items of part one, in the order's order and wording.
pub const SUMMARY_ITEMS: [&str; 8] = [
    "1.特种设备检验检测人员总数",
    "2.办理执业公示的特种设备检验检测人员数量",
    "3.持续缴纳社保的特种设备检验检测人员数量",
    "4.是否持续满足《核准规则》规定的人员资源条件",
    "共排查检验检测人员总数",
    "发现真实执业存在问题人数",
    "发现学历存在问题人数",
    "发现职称存在问题人数",
];

/// Part two (排查清单).
pub const PART2: &str = "（二）本单位工作的特种设备检验检测人员排查清单（注1）";
/// The six columns of part two.
pub const LIST_COLUMNS: [&str; 6] = [
    "序号",
    "姓名",
    "是否在本单位真实执业",
    "初次取证时提交的学历是否真实",
    "初次取证时提交的职称是否真实",
    "存在问题及整改情况说明",
];

/// Footer fields.
pub const FILLER: &str = "填表人姓名：";
pub const PHONE: &str = "联系电话：";
pub const FILL_DATE: &str = "填报日期：";
/// 填报说明, verbatim as the order prints it under the form (domain.md): note 1 is
/// what the list title's "（注1）" points at. Printed as one string in both files;
/// the heading and the text are split only for a caller that styles them apart.
pub const NOTES_TEXT: &str = "（填报说明：1.检验检测机构应对本单位的全部持证检验检测人员逐人逐行填写排查清单，并根据实际情况填写“是”、“否”，不涉及的填“-”；2.本表可根据实际需要添加行）";
/// The opening of [`NOTES_TEXT`]; `NOTES_HEADING` + `NOTES` == `NOTES_TEXT`.
pub const NOTES_HEADING: &str = "（填报说明：";
/// The rest of [`NOTES_TEXT`] after [`NOTES_HEADING`].
pub const NOTES: &str = "1.检验检测机构应对本单位的全部持证检验检测人员逐人逐行填写排查清单，并根据实际情况填写“是”、“否”，不涉及的填“-”；2.本表可根据实际需要添加行）";

/// The large diagonal mark on every page of a draft (草稿).
pub const DRAFT_MARK: &str = "草稿";
/// Why a form is a draft: nobody on the roster.
pub const DRAFT_EMPTY: &str = "台账中没有人员";
/// Why a form is a draft: 单位名称 not set.
pub const DRAFT_UNNAMED: &str = "未填写单位名称";

/// Why a form is a draft: persons still pending.
pub fn draft_pending(pending: usize) -> String {
    format!("尚有 {pending} 人待核实")
}

/// The line on every page of a draft: its reasons (see [`super::FormStatus`]),
/// then that it is a draft.
pub fn draft_line(reasons: &[String]) -> String {
    format!("{}，本表为草稿，不得报送", reasons.join("，"))
}

/// What the program says of a final form (it is not printed on the form).
pub const FINAL_LINE: &str = "全部人员已核实，本表为正式表，可签字盖章报送。";

/// The page number line on every page (the XLSX passes the fields `&P`, `&N`).
pub fn page_line(page: impl std::fmt::Display, pages: impl std::fmt::Display) -> String {
    format!("第 {page} 页 共 {pages} 页")
}

/// The file name stem before the agency name and the date.
pub const FILE_STEM: &str = "附件1_特种设备检验检测机构自查情况统计表";
/// Stands for an empty agency name in a file name.
pub const UNNAMED_AGENCY: &str = "未填单位名称";
/// The sheet name of the XLSX.
pub const SHEET_NAME: &str = "附件1";

#[cfg(test)]
mod tests {
    use super::*;

    /// The order's own text of Annex 1 (domain.md, "Annex 1 (附件1), field by
    /// field" and the campaign section), copied verbatim: every fixed label of
    /// the form must be found in it as written.
    const ORDER: &str = concat!(
        "附件1《特种设备检验检测机构自查情况统计表》",
        "Header: 单位名称（盖章）, 单位主要负责人签字.",
        "（一）自查情况汇总: 1.特种设备检验检测人员总数 2.办理执业公示的特种设备检验检测人员数量 ",
        "3.持续缴纳社保的特种设备检验检测人员数量",
        "4.是否持续满足《核准规则》规定的人员资源条件; then 共排查检验检测人员总数, 发现真实执业存在问题人数, ",
        "发现学历存在问题人数,发现职称存在问题人数.",
        "（二）本单位工作的特种设备检验检测人员排查清单（注1）: 序号 | 姓名 | 是否在本单位真实执业 | ",
        "初次取证时提交的学历是否真实 | 初次取证时提交的职称是否真实 | 存在问题及整改情况说明.",
        "Footer: 填表人姓名, 联系电话, 填报日期, then verbatim: （填报说明：1.检验检测机构应对本单位的全部持证",
        "检验检测人员逐人逐行填写排查清单，并根据实际情况填写“是”、“否”，不涉及的填“-”；2.本表可根据实际需要添加行）",
    );

    /// A label as the order writes it: the form's trailing "：" (a blank to fill
    /// follows) is ours.
    fn in_order(label: &str) -> bool {
        ORDER.contains(label.trim_end_matches('：'))
    }

    #[test]
    fn every_fixed_label_is_the_orders_wording() {
        let labels = [
            ANNEX, TITLE, AGENCY, HEAD, PART1, PART2, FILLER, PHONE, FILL_DATE,
        ]
        .into_iter()
        .chain(SUMMARY_ITEMS)
        .chain(LIST_COLUMNS);
        for label in labels {
            assert!(in_order(label), "not the order's wording: {label}");
        }
    }

    #[test]
    fn the_notes_are_the_orders_verbatim_and_note_1_is_the_lists() {
        assert_eq!(
            NOTES_TEXT,
            "（填报说明：1.检验检测机构应对本单位的全部持证检验检测人员逐人逐行填写排查清单，\
             并根据实际情况填写“是”、“否”，不涉及的填“-”；2.本表可根据实际需要添加行）"
        );
        assert!(ORDER.contains(NOTES_TEXT));
        assert_eq!(format!("{NOTES_HEADING}{NOTES}"), NOTES_TEXT);
        assert!(PART2.ends_with("（注1）"));
        assert!(NOTES.starts_with("1.") && NOTES.contains("排查清单"));
    }
}
