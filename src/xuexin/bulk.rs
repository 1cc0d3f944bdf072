//! A folder of 备案表 PDFs attached at once: each file is matched to the one
//! person with its 姓名 and, by the 身份证号, its 出生日期; a file matched to
//! nobody, to several persons, or not read as a 备案表 is listed with why.
//! [`plan_folder`] reads and matches without writing (the GUI's preview);
//! [`apply`] attaches what the plan matched; [`attach_folder`] does both.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Attached, Reading, RecordField, attach, read_pdf};
use crate::checks::record::{Difference, differences};
use crate::domain::parse::{chinese_date, parse_date};
use crate::domain::text::clean;
use crate::domain::{AttachmentKind, idcard};
use crate::error::{Error, Result};
use crate::store::{Store, blobs};

/// How a line of [`Bulk::lines`] that names a contradiction starts (the app shows it in red).
pub const MISMATCH_LINE: &str = "  与台账不符：";

/// What a folder will become, before anything is written.
#[derive(Debug, Clone, Default)]
pub struct BulkPlan {
    pub dir: PathBuf,
    /// The files matched to a person, in file-name order.
    pub matched: Vec<Matched>,
    /// File name and why it will not be attached.
    pub unmatched: Vec<(String, String)>,
}

/// One 备案表 matched to its person.
#[derive(Debug, Clone)]
pub struct Matched {
    pub path: PathBuf,
    pub file: String,
    pub person_id: i64,
    pub person: String,
    /// The content read, so a file changed after the preview is not attached.
    pub sha256: String,
    /// What the 备案表 contradicts in the roster as it is now.
    pub differences: Vec<Difference>,
}

/// What became of a folder.
#[derive(Debug, Default)]
pub struct Bulk {
    /// File name, the person's name, and the attachment made.
    pub attached: Vec<(String, String, Attached)>,
    /// File name and why it was not attached.
    pub unmatched: Vec<(String, String)>,
}

impl BulkPlan {
    /// How many of the files matched contradict the roster.
    pub fn differing(&self) -> usize {
        self.matched
            .iter()
            .filter(|m| !m.differences.is_empty())
            .count()
    }
}

impl Bulk {
    /// What the clerk is told, line by line (the CLI prints these, the app lists them).
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (file, person, a) in &self.attached {
            out.push(format!("已添加：{file} → {person}"));
            for d in &a.differences {
                out.push(format!("{MISMATCH_LINE}{}", d.message()));
            }
        }
        if !self.unmatched.is_empty() {
            out.push(format!("未添加的文件（{} 个）：", self.unmatched.len()));
            for (file, why) in &self.unmatched {
                out.push(format!("  {file}：{why}"));
            }
        }
        let differing = self
            .attached
            .iter()
            .filter(|(_, _, a)| !a.differences.is_empty())
            .count();
        if differing > 0 {
            out.push(format!(
                "其中 {differing} 份与台账不符，这些人员有疑点“{}”，请在人员详情中核对",
                crate::checks::flags::FlagCode::DiplomaRecordMismatch.label()
            ));
        }
        out.push(format!(
            "共添加 {} 份备案表，{} 个文件未添加",
            self.attached.len(),
            self.unmatched.len()
        ));
        out
    }
}

/// Attaches every PDF directly in `dir` that reads as a 备案表 to its person.
pub fn attach_folder(store: &mut Store, dir: &Path) -> Result<Bulk> {
    let plan = plan_folder(store, dir)?;
    apply(store, &plan)
}

/// Reads every PDF directly in `dir` and matches it to its person; writes nothing.
pub fn plan_folder(store: &Store, dir: &Path) -> Result<BulkPlan> {
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
    let mut plan = BulkPlan {
        dir: dir.to_path_buf(),
        ..BulkPlan::default()
    };
    // (person, content) → the file of the folder already planned with it.
    let mut planned: HashMap<(i64, String), String> = HashMap::new();
    for path in paths {
        let shown = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (name, bytes) = match blobs::read_for_attaching(&path) {
            Ok(r) => r,
            Err(e) => {
                plan.unmatched.push((shown, e.to_string()));
                continue;
            }
        };
        let record = match read_pdf(&bytes) {
            Ok(Reading::Record(r)) => r,
            Ok(other) => {
                let why = other.message().unwrap_or_default().to_string();
                plan.unmatched.push((name, why));
                continue;
            }
            Err(e) => {
                plan.unmatched.push((name, e.to_string()));
                continue;
            }
        };
        let who = record.get(RecordField::Name).map(clean).unwrap_or_default();
        let born = record
            .get(RecordField::Birth)
            .and_then(|b| parse_date(b).ok().flatten());
        let Some(born) = born else {
            plan.unmatched
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
                plan.unmatched.push((
                    name,
                    format!(
                        "台账中没有姓名为“{who}”、身份证号出生日期为{}的人员",
                        chinese_date(born)
                    ),
                ));
                continue;
            }
            _ => {
                plan.unmatched
                    .push((name, format!("“{who}”对应多名人员，请逐个添加")));
                continue;
            }
        };
        let id = person.person.id.unwrap_or_default();
        let sha = blobs::sha256_hex(&bytes);
        if already_attached(store, id, &sha)? {
            plan.unmatched
                .push((name, already_message(&person.person.name)));
            continue;
        }
        if let Some(first) = planned.get(&(id, sha.clone())) {
            plan.unmatched
                .push((name, format!("与 {first} 内容相同，未重复添加")));
            continue;
        }
        planned.insert((id, sha.clone()), name.clone());
        plan.matched.push(Matched {
            path,
            file: name,
            person_id: id,
            person: person.person.name.clone(),
            sha256: sha,
            differences: differences(&person.person, &record),
        });
    }
    Ok(plan)
}

/// Attaches the files `plan` matched, each as 学历备案表 in a transaction of its
/// own; a file that is gone or changed since it was read is listed, not attached.
pub fn apply(store: &mut Store, plan: &BulkPlan) -> Result<Bulk> {
    let mut done = Bulk {
        attached: Vec::new(),
        unmatched: plan.unmatched.clone(),
    };
    for m in &plan.matched {
        let bytes = match blobs::read_for_attaching(&m.path) {
            Ok((_, b)) if blobs::sha256_hex(&b) == m.sha256 => b,
            Ok(_) => {
                done.unmatched.push((
                    m.file.clone(),
                    "预览后文件已被改动，未添加；请重新预览".into(),
                ));
                continue;
            }
            Err(e) => {
                done.unmatched.push((m.file.clone(), e.to_string()));
                continue;
            }
        };
        match already_attached(store, m.person_id, &m.sha256) {
            Ok(false) => {}
            Ok(true) => {
                done.unmatched
                    .push((m.file.clone(), already_message(&m.person)));
                continue;
            }
            Err(e) => {
                done.unmatched.push((m.file.clone(), e.to_string()));
                continue;
            }
        }
        // One file that cannot be attached (its person deleted meanwhile, a
        // full disk) is listed; the others are still tried, and what was
        // attached is reported.
        match attach(
            store,
            m.person_id,
            Some(AttachmentKind::DiplomaRecord),
            &m.file,
            &bytes,
        ) {
            Ok(attached) => done
                .attached
                .push((m.file.clone(), m.person.clone(), attached)),
            Err(e) => done
                .unmatched
                .push((m.file.clone(), format!("未能添加：{e}"))),
        }
    }
    Ok(done)
}

/// Whether `person` already has a current attachment with this content.
fn already_attached(store: &Store, person: i64, sha256: &str) -> Result<bool> {
    Ok(store
        .attachments(person)?
        .iter()
        .any(|a| a.is_current() && a.sha256 == sha256))
}

fn already_message(person: &str) -> String {
    format!("已是{person}的附件，未重复添加")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Person;
    use crate::xuexin::read::tests::{record_pdf, sample};

    /// A roster on disk with 张三 (born 1990-05-12, as `sample()`'s 备案表) and
    /// 李四 (born 1980-01-01); their ids.
    fn two_persons(dir: &Path) -> (Store, i64, i64) {
        let mut store = Store::open(&dir.join("zicha.db")).unwrap();
        let mut p = Person::new("张三");
        p.id_number = Some("110101199005120011".into());
        let zhang = store.add_person(&p).unwrap();
        let mut q = Person::new("李四");
        q.id_number = Some("110101198001010011".into());
        let li = store.add_person(&q).unwrap();
        (store, zhang, li)
    }

    #[test]
    fn a_folder_is_matched_by_name_and_birth_date_and_the_rest_listed() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _, _) = two_persons(dir.path());
        let folder = dir.path().join("备案表");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("a.pdf"), record_pdf(&sample())).unwrap();
        let mut other = sample();
        other[1].1 = "李四"; // born 1990-05-12 on the record, 1980 by the 身份证号
        std::fs::write(folder.join("b.pdf"), record_pdf(&other)).unwrap();
        let (doc, faces) = crate::print::document::start("扫描", ["扫描"]).unwrap();
        let c = crate::print::canvas::Canvas::new(&faces);
        let scan =
            crate::print::document::finish(doc, &faces, vec![c], |_, _| String::new(), "扫描")
                .unwrap();
        std::fs::write(folder.join("c.pdf"), scan).unwrap();
        std::fs::write(folder.join("说明.txt"), "not a pdf").unwrap();

        std::fs::copy(folder.join("a.pdf"), folder.join("a2.pdf")).unwrap();

        // The preview writes nothing, and lists the copy with the file it repeats.
        let plan = plan_folder(&store, &folder).unwrap();
        assert_eq!(plan.matched.len(), 1);
        assert_eq!(plan.matched[0].file, "a.pdf");
        assert_eq!(plan.matched[0].person, "张三");
        assert!(plan.matched[0].differences.is_empty());
        assert_eq!(
            plan.unmatched[0],
            ("a2.pdf".into(), "与 a.pdf 内容相同，未重复添加".into())
        );
        let id = store.load_roster().unwrap().persons[0].person.id.unwrap();
        assert!(store.attachments(id).unwrap().is_empty());

        // A file changed after the preview is not attached.
        let mut changed = sample();
        changed[6].1 = "另一所大学";
        let original = std::fs::read(folder.join("a.pdf")).unwrap();
        std::fs::write(folder.join("a.pdf"), record_pdf(&changed)).unwrap();
        let stale = apply(&mut store, &plan).unwrap();
        assert!(stale.attached.is_empty());
        assert!(
            stale
                .unmatched
                .iter()
                .any(|(f, why)| f == "a.pdf" && why.contains("预览后文件已被改动")),
            "{:?}",
            stale.unmatched
        );
        assert!(store.attachments(id).unwrap().is_empty());
        std::fs::write(folder.join("a.pdf"), original).unwrap();

        let done = attach_folder(&mut store, &folder).unwrap();
        let attached: Vec<_> = done
            .attached
            .iter()
            .map(|(f, p, _)| (f.as_str(), p.as_str()))
            .collect();
        assert_eq!(attached, [("a.pdf", "张三")]);
        let unmatched: Vec<_> = done.unmatched.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(unmatched, ["a2.pdf", "b.pdf", "c.pdf"]);
        assert!(
            done.unmatched[1].1.contains("1990年5月12日"),
            "{:?}",
            done.unmatched
        );
        assert_eq!(done.unmatched[2].1, "没有文字层，请手工核对");
        assert_eq!(
            done.lines().last().unwrap(),
            "共添加 1 份备案表，3 个文件未添加"
        );

        // Again: nothing is attached twice.
        let again = attach_folder(&mut store, &folder).unwrap();
        assert!(again.attached.is_empty());
        assert!(
            again.unmatched[0].1.contains("已是张三的附件"),
            "{:?}",
            again.unmatched
        );
    }

    #[test]
    fn a_person_deleted_after_the_preview_is_listed_and_the_others_still_attached() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, zhang, li) = two_persons(dir.path());
        let folder = dir.path().join("备案表");
        std::fs::create_dir(&folder).unwrap();
        let mut pairs = sample();
        std::fs::write(folder.join("1.pdf"), record_pdf(&pairs)).unwrap();
        pairs[1].1 = "李四";
        pairs[3].1 = "1980年01月01日";
        std::fs::write(folder.join("2.pdf"), record_pdf(&pairs)).unwrap();
        let plan = plan_folder(&store, &folder).unwrap();
        assert_eq!(plan.matched.len(), 2, "{:?}", plan.unmatched);

        store.delete_person(zhang).unwrap();
        let done = apply(&mut store, &plan).unwrap();
        let attached: Vec<_> = done.attached.iter().map(|(f, _, _)| f.as_str()).collect();
        assert_eq!(attached, ["2.pdf"]);
        assert_eq!(store.attachments(li).unwrap().len(), 1);
        assert_eq!(done.unmatched.len(), 1);
        assert_eq!(done.unmatched[0].0, "1.pdf");
        assert!(
            done.unmatched[0].1.starts_with("未能添加："),
            "{:?}",
            done.unmatched
        );
    }
}
