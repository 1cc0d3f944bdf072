//! Every closed list of values in the roster, each with its Chinese label and the
//! spellings it accepts, in one place. The label is also the stored and exported form.

use serde::{Deserialize, Serialize};

use super::text::clean;

/// Defines an enum whose variants carry a Chinese label and extra accepted
/// spellings, with `ALL`, `label`, `parse` and serde as the label.
macro_rules! labeled_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $field:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $label:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in the order the form and the template list them.
            pub const ALL: &'static [$name] = &[$( $name::$variant ),+];
            /// The column or field this list belongs to, for messages.
            pub const FIELD: &'static str = $field;

            /// The Chinese label, which is also the stored form.
            pub fn label(self) -> &'static str {
                match self { $( $name::$variant => $label ),+ }
            }

            /// Every label, for drop-downs and messages.
            pub fn labels() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.label()).collect()
            }

            /// Parses a label or an accepted spelling (after trimming and
            /// full-width folding). Empty text is `Ok(None)`.
            pub fn parse(text: &str) -> Result<Option<Self>, String> {
                let s = clean(text);
                if s.is_empty() {
                    return Ok(None);
                }
                match s.as_str() {
                    $( $label $(| $alias)* => Ok(Some($name::$variant)), )+
                    _ => Err(format!(
                        "“{}”不是{}的可选值，应为：{}",
                        s,
                        $field,
                        Self::labels().join("、")
                    )),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.label())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s)
                    .map_err(serde::de::Error::custom)?
                    .ok_or_else(|| serde::de::Error::custom(format!("{}为空", $field)))
            }
        }
    };
}

labeled_enum! {
    /// 用工形式: the person's employment relation with the agency.
    EmploymentForm, "用工形式" {
        FullTime => "全职",
        /// 退休返聘: rehired after retirement; no social insurance applies.
        RetiredRehire => "退休返聘" | "返聘",
        PartTime => "兼职",
        /// 劳务派遣: dispatched by a labour agency.
        Dispatched => "劳务派遣",
        Other => "其他",
    }
}

labeled_enum! {
    /// 学历层次: the level of the diploma submitted at first certification.
    EducationLevel, "学历层次" {
        Doctor => "博士" | "博士研究生",
        Master => "硕士" | "硕士研究生",
        /// 第二学士: a second bachelor's degree.
        SecondBachelor => "第二学士",
        Bachelor => "本科" | "大学本科",
        /// 大专: junior college (专科/高职).
        College => "大专" | "专科" | "高职" | "大学专科",
        /// 中专: secondary vocational school.
        Secondary => "中专" | "中技" | "技校",
        HighSchool => "高中",
    }
}

impl EducationLevel {
    /// The level code at positions 11–12 of a diploma number, where the level has one.
    pub fn diploma_code(self) -> Option<&'static str> {
        match self {
            EducationLevel::Doctor => Some("01"),
            EducationLevel::Master => Some("02"),
            EducationLevel::SecondBachelor => Some("04"),
            EducationLevel::Bachelor => Some("05"),
            EducationLevel::College => Some("06"),
            EducationLevel::Secondary | EducationLevel::HighSchool => None,
        }
    }

    /// 本科 or higher: the levels for which graduating under 18 is implausible.
    pub fn is_bachelor_or_higher(self) -> bool {
        matches!(
            self,
            EducationLevel::Doctor
                | EducationLevel::Master
                | EducationLevel::SecondBachelor
                | EducationLevel::Bachelor
        )
    }
}

labeled_enum! {
    /// 学历核验方式: how the diploma was verified.
    DiplomaMethod, "学历核验方式" {
        /// 学信网备案表 (《教育部学历证书电子注册备案表》).
        ChsiRecord => "学信网备案表" | "学信网",
        /// 学历认证报告 (《中国高等教育学历认证报告》).
        CertificationReport => "学历认证报告",
        /// 学位认证: degree verification.
        DegreeCertification => "学位认证",
        Other => "其他",
    }
}

labeled_enum! {
    /// 职称核验方式: the three official routes, or another.
    TitleMethod, "职称核验方式" {
        /// 职称证书原件与评审表原件比对.
        OriginalVsReviewForm => "原件与评审表比对",
        /// 政府职改部门职称资格批文.
        ApprovalDocument => "职改批文",
        /// 人社部门职称评审信息查询平台.
        MohrssPlatform => "人社查询平台",
        Other => "其他",
    }
}

labeled_enum! {
    /// 核验结果: the outcome of a diploma or title verification.
    VerifyResult, "核验结果" {
        Match => "一致",
        Mismatch => "不一致",
        NotFound => "查无",
        Unverified => "未核验",
    }
}

labeled_enum! {
    /// 整改措施: what the agency did about a problem found.
    RectificationAction, "整改措施" {
        /// 已取消执业公示: the person's public practice listing was withdrawn.
        DisclosureCancelled => "已取消执业公示",
        /// 已注销资质: the person's certificate was cancelled.
        QualificationCancelled => "已注销资质",
        Rectified => "已整改",
        InProgress => "整改中",
    }
}

labeled_enum! {
    /// 工作见证类型: the kind of traceable work evidence.
    EvidenceKind, "类型" {
        InspectionReport => "检验报告",
        TestReport => "检测报告",
        SiteRecord => "现场记录",
        Media => "影像资料",
        Other => "其他",
    }
}

labeled_enum! {
    /// 附件类别: what an attachment (附件材料) of a person is.
    AttachmentKind, "附件类别" {
        /// 《教育部学历证书电子注册备案表》 from 学信网.
        DiplomaRecord => "学历备案表" | "学信网备案表",
        /// 《中国高等教育学历认证报告》.
        DiplomaReport => "学历认证报告",
        DegreeCertificate => "学位证书",
        TitleCertificate => "职称证书",
        /// 职称评审表: the review form filed when the title was granted.
        TitleReviewForm => "职称评审表",
        /// 职改批文: the government title office's approval.
        TitleApproval => "职改批文",
        /// 人社查询截图: a screenshot of the 人社 title query platform.
        MohrssScreenshot => "人社查询截图",
        /// 参保缴费证明: the social insurance payment record.
        InsuranceProof => "参保缴费证明",
        LabourContract => "劳动合同",
        /// 工作见证: a report, record or photo of the person's work.
        WorkEvidence => "工作见证",
        Other => "其他",
    }
}

impl AttachmentKind {
    /// The kind a file name suggests: the first kind whose label (or accepted
    /// spelling) the name contains (张三学历备案表.pdf → 学历备案表), else 其他.
    pub fn guess(file_name: &str) -> AttachmentKind {
        let name = clean(file_name);
        let spelled = [
            ("学信网", AttachmentKind::DiplomaRecord),
            ("备案表", AttachmentKind::DiplomaRecord),
            ("认证报告", AttachmentKind::DiplomaReport),
            ("毕业证", AttachmentKind::DegreeCertificate),
            ("评审表", AttachmentKind::TitleReviewForm),
            ("批文", AttachmentKind::TitleApproval),
            ("截图", AttachmentKind::MohrssScreenshot),
            ("社保", AttachmentKind::InsuranceProof),
            ("合同", AttachmentKind::LabourContract),
        ];
        AttachmentKind::ALL
            .iter()
            .map(|k| (k.label(), *k))
            .chain(spelled)
            .find(|(word, k)| *k != AttachmentKind::Other && name.contains(word))
            .map_or(AttachmentKind::Other, |(_, k)| k)
    }

    /// The verdict this kind of file supports, if any (其他 supports none).
    pub fn supports(self) -> Option<VerdictKind> {
        use AttachmentKind::*;
        match self {
            DiplomaRecord | DiplomaReport | DegreeCertificate => Some(VerdictKind::Diploma),
            TitleCertificate | TitleReviewForm | TitleApproval | MohrssScreenshot => {
                Some(VerdictKind::Title)
            }
            InsuranceProof | LabourContract | WorkEvidence => Some(VerdictKind::Practice),
            Other => None,
        }
    }
}

labeled_enum! {
    /// A verdict on one of the three questions of the form.
    Verdict, "核查结论" {
        Yes => "是",
        No => "否",
        /// 不涉及: the question does not apply.
        NotApplicable => "-" | "—" | "－" | "不涉及",
        /// 待核实: data missing or a flag unconfirmed; never printed on a final form.
        Pending => "待核实",
    }
}

labeled_enum! {
    /// The three questions each row of Annex 1 answers.
    VerdictKind, "核查项目" {
        /// 是否在本单位真实执业.
        Practice => "真实执业" | "practice" | "执业",
        /// 初次取证时提交的学历是否真实.
        Diploma => "学历" | "diploma",
        /// 初次取证时提交的职称是否真实.
        Title => "职称" | "title",
    }
}

impl VerdictKind {
    /// The name used in `check --json` ("practice", "diploma", "title").
    pub fn json_name(self) -> &'static str {
        match self {
            VerdictKind::Practice => "practice",
            VerdictKind::Diploma => "diploma",
            VerdictKind::Title => "title",
        }
    }

    /// The question as the form prints it.
    pub fn question(self) -> &'static str {
        match self {
            VerdictKind::Practice => "是否在本单位真实执业",
            VerdictKind::Diploma => "初次取证时提交的学历是否真实",
            VerdictKind::Title => "初次取证时提交的职称是否真实",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_aliases_parse() {
        assert_eq!(
            EmploymentForm::parse("全职"),
            Ok(Some(EmploymentForm::FullTime))
        );
        assert_eq!(
            EmploymentForm::parse(" 返聘 "),
            Ok(Some(EmploymentForm::RetiredRehire))
        );
        assert_eq!(EmploymentForm::parse(""), Ok(None));
        let e = EmploymentForm::parse("合同工").unwrap_err();
        assert!(
            e.contains("合同工") && e.contains("用工形式") && e.contains("全职"),
            "{e}"
        );
        assert_eq!(Verdict::parse("－"), Ok(Some(Verdict::NotApplicable)));
        assert_eq!(
            VerdictKind::parse("practice"),
            Ok(Some(VerdictKind::Practice))
        );
    }

    #[test]
    fn an_attachment_kind_is_guessed_from_the_file_name() {
        for (name, kind) in [
            ("张三学历备案表.pdf", AttachmentKind::DiplomaRecord),
            ("学信网 张三.pdf", AttachmentKind::DiplomaRecord),
            ("张三 职称证书.jpg", AttachmentKind::TitleCertificate),
            ("劳动合同2023.pdf", AttachmentKind::LabourContract),
            ("合同.pdf", AttachmentKind::LabourContract),
            ("扫描0001.pdf", AttachmentKind::Other),
        ] {
            assert_eq!(AttachmentKind::guess(name), kind, "{name}");
        }
    }

    #[test]
    fn every_label_round_trips() {
        for v in EducationLevel::ALL {
            assert_eq!(EducationLevel::parse(v.label()), Ok(Some(*v)));
        }
        for v in Verdict::ALL {
            assert_eq!(Verdict::parse(v.label()), Ok(Some(*v)));
        }
    }
}
