//! The person editor's state: text buffers for every field and row, parsed
//! with the core's own parsers, so the form accepts what the importer accepts.

use crate::domain::parse::{parse_date, parse_month};
use crate::domain::{
    Certificate, Evidence, EvidenceKind, Person, PersonField, SocialInsuranceMonth,
};

/// The text of a certificate row: 证书项目, 证书编号, 发证日期, 有效期至.
pub type CertRow = [String; 4];
/// The text of a social-insurance row: 缴费月份, 缴费单位.
pub type SiRow = [String; 2];
/// The text of an evidence row: 日期, 类型, 编号, 说明.
pub type EvidenceRow = [String; 4];

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Texts {
    pub fields: Vec<String>,
    pub certs: Vec<CertRow>,
    pub si: Vec<SiRow>,
    pub evidence: Vec<EvidenceRow>,
}

impl Texts {
    pub fn of(p: &Person) -> Self {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Texts {
            fields: PersonField::ALL.iter().map(|f| f.get(p)).collect(),
            certs: p
                .certificates
                .iter()
                .map(|c| {
                    [
                        c.item.clone(),
                        c.number.clone().unwrap_or_default(),
                        date(c.issued_on),
                        date(c.valid_until),
                    ]
                })
                .collect(),
            // Imported records are read-only: not among the rows typed by hand.
            si: p
                .social_insurance
                .iter()
                .filter(|s| s.origin.is_none())
                .map(|s| [s.month.iso(), s.payer.clone().unwrap_or_default()])
                .collect(),
            evidence: p
                .evidence
                .iter()
                .filter(|e| e.origin.is_none())
                .map(|e| {
                    [
                        e.date.to_string(),
                        e.kind.map(|k| k.label()).unwrap_or_default().to_string(),
                        e.number.clone().unwrap_or_default(),
                        e.description.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        }
    }
}

/// Where a validation message belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Field(PersonField),
    Cert(usize),
    Si(usize),
    Evidence(usize),
}

/// Parses the texts onto `base` (which keeps the id), collecting every message.
/// The rows typed by hand are rebuilt from the texts; the imported ones of
/// `base` are kept as they are, with their origin.
pub fn build(base: &Person, t: &Texts) -> (Person, Vec<(Place, String)>) {
    let mut p = base.clone();
    let mut errors = Vec::new();
    for (f, text) in PersonField::ALL.iter().zip(&t.fields) {
        if let Err(m) = f.set(&mut p, text) {
            errors.push((Place::Field(*f), m));
        }
    }
    let opt = |s: &str| crate::domain::text::clean_opt(s);
    p.certificates.clear();
    for (i, [item, number, issued, until]) in t.certs.iter().enumerate() {
        let item = crate::domain::text::clean(item);
        if item.is_empty() {
            errors.push((Place::Cert(i), "证书项目不能为空".into()));
            continue;
        }
        match (parse_date(issued), parse_date(until)) {
            (Ok(issued_on), Ok(valid_until)) => p.certificates.push(Certificate {
                item,
                number: opt(number),
                issued_on,
                valid_until,
            }),
            (Err(m), _) => errors.push((Place::Cert(i), format!("发证日期：{m}"))),
            (_, Err(m)) => errors.push((Place::Cert(i), format!("有效期至：{m}"))),
        }
    }
    let mut si = Vec::new();
    for (i, [month, payer]) in t.si.iter().enumerate() {
        match parse_month(month) {
            Ok(Some(month)) => si.push(SocialInsuranceMonth {
                month,
                payer: opt(payer),
                origin: None,
            }),
            Ok(None) => errors.push((Place::Si(i), "缴费月份不能为空".into())),
            Err(m) => errors.push((Place::Si(i), m)),
        }
    }
    p.social_insurance = merge(&base.social_insurance, si, |s| s.origin.is_some());
    let mut evidence = Vec::new();
    for (i, [date, kind, number, description]) in t.evidence.iter().enumerate() {
        let kind = match EvidenceKind::parse(kind) {
            Ok(k) => k,
            Err(m) => {
                errors.push((Place::Evidence(i), m));
                continue;
            }
        };
        match parse_date(date) {
            Ok(Some(date)) => evidence.push(Evidence {
                date,
                kind,
                number: opt(number),
                description: opt(description),
                origin: None,
            }),
            Ok(None) => errors.push((Place::Evidence(i), "日期不能为空".into())),
            Err(m) => errors.push((Place::Evidence(i), m)),
        }
    }
    p.evidence = merge(&base.evidence, evidence, |e| e.origin.is_some());
    (p, errors)
}

/// The rows of `base` with its hand-typed ones replaced by `hand`, in place:
/// the imported rows stay where they were, so an unchanged form builds the
/// person exactly as stored.
fn merge<T: Clone>(base: &[T], hand: Vec<T>, imported: impl Fn(&T) -> bool) -> Vec<T> {
    let mut hand = hand.into_iter();
    let mut out = Vec::with_capacity(base.len());
    for row in base {
        if imported(row) {
            out.push(row.clone());
        } else if let Some(h) = hand.next() {
            out.push(h);
        }
    }
    out.extend(hand);
    out
}

/// The person editor: the person as stored, the texts being edited, and the
/// texts as loaded (to know whether anything changed).
pub struct PersonEditor {
    pub original: Person,
    pub texts: Texts,
    baseline: Texts,
    /// Show every message, also for fields not yet touched (after a failed save).
    pub show_all_errors: bool,
    /// 缴费月份 range for adding many months at once: from, to, payer.
    pub si_range: [String; 3],
    /// Put the cursor in the first field (姓名) at the next frame.
    pub focus_first: bool,
    /// Show every imported work-evidence record, not only the months' counts.
    pub show_all_evidence: bool,
}

impl PersonEditor {
    pub fn from_person(p: &Person) -> Self {
        let texts = Texts::of(p);
        PersonEditor {
            original: p.clone(),
            baseline: texts.clone(),
            texts,
            show_all_errors: false,
            si_range: Default::default(),
            focus_first: false,
            show_all_evidence: false,
        }
    }

    pub fn new_person() -> Self {
        let mut e = Self::from_person(&Person::default());
        e.focus_first = true;
        e
    }

    /// Takes the stored imported records of the person (an import or a
    /// removal since the form was opened); the rows typed by hand stay as typed.
    pub fn sync_imported(&mut self, stored: &Person) {
        self.original.social_insurance = stored.social_insurance.clone();
        self.original.evidence = stored.evidence.clone();
    }

    pub fn is_new(&self) -> bool {
        self.original.id.is_none()
    }

    pub fn is_dirty(&self) -> bool {
        self.texts != self.baseline
    }

    pub fn revert(&mut self) {
        self.texts = self.baseline.clone();
        self.show_all_errors = false;
    }

    pub fn build(&self) -> (Person, Vec<(Place, String)>) {
        build(&self.original, &self.texts)
    }

    /// The person to save, or `None` (and every message shown) when a field is wrong.
    pub fn try_build(&mut self) -> Option<Person> {
        let (p, errors) = self.build();
        if errors.is_empty() {
            Some(p)
        } else {
            self.show_all_errors = true;
            None
        }
    }

    /// Whether a field's message is shown: after a failed save, or once the
    /// field differs from what was loaded.
    pub fn shows_error_for(&self, place: Place) -> bool {
        if self.show_all_errors {
            return true;
        }
        match place {
            Place::Field(f) => {
                let i = PersonField::ALL.iter().position(|x| *x == f).unwrap_or(0);
                self.texts.fields.get(i) != self.baseline.fields.get(i)
            }
            _ => true,
        }
    }
}
