//! A folder of 备案表 PDFs attached at once: each file is matched to the one
//! person with its 姓名 and, by the 身份证号, its 出生日期; a file matched to
//! nobody, to several persons, or not read as a 备案表 is listed with why.

use std::path::Path;

use super::{Attached, Reading, RecordField, attach, read_pdf};
use crate::domain::parse::{chinese_date, parse_date};
use crate::domain::text::clean;
use crate::domain::{AttachmentKind, idcard};
use crate::error::{Error, Result};
use crate::store::{Store, blobs};

/// What became of a folder.
#[derive(Debug, Default)]
pub struct Bulk {
    /// File name, the person's name, and the attachment made.
    pub attached: Vec<(String, String, Attached)>,
    /// File name and why it was not attached.
    pub unmatched: Vec<(String, String)>,
}

/// Attaches every PDF directly in `dir` that reads as a 备案表 to its person.
pub fn attach_folder(store: &mut Store, dir: &Path) -> Result<Bulk> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::Io {
        path: dir.display().to_string(),
        source: e,
    })?;
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
        .collect();
    paths.sort();
    let persons = store.load_roster()?.persons;
    let mut done = Bulk::default();
    for path in paths {
        let shown = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (name, bytes) = match blobs::read_for_attaching(&path) {
            Ok(r) => r,
            Err(e) => {
                done.unmatched.push((shown, e.to_string()));
                continue;
            }
        };
        let record = match read_pdf(&bytes) {
            Ok(Reading::Record(r)) => r,
            Ok(other) => {
                let why = other.message().unwrap_or_default().to_string();
                done.unmatched.push((name, why));
                continue;
            }
            Err(e) => {
                done.unmatched.push((name, e.to_string()));
                continue;
            }
        };
        let who = record.get(RecordField::Name).map(clean).unwrap_or_default();
        let born = record
            .get(RecordField::Birth)
            .and_then(|b| parse_date(b).ok().flatten());
        let Some(born) = born else {
            done.unmatched
                .push((name, "备案表上没有读出出生日期，无法对应人员".into()));
            continue;
        };
        let matches: Vec<_> = persons
            .iter()
            .filter(|r| clean(&r.person.name) == who)
            .filter(|r| r.person.id_number.as_deref().and_then(idcard::birth_date) == Some(born))
            .collect();
        let person = match matches.as_slice() {
            [one] => one,
            [] => {
                done.unmatched.push((
                    name,
                    format!(
                        "台账中没有姓名为“{who}”、身份证号出生日期为{}的人员",
                        chinese_date(born)
                    ),
                ));
                continue;
            }
            _ => {
                done.unmatched
                    .push((name, format!("“{who}”对应多名人员，请逐个添加")));
                continue;
            }
        };
        let id = person.person.id.unwrap_or_default();
        let sha = blobs::sha256_hex(&bytes);
        if store
            .attachments(id)?
            .iter()
            .any(|a| a.is_current() && a.sha256 == sha)
        {
            done.unmatched.push((
                name,
                format!("已是{}的附件，未重复添加", person.person.name),
            ));
            continue;
        }
        let attached = attach(
            store,
            id,
            Some(AttachmentKind::DiplomaRecord),
            &name,
            &bytes,
        )?;
        done.attached
            .push((name, person.person.name.clone(), attached));
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Person;
    use crate::xuexin::read::tests::{record_pdf, sample};

    #[test]
    fn a_folder_is_matched_by_name_and_birth_date_and_the_rest_listed() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("zicha.db")).unwrap();
        let mut p = Person::new("张三");
        p.id_number = Some("110101199005120011".into());
        store.add_person(&p).unwrap();
        let mut q = Person::new("李四");
        q.id_number = Some("110101198001010011".into());
        store.add_person(&q).unwrap();
        let folder = dir.path().join("备案表");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("a.pdf"), record_pdf(&sample())).unwrap();
        let mut other = sample();
        other[1].1 = "李四"; // born 1990-05-12 on the record, 1980 by the 身份证号
        std::fs::write(folder.join("b.pdf"), record_pdf(&other)).unwrap();
        let (doc, faces) = crate::print::document::start("扫描", ["扫描"]).unwrap();
        let c = crate::print::canvas::Canvas::new(&faces);
        let scan =
            crate::print::document::finish(doc, vec![c], |_, _| String::new(), "扫描").unwrap();
        std::fs::write(folder.join("c.pdf"), scan).unwrap();
        std::fs::write(folder.join("说明.txt"), "not a pdf").unwrap();

        let done = attach_folder(&mut store, &folder).unwrap();
        let attached: Vec<_> = done
            .attached
            .iter()
            .map(|(f, p, _)| (f.as_str(), p.as_str()))
            .collect();
        assert_eq!(attached, [("a.pdf", "张三")]);
        let unmatched: Vec<_> = done.unmatched.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(unmatched, ["b.pdf", "c.pdf"]);
        assert!(
            done.unmatched[0].1.contains("1990年5月12日"),
            "{:?}",
            done.unmatched
        );
        assert_eq!(done.unmatched[1].1, "没有文字层，请手工核对");

        // Again: nothing is attached twice.
        let again = attach_folder(&mut store, &folder).unwrap();
        assert!(again.attached.is_empty());
        assert!(
            again.unmatched[0].1.contains("已是张三的附件"),
            "{:?}",
            again.unmatched
        );
    }
}
