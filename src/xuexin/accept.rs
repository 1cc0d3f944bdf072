//! Accepting a 备案表: attaching a file reads it when it is a PDF and keeps the
//! fields it reads as the person's facts; [`fill_empty`] takes the record's
//! values into the diploma fields the clerk left empty. The CLI and the GUI
//! both attach through [`attach`].

use super::{Reading, Record, RecordField, read_pdf};
use crate::checks::record::{Difference, differences};
use crate::domain::parse::parse_date;
use crate::domain::{AttachmentKind, DiplomaMethod, EducationLevel, Person, VerifyResult};
use crate::error::Result;
use crate::store::Store;

/// An attachment just added, with what its text layer said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    pub id: i64,
    /// The category it was stored under.
    pub kind: AttachmentKind,
    /// `None` for a file that is not a PDF.
    pub reading: Option<Reading>,
    /// Why a PDF could not be read (it is kept all the same).
    pub problem: Option<String>,
    /// What the 备案表 contradicts in the roster.
    pub differences: Vec<Difference>,
}

impl Attached {
    /// The record read, if the file read as a 备案表.
    pub fn record(&self) -> Option<&Record> {
        match &self.reading {
            Some(Reading::Record(r)) => Some(r),
            _ => None,
        }
    }

    /// What the clerk is told about the reading, line by line (empty for a file
    /// that is not a PDF, or a PDF that is not a 备案表 in a category that needs none).
    pub fn report(&self) -> Vec<String> {
        let kind = self.kind;
        let mut out = Vec::new();
        if let Some(p) = &self.problem {
            out.push(format!("未能读取文字：{p}，附件已保存，请手工核对"));
        }
        match &self.reading {
            Some(Reading::Record(r)) => {
                out.push("已读取学信网备案表：".into());
                out.extend(r.lines().into_iter().map(|l| format!("  {l}")));
                if self.differences.is_empty() {
                    out.push("备案表与台账已填内容一致".into());
                } else {
                    for d in &self.differences {
                        out.push(format!("与台账不符：{}", d.message()));
                    }
                }
            }
            Some(other) if kind == AttachmentKind::DiplomaRecord => {
                if let Some(m) = other.message() {
                    out.push(format!("{m}（附件已保存）"));
                }
            }
            _ => {}
        }
        out
    }
}

fn is_pdf(name: &str, bytes: &[u8]) -> bool {
    name.to_lowercase().ends_with(".pdf") && bytes.starts_with(b"%PDF-")
}

/// Attaches `bytes` to `person` and, for a PDF, reads its text layer; the
/// fields of a 备案表 are kept with the attachment (both audited). `kind`
/// `None`: judged from the name, and a PDF whose name says nothing that
/// reads as a 备案表 is a 学历备案表.
pub fn attach(
    store: &mut Store,
    person: i64,
    kind: Option<AttachmentKind>,
    name: &str,
    bytes: &[u8],
) -> Result<Attached> {
    let mut done = attach_all(store, person, kind, &[(name.to_string(), bytes.to_vec())])?;
    done.pop()
        .ok_or_else(|| crate::error::Error::Other("附件未能保存".into()))
}

/// Attaches several files to `person` at once (`zicha attach A B`, files
/// dropped together): every PDF's text layer is read first, then the files
/// and their rows go in as one transaction ([`Store::attach_all`]: one refused
/// file adds none), then the 备案表 fields read are kept with their rows.
pub fn attach_all(
    store: &mut Store,
    person: i64,
    kind: Option<AttachmentKind>,
    files: &[(String, Vec<u8>)],
) -> Result<Vec<Attached>> {
    let mut read = Vec::new();
    let mut rows = Vec::new();
    for (name, bytes) in files {
        let (reading, problem) = if is_pdf(name, bytes) {
            match read_pdf(bytes) {
                Ok(r) => (Some(r), None),
                Err(e) => (None, Some(e.to_string())),
            }
        } else {
            (None, None)
        };
        let kind = kind.unwrap_or_else(|| match (AttachmentKind::guess(name), &reading) {
            (AttachmentKind::Other, Some(Reading::Record(_))) => AttachmentKind::DiplomaRecord,
            (guess, _) => guess,
        });
        rows.push((kind, name.clone(), bytes.clone()));
        read.push((kind, reading, problem));
    }
    let ids = store.attach_all(person, &rows)?;
    let mut out = Vec::new();
    for (id, (kind, reading, problem)) in ids.into_iter().zip(read) {
        let mut done = Attached {
            id,
            kind,
            reading,
            problem,
            differences: Vec::new(),
        };
        if let Some(Reading::Record(record)) = &mut done.reading {
            record.attachment_id = id;
            store.save_chsi_record(id, record)?;
            let p = store.person(person)?.person;
            done.differences = differences(&p, record);
        }
        out.push(done);
    }
    Ok(out)
}

/// Fills from `record` what `p` leaves empty: 学历核验方式 (学信网备案表),
/// 学历核验编号 (the 在线验证码), 毕业院校, 专业, 学历层次, 毕业日期,
/// 学历证书编号. Returns the names of the fields filled; a filled field is
/// never overwritten.
pub fn fill_empty(p: &mut Person, record: &Record) -> Vec<&'static str> {
    let mut filled = Vec::new();
    let d = &mut p.diploma;
    let vcode = record.get(RecordField::Vcode);
    if d.method.is_none() && vcode.is_some() {
        d.method = Some(DiplomaMethod::ChsiRecord);
        filled.push("学历核验方式");
    }
    if d.reference.is_none()
        && let Some(v) = vcode
    {
        d.reference = Some(v.to_string());
        filled.push("学历核验编号");
    }
    let mut text = |slot: &mut Option<String>, key: RecordField, name: &'static str| {
        if slot.is_none()
            && let Some(v) = record.get(key)
        {
            *slot = Some(v.to_string());
            filled.push(name);
        }
    };
    text(&mut d.school, RecordField::School, "毕业院校");
    text(&mut d.major, RecordField::Major, "专业");
    text(&mut d.number, RecordField::CertNumber, "学历证书编号");
    if d.level.is_none()
        && let Some(level) = record
            .get(RecordField::Level)
            .and_then(|v| EducationLevel::parse(v).ok().flatten())
    {
        d.level = Some(level);
        filled.push("学历层次");
    }
    if d.graduation_date.is_none()
        && let Some(date) = record
            .get(RecordField::Graduated)
            .and_then(|v| parse_date(v).ok().flatten())
    {
        d.graduation_date = Some(date);
        filled.push("毕业日期");
    }
    filled
}

/// The 学信网 page that verifies the 在线验证码 `vcode`, for the system
/// browser (the program itself never connects).
pub fn verification_url(vcode: &str) -> String {
    format!("https://www.chsi.com.cn/xlcx/bg.do?vcode={vcode}")
}

/// Records the clerk's 在线核验 of `record` (一致/不一致/查无 on `on`): 学历核验方式
/// 学信网备案表, 学历核验编号 its 在线验证码, 学历核验结果 and 学历核验日期. Returns
/// the fields changed.
pub fn record_verification(
    p: &mut Person,
    record: &Record,
    result: VerifyResult,
    on: chrono::NaiveDate,
) -> Vec<&'static str> {
    let d = &mut p.diploma;
    let mut changed = Vec::new();
    if d.method != Some(DiplomaMethod::ChsiRecord) {
        d.method = Some(DiplomaMethod::ChsiRecord);
        changed.push("学历核验方式");
    }
    if let Some(v) = record.get(RecordField::Vcode)
        && d.reference.as_deref() != Some(v)
    {
        d.reference = Some(v.to_string());
        changed.push("学历核验编号");
    }
    if d.result != Some(result) {
        d.result = Some(result);
        changed.push("学历核验结果");
    }
    if d.verified_on != Some(on) {
        d.verified_on = Some(on);
        changed.push("学历核验日期");
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_empty_fields_are_filled() {
        let mut record = Record::default();
        for (f, v) in [
            (RecordField::School, "华北电力大学"),
            (RecordField::Major, "热能与动力工程"),
            (RecordField::Level, "本科"),
            (RecordField::Graduated, "2012-07-01"),
            (RecordField::CertNumber, "100791201205001234"),
            (RecordField::Vcode, "ABCD1234EFGH5678"),
        ] {
            record.fields.insert(f, v.into());
        }
        let mut p = Person::default();
        p.diploma.major = Some("电气工程".into());
        let filled = fill_empty(&mut p, &record);
        assert_eq!(
            filled,
            [
                "学历核验方式",
                "学历核验编号",
                "毕业院校",
                "学历证书编号",
                "学历层次",
                "毕业日期"
            ]
        );
        assert_eq!(p.diploma.major.as_deref(), Some("电气工程"));
        assert_eq!(p.diploma.method, Some(DiplomaMethod::ChsiRecord));
        assert_eq!(p.diploma.reference.as_deref(), Some("ABCD1234EFGH5678"));
        assert_eq!(p.diploma.level, Some(EducationLevel::Bachelor));
        assert!(fill_empty(&mut p, &record).is_empty());
    }

    fn roster(dir: &std::path::Path) -> (Store, i64) {
        let mut store = Store::open(&dir.join("zicha.db")).unwrap();
        let mut p = Person::new("张三");
        p.id_number = Some("11010119900512001X".into());
        p.diploma.major = Some("电气工程".into());
        let id = store.add_person(&p).unwrap();
        (store, id)
    }

    fn flags_of(store: &Store, id: i64) -> Vec<crate::checks::Flag> {
        let roster = store.load_roster().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let report = crate::checks::check_roster(&roster, today);
        let row = report
            .rows
            .iter()
            .find(|r| r.person_id == Some(id))
            .unwrap();
        row.check.flags.clone()
    }

    #[test]
    fn an_attached_record_is_kept_compared_filled_and_forgotten_when_removed() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, id) = roster(dir.path());
        let bytes = super::super::read::tests::record_pdf(&super::super::read::tests::sample());
        let done = attach(&mut store, id, None, "张三备案表.pdf", &bytes).unwrap();
        let record = done.record().unwrap().clone();
        assert_eq!(record.attachment_id, done.id);
        let names: Vec<_> = done.differences.iter().map(|d| d.field).collect();
        assert_eq!(names, ["专业"]);
        let report = done.report().join("\n");
        assert!(report.contains("在线验证码：ABCD1234EFGH5678"), "{report}");
        assert!(
            report.contains("与台账不符：专业（备案表“热能与动力工程”，台账“电气工程”）"),
            "{report}"
        );

        // Kept as the person's facts, audited, and raised as a blocking flag.
        let p = store.person(id).unwrap().person;
        assert_eq!(p.chsi_records, vec![record.clone()]);
        let audit = store.audit_for(id).unwrap();
        assert!(audit.iter().any(|e| e.action == "读取备案表"));
        let flags = flags_of(&store, id);
        let f = flags
            .iter()
            .find(|f| f.code == crate::checks::FlagCode::DiplomaRecordMismatch)
            .unwrap();
        assert!(f.blocking && f.message.contains("专业"), "{}", f.message);

        // Filling takes only the empty fields, through the audited update.
        let mut p = store.person(id).unwrap().person;
        let filled = fill_empty(&mut p, &record);
        assert!(filled.contains(&"毕业院校") && !filled.contains(&"专业"));
        store.update_person(&p).unwrap();
        let p = store.person(id).unwrap().person;
        assert_eq!(p.diploma.reference.as_deref(), Some("ABCD1234EFGH5678"));
        assert_eq!(p.diploma.school.as_deref(), Some("华北电力大学"));
        assert!(
            store
                .audit_for(id)
                .unwrap()
                .iter()
                .any(|e| e.field == "毕业院校")
        );

        // A removed attachment's record no longer counts.
        store.remove_attachment(done.id, "错传").unwrap();
        assert!(store.person(id).unwrap().person.chsi_records.is_empty());
        // A file whose name says nothing is filed as a 学历备案表 by its content.
        let again = attach(&mut store, id, None, "扫描件1.pdf", &bytes).unwrap();
        assert_eq!(again.kind, AttachmentKind::DiplomaRecord);
        store.remove_attachment(again.id, "重复").unwrap();
        assert!(
            !flags_of(&store, id)
                .iter()
                .any(|f| f.code == crate::checks::FlagCode::DiplomaRecordMismatch)
        );
    }

    #[test]
    fn an_image_only_record_is_kept_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, id) = roster(dir.path());
        let (doc, faces) = crate::print::document::start("扫描件", ["扫描件"]).unwrap();
        let mut c = crate::print::canvas::Canvas::new(&faces);
        c.rule(20.0, 190.0, 50.0);
        let bytes =
            crate::print::document::finish(doc, &faces, vec![c], |_, _| String::new(), "扫描件")
                .unwrap();
        let done = attach(
            &mut store,
            id,
            Some(AttachmentKind::DiplomaRecord),
            "扫描.pdf",
            &bytes,
        )
        .unwrap();
        assert_eq!(done.reading, Some(Reading::NoText));
        assert_eq!(done.report(), ["没有文字层，请手工核对（附件已保存）"]);
        assert_eq!(store.attachments(id).unwrap().len(), 1);
        assert!(store.person(id).unwrap().person.chsi_records.is_empty());
    }

    #[test]
    fn an_online_verification_is_recorded_on_the_diploma() {
        let mut record = Record::default();
        record
            .fields
            .insert(RecordField::Vcode, "ABCD1234EFGH5678".into());
        let mut p = Person::default();
        p.diploma.method = Some(DiplomaMethod::CertificationReport);
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let changed = record_verification(&mut p, &record, VerifyResult::NotFound, day);
        assert_eq!(
            changed,
            [
                "学历核验方式",
                "学历核验编号",
                "学历核验结果",
                "学历核验日期"
            ]
        );
        assert_eq!(p.diploma.result, Some(VerifyResult::NotFound));
        assert_eq!(p.diploma.verified_on, Some(day));
        assert!(record_verification(&mut p, &record, VerifyResult::NotFound, day).is_empty());
        assert_eq!(
            verification_url("ABCD1234EFGH5678"),
            "https://www.chsi.com.cn/xlcx/bg.do?vcode=ABCD1234EFGH5678"
        );
    }
}
