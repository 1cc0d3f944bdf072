//! 佐证材料: which verdicts answered 是 have no attachment cited for them
//! (作为依据, issue 15). A pure function of the verdicts and the verdicts the
//! person's current attachments are cited for. A file is cited for what its
//! category supports (`AttachmentKind::supports`) when added; the clerk may
//! cite any file for any verdict, or take a citation back.

use super::PersonCheck;
use crate::domain::{AttachmentKind, Verdict, VerdictKind};

/// A verdict of 是 without a supporting file, with the kinds that would support it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    pub kind: VerdictKind,
    pub wanted: Vec<AttachmentKind>,
}

impl Unsupported {
    /// The clerk's words: 学历为“是”，但没有作为依据的附件（学历备案表、学历认证报告或学位证书）.
    pub fn message(&self) -> String {
        let names: Vec<&str> = self.wanted.iter().map(|k| k.label()).collect();
        let list = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{}或{last}", rest.join("、")),
            _ => names.join(""),
        };
        format!(
            "{}为“{}”，但没有作为依据的附件（{list}）",
            self.kind.label(),
            Verdict::Yes.label()
        )
    }
}

/// The kinds of file that support a verdict of `kind`.
pub fn supporting_kinds(kind: VerdictKind) -> Vec<AttachmentKind> {
    AttachmentKind::ALL
        .iter()
        .copied()
        .filter(|k| k.supports() == Some(kind))
        .collect()
}

/// The verdicts of `check` that are 是 while no current attachment of the
/// person is cited for them (`cited`), in form order.
pub fn unsupported(check: &PersonCheck, cited: &[VerdictKind]) -> Vec<Unsupported> {
    check
        .verdicts()
        .iter()
        .filter(|v| v.value == Verdict::Yes)
        .filter(|v| !cited.contains(&v.kind))
        .map(|v| Unsupported {
            kind: v.kind,
            wanted: supporting_kinds(v.kind),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::VerdictResult;

    fn check(practice: Verdict, diploma: Verdict, title: Verdict) -> PersonCheck {
        let v = |kind, value| VerdictResult {
            kind,
            value,
            reasons: Vec::new(),
            automatic: value,
            automatic_reasons: Vec::new(),
            manual: None,
        };
        PersonCheck {
            practice: v(VerdictKind::Practice, practice),
            diploma: v(VerdictKind::Diploma, diploma),
            title: v(VerdictKind::Title, title),
            flags: Vec::new(),
            remark: String::new(),
            remark_edited: false,
            si_continuous: false,
        }
    }

    #[test]
    fn a_yes_needs_a_file_cited_for_it() {
        use Verdict::*;
        use VerdictKind::{Diploma as D, Practice as P, Title as T};
        let kinds = |u: Vec<Unsupported>| u.into_iter().map(|u| u.kind).collect::<Vec<_>>();
        for (c, attached, missing) in [
            (
                check(Yes, Yes, Yes),
                vec![],
                vec![
                    VerdictKind::Practice,
                    VerdictKind::Diploma,
                    VerdictKind::Title,
                ],
            ),
            (check(Yes, Yes, Yes), vec![D, T, P], vec![]),
            (check(Yes, Yes, Yes), vec![D], vec![P, T]),
            (check(No, Pending, NotApplicable), vec![], vec![]),
            (check(No, Yes, No), vec![T], vec![D]),
            (check(No, Yes, Yes), vec![P], vec![D, T]),
        ] {
            assert_eq!(kinds(unsupported(&c, &attached)), missing, "{attached:?}");
        }
    }

    #[test]
    fn the_message_names_the_kinds_that_would_do() {
        let u = unsupported(&check(Verdict::No, Verdict::Yes, Verdict::No), &[]);
        assert_eq!(
            u[0].message(),
            "学历为“是”，但没有作为依据的附件（学历备案表、学历认证报告或学位证书）"
        );
    }
}
