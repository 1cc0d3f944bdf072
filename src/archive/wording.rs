//! Every word the 核查档案 page prints, in one place.

pub const TITLE: &str = "人员核查情况";
pub const AGENCY: &str = "单位名称：";
pub const REFERENCE_DATE: &str = "核查基准日：";
pub const EXPORTED: &str = "导出日期：";
pub const SEQ: &str = "序号：";
pub const NAME: &str = "姓名：";
pub const ID_NUMBER: &str = "身份证号：";
pub const VERDICTS: &str = "一、核查结论";
pub const VERDICT_COLUMNS: [&str; 3] = ["核查项目", "结论", "依据"];
pub const MANUAL: &str = "（人工认定）";
pub const FLAGS: &str = "二、疑点";
pub const FLAG_COLUMNS: [&str; 3] = ["疑点", "说明", "状态"];
pub const FLAG_BLOCKING: &str = "未确认";
pub const FLAG_CONFIRMED: &str = "已确认";
pub const FLAG_NOTICE: &str = "提示";
pub const NONE: &str = "无";
pub const ATTACHMENTS: &str = "三、佐证材料（本文件夹中的附件）";
pub const ATTACHMENT_COLUMNS: [&str; 6] =
    ["序号", "类别", "文件名", "大小", "添加时间", "作为依据"];
pub const UNSUPPORTED: &str = "缺少佐证：";
/// After a verdict's reasons: the 序号 of section 三's files cited for it.
pub fn cited_line(numbers: &[String]) -> String {
    format!("佐证附件：第 {} 项", numbers.join("、"))
}
pub const REMARK: &str = "四、存在问题及整改情况说明";

/// The PDF in each person's folder.
pub const PDF_NAME: &str = "核查情况.pdf";

pub fn page_line(page: usize, pages: usize) -> String {
    format!("第 {page} 页 共 {pages} 页")
}
