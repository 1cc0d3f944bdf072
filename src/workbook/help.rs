//! The 说明 sheet's text: what each column holds, with an example value.

use crate::domain::PersonField;

use super::columns::Col;

/// (explanation, example) for a column.
pub fn help(col: Col) -> (&'static str, &'static str) {
    use Col::*;
    use PersonField as F;
    match col {
        Person(F::Seq) => ("附件1上的序号；不填则按本表行序排列", "1"),
        Person(F::Name) => ("持证人员姓名", "张三"),
        Person(F::IdNumber) => (
            "居民身份证号码，18位（或旧式15位）；各表按身份证号对应人员，请设为文本格式以免末位丢失",
            "11010519491231002X",
        ),
        Person(F::Post) => ("在本单位的岗位", "检验员岗"),
        Person(F::Employment) => ("与本单位的用工关系", "全职"),
        Person(F::HireDate) => ("到本单位工作的日期", "2015-03-01"),
        Person(F::LeaveDate) => ("已离职的填离职日期，在职的不填", ""),
        Person(F::OnDuty) => ("是否实际履行岗位职责", "是"),
        Person(F::Disclosed) => ("是否办理了执业公示（执业注册）", "是"),
        Person(F::FirstCertDate) => (
            "初次取得检验检测资格证的日期；不填则取“证书”表中最早的发证日期",
            "2012-06-15",
        ),
        Person(F::Education) => ("初次取证时提交的学历层次", "本科"),
        Person(F::School) => ("毕业院校", "山东大学"),
        Person(F::Major) => ("所学专业", "机械工程"),
        Person(F::GraduationDate) => ("毕业日期", "2010-07-01"),
        Person(F::DiplomaNumber) => (
            "毕业证书编号（18位或17位数字，请设为文本格式）",
            "104221201005001234",
        ),
        Person(F::DiplomaSubmitted) => ("初次取证时是否提交了学历；不填视为“是”", "是"),
        Person(F::DiplomaMethod) => (
            "学历核验方式（2001年以前的学历一般用学历认证报告）",
            "学信网备案表",
        ),
        Person(F::DiplomaReference) => ("学信网在线验证码或认证报告编号", "A1B2C3D4E5F6G7H8"),
        Person(F::DiplomaVerifiedOn) => ("核验学历的日期", "2024-06-25"),
        Person(F::DiplomaResult) => ("学历核验结果", "一致"),
        Person(F::TitleName) => ("初次取证时提交的职称名称", "工程师"),
        Person(F::TitleMajor) => ("职称专业", "机械"),
        Person(F::TitleCertNumber) => ("职称证书编号", "鲁高职字2015001"),
        Person(F::TitleIssuer) => ("职称发证（评审）机关", "山东省人力资源和社会保障厅"),
        Person(F::TitleObtainedOn) => ("取得职称的日期", "2015-12-30"),
        Person(F::TitleSubmitted) => (
            "初次取证时是否提交了职称；不填时，填了职称名称即视为“是”",
            "是",
        ),
        Person(F::TitleMethod) => ("职称核验方式", "人社查询平台"),
        Person(F::TitleReference) => ("职称核验的查询编号或批文号", "RS2024-0001"),
        Person(F::TitleVerifiedOn) => ("核验职称的日期", "2024-06-26"),
        Person(F::TitleResult) => ("职称核验结果", "一致"),
        Person(F::RectificationAction) => ("发现问题后采取的整改措施", "已整改"),
        Person(F::RectificationText) => ("整改情况的文字说明", "已补缴社保"),
        Person(F::Note) => ("其他说明", ""),
        CertItem => (
            "证书项目，如 检验师(DS)、检验员(QP)、RT-Ⅱ、UT-Ⅱ",
            "检验师(DS)",
        ),
        CertNumber => ("证书编号", "TS7110001-2024"),
        CertIssuedOn => ("发证日期", "2012-06-15"),
        CertValidUntil => ("有效期截止日期", "2028-06-14"),
        SiMonth => (
            "缴费月份，一行一个月；也可不填本列，改填起始月份和终止月份",
            "2024-06",
        ),
        SiFrom => (
            "连续缴费的起始月份（与终止月份成对填写，含首尾两月）",
            "2023-07",
        ),
        SiTo => ("连续缴费的终止月份", "2024-06"),
        SiPayer => ("实际缴费单位；本单位缴纳的可不填", ""),
        EvDate => ("工作见证的日期", "2024-05-20"),
        EvKind => ("见证类型", "检验报告"),
        EvNumber => ("报告或记录编号", "DY-2024-0567"),
        EvDescription => ("简要说明", "电梯定期检验"),
        StaffCategory => ("核准规则附件中的人员类别", "检验师"),
        StaffPatterns => (
            "可计入的证书项目，多个用顿号分隔；证书项目包含其中之一即可计入",
            "检验师(DS)、DS",
        ),
        StaffMin => ("核准规则要求的最少人数（整数）", "4"),
        AgencyItem => (
            "设置项：单位名称、单位别名、单位主要负责人、填表人、联系电话、核查基准日、核查月数、到期提醒天数",
            "单位名称",
        ),
        AgencyValue => (
            "设置值；核查基准日为日期，核查月数为1到120的整数，到期提醒天数为0到3650的整数（默认90），留空则保持原值",
            "东营市特种设备检验研究院",
        ),
    }
}
