//! Every word printed on Annex 2 (附件2《特种设备检验检测机构规范化专业化建设年行动情况统计表》),
//! in one place, worded as the order prints it (domain.md, "Annex 2 … the form
//! as the order prints it"). Both renderers and the tests use these.

/// The annex mark, top left.
pub const ANNEX: &str = "附件2";
/// The form's title.
pub const TITLE: &str = "特种设备检验检测机构规范化专业化建设年行动情况统计表";
/// 单位名称（盖章）： followed by the regulator's name.
pub const AGENCY: &str = "单位名称（盖章）：";
/// Table (一).
pub const PART1: &str = "（一）特种设备检验检测机构自查和监督检查情况汇总";
/// The two row groups of table (一).
pub const GROUP_SELF: &str = "特种设备检验检测机构自查情况";
pub const GROUP_SUPERVISION: &str = "监管部门督导检查情况";

/// Which group a row of table (一) belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    SelfInspection,
    Supervision,
}

impl Group {
    /// The group's label, as printed in the first column of table (一).
    pub fn label(self) -> &'static str {
        match self {
            Group::SelfInspection => GROUP_SELF,
            Group::Supervision => GROUP_SUPERVISION,
        }
    }
}

/// One row of table (一): its left label and, on four rows, a right label, as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureRow {
    pub group: Group,
    pub left: &'static str,
    pub right: Option<&'static str>,
}

const fn row(group: Group, left: &'static str, right: Option<&'static str>) -> FigureRow {
    FigureRow { group, left, right }
}

/// Table (一), top to bottom.
pub const ROWS: [FigureRow; 13] = [
    row(Group::SelfInspection, "组织开展自查的机构总数（家）", None),
    row(
        Group::SelfInspection,
        "排查特种设备检验检测人员人数（人）",
        None,
    ),
    row(
        Group::SelfInspection,
        "其中：发现真实执业存在问题人数（人）",
        Some("已取消执业公示（人）"),
    ),
    row(
        Group::SelfInspection,
        "发现学历存在问题人数（人）",
        Some("已注销资质（人）"),
    ),
    row(
        Group::SelfInspection,
        "发现职称存在问题人数（人）",
        Some("已注销资质（人）"),
    ),
    row(
        Group::SelfInspection,
        "发现人员资源条件不满足《核准规则》规定的检验检测机构数量（家）",
        Some("已整改（家）"),
    ),
    row(
        Group::SelfInspection,
        "发现真实执业、学历、职称存在问题的检验检测机构数量（家）",
        Some("已整改（家）"),
    ),
    row(
        Group::Supervision,
        "开展检验检测质量监督检查的机构数量（家）",
        None,
    ),
    row(
        Group::Supervision,
        "其中：开展检验检测现场抽查的机构数量（家）",
        None,
    ),
    row(
        Group::Supervision,
        "发现存在违法违规行为的检验检测机构数量（家）",
        None,
    ),
    row(Group::Supervision, "其中：下达安全监察指令书（份）", None),
    row(Group::Supervision, "立案处罚数量（件）", None),
    row(Group::Supervision, "开展监督检查的考试机构数量（家）", None),
];

/// A label as a key: without "其中：" and without its unit suffix （人） （家） （份） （件）.
pub fn key_of(label: &str) -> &str {
    let l = label.strip_prefix("其中：").unwrap_or(label);
    for unit in ["（人）", "（家）", "（份）", "（件）"] {
        if let Some(k) = l.strip_suffix(unit) {
            return k;
        }
    }
    l
}

/// The unit of a label's figure, for the JSON ("人数" or "家数"…).
pub fn unit_word(label: &str) -> &'static str {
    if label.ends_with("（人）") {
        "人数"
    } else if label.ends_with("（份）") {
        "份数"
    } else if label.ends_with("（件）") {
        "件数"
    } else {
        "家数"
    }
}

/// List (二).
pub const PART2: &str = "（二）存在问题的特种设备检验检测机构和考试机构清单";
pub const LIST_COLUMNS: [&str; 4] = ["序号", "单位名称", "存在问题说明", "整改情况说明"];

/// Footer fields and the 填报说明, verbatim.
pub const FILLER: &str = "填表人姓名：";
pub const PHONE: &str = "联系电话：";
pub const FILL_DATE: &str = "填报日期：";
pub const NOTES_TEXT: &str = "（填报说明：可根据实际需要添加行）";

/// The draft mark and why Annex 2 is a draft.
pub const DRAFT_MARK: &str = "草稿";
pub fn draft_drafts(n: usize) -> String {
    format!("尚有 {n} 份附件1为草稿")
}
pub fn draft_unset(n: usize) -> String {
    format!("尚有 {n} 项数字未填写")
}
pub const DRAFT_NONE: &str = "尚未接收任何附件1";
pub const DRAFT_UNNAMED: &str = "未填写单位名称";

/// The file name stem.
pub const FILE_STEM: &str = "附件2_特种设备检验检测机构规范化专业化建设年行动情况统计表";
pub const SHEET_NAME: &str = "附件2";

/// Part (二)'s generated words.
pub const KIND_WORDS: [&str; 3] = ["真实执业", "学历", "职称"];
pub const STAFFING_PROBLEM: &str = "人员资源条件不满足《核准规则》规定";
pub const NO_ACTION: &str = "未填写整改情况";
/// Beside a part (二) text the regulator rewrote (screens and `annex2 list`; not printed).
pub const EDITED: &str = "已手工改写";

/// The cross-agency list (跨机构挂证疑点清单).
pub const CROSS_FILE: &str = "跨机构挂证疑点清单.xlsx";
pub const CROSS_SHEET: &str = "跨机构挂证疑点";
pub const CROSS_COLUMNS: [&str; 5] = ["类型", "姓名", "身份证号", "涉及机构及结论", "说明"];
pub const SAME_ID: &str = "同一身份证号在多个机构";
pub const SI_OTHER: &str = "社保由另一机构缴纳";
pub const SAME_NAME: &str = "同名，需核实";
pub const NAMES_ONLY: &str =
    "附件1不含身份证号：只收到附件1的机构只能按姓名比对，同名者列为“同名，需核实”";

#[cfg(test)]
mod tests {
    use super::*;

    /// domain.md's Annex 2 section, verbatim.
    const ORDER: &str = concat!(
        "Title 附件2; header 单位名称（盖章）：. Table （一）特种设备检验检测机构自查和监督检查情况汇总, ",
        "- group 特种设备检验检测机构自查情况:",
        "  组织开展自查的机构总数（家） | ; 排查特种设备检验检测人员人数（人） | ;",
        "  其中：发现真实执业存在问题人数（人） | , 已取消执业公示（人） | ;",
        "  发现学历存在问题人数（人） | , 已注销资质（人） | ;",
        "  发现职称存在问题人数（人） | , 已注销资质（人） | ;",
        "  发现人员资源条件不满足《核准规则》规定的检验检测机构数量（家） | , 已整改（家） | ;",
        "  发现真实执业、学历、职称存在问题的检验检测机构数量（家） | , 已整改（家） | .",
        "- group 监管部门督导检查情况: 开展检验检测质量监督检查的机构数量（家）; 其中：开展检验检测现场抽查的机构数量（家）;",
        "  发现存在违法违规行为的检验检测机构数量（家）; 其中：下达安全监察指令书（份）; 立案处罚数量（件）; 开展监督检查的考试机构数量（家）.",
        "List （二）存在问题的特种设备检验检测机构和考试机构清单: 序号 | 单位名称 | 存在问题说明 | 整改情况说明.",
        "Footer 填表人姓名： 联系电话： 填报日期：, then （填报说明：可根据实际需要添加行）.",
    );

    #[test]
    fn every_fixed_label_is_the_orders_wording() {
        let mut labels = vec![ANNEX, AGENCY, PART1, GROUP_SELF, GROUP_SUPERVISION, PART2];
        labels.extend([FILLER, PHONE, FILL_DATE, NOTES_TEXT]);
        labels.extend(LIST_COLUMNS);
        for r in ROWS {
            labels.push(r.left);
            labels.extend(r.right);
        }
        for l in labels {
            assert!(ORDER.contains(l), "not the order's wording: {l}");
        }
    }

    #[test]
    fn keys_drop_the_unit_and_the_prefix() {
        assert_eq!(key_of(ROWS[2].left), "发现真实执业存在问题人数");
        assert_eq!(key_of(ROWS[3].right.unwrap()), "已注销资质");
        assert_eq!(key_of(ROWS[10].left), "下达安全监察指令书");
        assert_eq!(unit_word(ROWS[0].left), "家数");
        assert_eq!(unit_word(ROWS[2].right.unwrap()), "人数");
    }
}
