//! `diploma.record_mismatch`: an attached 学信网 备案表 that disagrees with the
//! roster (issue 15). A pure function of the person's facts: the typed diploma
//! fields, the 身份证号, and the fields read from their 备案表 attachments.

use chrono::NaiveDate;

use super::flags::{Flag, FlagCode};
use crate::domain::parse::{chinese_date, parse_date};
use crate::domain::text::{clean_text, fold_width};
use crate::domain::{ChsiRecord, EducationLevel, Person, RecordField, idcard};

/// One roster field that a 备案表 contradicts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The roster's name of the field (毕业院校, 出生日期 …).
    pub field: &'static str,
    /// What the 备案表 says.
    pub record: String,
    /// What the roster says (for 出生日期, the 身份证号's date).
    pub roster: String,
}

impl Difference {
    /// 毕业院校（备案表“甲大学”，台账“乙大学”）.
    pub fn message(&self) -> String {
        format!(
            "{}（备案表“{}”，台账“{}”）",
            self.field, self.record, self.roster
        )
    }
}

/// The roster fields that `record` contradicts. Only fields filled on both
/// sides are compared; text is compared after width folding and without spaces.
pub fn differences(p: &Person, record: &ChsiRecord) -> Vec<Difference> {
    let d = &p.diploma;
    let mut out = Vec::new();
    let mut text = |field: &'static str, key: RecordField, roster: Option<&str>| {
        if let (Some(r), Some(t)) = (record.get(key), roster)
            && squeeze(r) != squeeze(t)
            && !squeeze(t).is_empty()
        {
            out.push(Difference {
                field,
                record: r.to_string(),
                roster: t.to_string(),
            });
        }
    };
    text("毕业院校", RecordField::School, d.school.as_deref());
    text("专业", RecordField::Major, d.major.as_deref());
    text("学历证书编号", RecordField::CertNumber, d.number.as_deref());
    if let (Some(r), Some(level)) = (record.get(RecordField::Level), d.level) {
        let read = EducationLevel::parse(r).ok().flatten();
        if read != Some(level) {
            out.push(Difference {
                field: "学历层次",
                record: r.to_string(),
                roster: level.label().to_string(),
            });
        }
    }
    let mut date = |field: &'static str, key: RecordField, roster: Option<NaiveDate>| {
        if let (Some(r), Some(t)) = (record.get(key), roster)
            && parse_date(r).ok().flatten() != Some(t)
        {
            out.push(Difference {
                field,
                record: shown_date(r),
                roster: chinese_date(t),
            });
        }
    };
    date("毕业日期", RecordField::Graduated, d.graduation_date);
    let born = p.id_number.as_deref().and_then(idcard::birth_date);
    date("出生日期", RecordField::Birth, born);
    out
}

/// The flag when any current 备案表 of `p` contradicts the roster, naming each field.
pub fn record_flags(p: &Person) -> Vec<Flag> {
    let mut found: Vec<String> = Vec::new();
    for record in &p.chsi_records {
        for diff in differences(p, record) {
            let m = diff.message();
            if !found.contains(&m) {
                found.push(m);
            }
        }
    }
    if found.is_empty() {
        return Vec::new();
    }
    vec![Flag::new(
        FlagCode::DiplomaRecordMismatch,
        format!("学信网备案表与台账不符：{}", found.join("；")),
    )]
}

/// The text as compared: full-width letters, digits and brackets folded
/// (the reader folds them: 中国石油大学（华东） reads as 中国石油大学(华东)),
/// without spaces, letters in capitals.
fn squeeze(s: &str) -> String {
    fold_width(&clean_text(s))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

fn shown_date(s: &str) -> String {
    match parse_date(s) {
        Ok(Some(d)) => chinese_date(d),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person() -> Person {
        let mut p = Person {
            name: "张三".into(),
            id_number: Some("110101199005120011".into()),
            ..Default::default()
        };
        p.diploma.school = Some("华北电力大学".into());
        p.diploma.major = Some("热能与动力工程".into());
        p.diploma.level = Some(EducationLevel::Bachelor);
        p.diploma.graduation_date = NaiveDate::from_ymd_opt(2012, 7, 1);
        p.diploma.number = Some("100791201205001234".into());
        p
    }

    fn record(pairs: &[(RecordField, &str)]) -> ChsiRecord {
        let mut r = ChsiRecord {
            attachment_id: 1,
            ..Default::default()
        };
        for (f, v) in pairs {
            r.fields.insert(*f, v.to_string());
        }
        r
    }

    fn agreeing() -> Vec<(RecordField, &'static str)> {
        vec![
            (RecordField::Name, "张三"),
            (RecordField::Birth, "1990-05-12"),
            (RecordField::Graduated, "2012-07-01"),
            (RecordField::School, "华北电力大学"),
            (RecordField::Major, "热能与动力工程"),
            (RecordField::Level, "本科"),
            (RecordField::CertNumber, "100791201205001234"),
        ]
    }

    #[test]
    fn each_differing_field_is_named() {
        let cases: &[(RecordField, &str, &str)] = &[
            (RecordField::School, "华北电力大学（保定）", "毕业院校"),
            (RecordField::Major, "电气工程", "专业"),
            (RecordField::Level, "专科", "学历层次"),
            (RecordField::Graduated, "2013-07-01", "毕业日期"),
            (
                RecordField::CertNumber,
                "100791201305001234",
                "学历证书编号",
            ),
            (RecordField::Birth, "1991-05-12", "出生日期"),
        ];
        for (field, value, named) in cases {
            let mut pairs = agreeing();
            pairs.retain(|(f, _)| f != field);
            pairs.push((*field, value));
            let diffs = differences(&person(), &record(&pairs));
            let names: Vec<_> = diffs.iter().map(|d| d.field).collect();
            assert_eq!(names, [*named], "{field:?}");
        }
    }

    #[test]
    fn agreeing_or_empty_fields_raise_nothing() {
        assert!(differences(&person(), &record(&agreeing())).is_empty());
        // Spelling differences that are not differences.
        let pairs = [
            (RecordField::Level, "大学本科"),
            (RecordField::School, "华北电力 大学"),
            (RecordField::Major, "热能与动力工程"),
            (RecordField::CertNumber, "100791201205001234"),
        ];
        assert!(differences(&person(), &record(&pairs)).is_empty());
        let mut p = person();
        p.diploma.school = Some("中国石油大学（华东）".into());
        let pairs = [(RecordField::School, "中国石油大学(华东)")];
        assert!(
            differences(&p, &record(&pairs)).is_empty(),
            "brackets of either width"
        );
        // A roster field left empty is not contradicted (it can be filled from the record).
        let mut p = person();
        p.diploma.school = None;
        p.id_number = None;
        let pairs = [
            (RecordField::School, "别的大学"),
            (RecordField::Birth, "1980-01-01"),
        ];
        assert!(differences(&p, &record(&pairs)).is_empty());
    }

    #[test]
    fn the_flag_blocks_and_lists_the_fields() {
        let mut p = person();
        assert!(record_flags(&p).is_empty());
        let mut pairs = agreeing();
        pairs.retain(|(f, _)| *f != RecordField::Major && *f != RecordField::Birth);
        pairs.push((RecordField::Major, "电气工程"));
        pairs.push((RecordField::Birth, "1991-05-12"));
        p.chsi_records = vec![record(&pairs)];
        let flags = record_flags(&p);
        assert_eq!(flags.len(), 1);
        let f = &flags[0];
        assert_eq!(f.code, FlagCode::DiplomaRecordMismatch);
        assert!(f.blocking && f.holds_back());
        assert!(
            f.message
                .contains("专业（备案表“电气工程”，台账“热能与动力工程”）")
                && f.message.contains("出生日期（备案表“1991年5月12日”"),
            "{}",
            f.message
        );
    }
}
