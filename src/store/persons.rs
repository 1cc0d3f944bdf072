//! Persons and their certificate, social-insurance and evidence rows.

use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::codec;
use crate::domain::*;
use crate::error::{Error, Result};

/// The scalar columns of `persons`, in the order `scalar_values` gives them.
const COLUMNS: &[&str] = &[
    "seq",
    "name",
    "id_number",
    "post",
    "employment",
    "hire_date",
    "leave_date",
    "on_duty",
    "disclosed",
    "first_cert_date",
    "diploma_submitted",
    "education",
    "school",
    "major",
    "graduation_date",
    "diploma_number",
    "diploma_method",
    "diploma_reference",
    "diploma_verified_on",
    "diploma_result",
    "title_submitted",
    "title_name",
    "title_major",
    "title_cert_number",
    "title_issuer",
    "title_obtained_on",
    "title_method",
    "title_reference",
    "title_verified_on",
    "title_result",
    "rectification_action",
    "rectification_text",
    "note",
];

fn scalar_values(p: &Person) -> Vec<Value> {
    let d = &p.diploma;
    let t = &p.title;
    vec![
        p.seq.map(Value::Integer).unwrap_or(Value::Null),
        Value::Text(p.name.clone()),
        codec::text(&p.id_number),
        codec::text(&p.post),
        codec::label(p.employment, EmploymentForm::label),
        codec::date(p.hire_date),
        codec::date(p.leave_date),
        codec::flag(p.on_duty),
        codec::flag(p.disclosed),
        codec::date(p.first_cert_date),
        codec::flag(d.submitted),
        codec::label(d.level, EducationLevel::label),
        codec::text(&d.school),
        codec::text(&d.major),
        codec::date(d.graduation_date),
        codec::text(&d.number),
        codec::label(d.method, DiplomaMethod::label),
        codec::text(&d.reference),
        codec::date(d.verified_on),
        codec::label(d.result, VerifyResult::label),
        codec::flag(t.submitted),
        codec::text(&t.name),
        codec::text(&t.major),
        codec::text(&t.cert_number),
        codec::text(&t.issuer),
        codec::date(t.obtained_on),
        codec::label(t.method, TitleMethod::label),
        codec::text(&t.reference),
        codec::date(t.verified_on),
        codec::label(t.result, VerifyResult::label),
        codec::label(p.rectification.action, RectificationAction::label),
        codec::text(&p.rectification.text),
        codec::text(&p.note),
    ]
}

/// Raw column values read from a row, converted after the query.
struct RawPerson {
    id: i64,
    texts: Vec<Option<String>>,
    remark_override: Option<String>,
}

fn read_raw(r: &Row) -> rusqlite::Result<RawPerson> {
    // Column 0 is id; then COLUMNS; then remark_override.
    let mut texts = Vec::with_capacity(COLUMNS.len());
    for i in 0..COLUMNS.len() {
        texts.push(match r.get::<_, Value>(i + 1)? {
            Value::Integer(n) => Some(n.to_string()),
            Value::Text(s) => Some(s),
            _ => None,
        });
    }
    Ok(RawPerson {
        id: r.get(0)?,
        texts,
        remark_override: r.get(COLUMNS.len() + 1)?,
    })
}

fn convert(raw: RawPerson) -> Result<(Person, Option<String>)> {
    let mut t = raw.texts.into_iter();
    let mut next = || t.next().flatten();
    let seq = next().and_then(|s| s.parse().ok());
    let name = next().unwrap_or_default();
    let id_number = next();
    let post = next();
    let employment = codec::parse_label(next(), EmploymentForm::parse, "用工形式")?;
    let hire_date = codec::parse_date(next(), "入职日期")?;
    let leave_date = codec::parse_date(next(), "离职日期")?;
    let flag = |v: Option<String>| v.map(|s| s != "0");
    let on_duty = flag(next());
    let disclosed = flag(next());
    let first_cert_date = codec::parse_date(next(), "初次取证日期")?;
    let diploma = Diploma {
        submitted: flag(next()),
        level: codec::parse_label(next(), EducationLevel::parse, "学历层次")?,
        school: next(),
        major: next(),
        graduation_date: codec::parse_date(next(), "毕业日期")?,
        number: next(),
        method: codec::parse_label(next(), DiplomaMethod::parse, "学历核验方式")?,
        reference: next(),
        verified_on: codec::parse_date(next(), "学历核验日期")?,
        result: codec::parse_label(next(), VerifyResult::parse, "学历核验结果")?,
    };
    let title = Title {
        submitted: flag(next()),
        name: next(),
        major: next(),
        cert_number: next(),
        issuer: next(),
        obtained_on: codec::parse_date(next(), "职称取得日期")?,
        method: codec::parse_label(next(), TitleMethod::parse, "职称核验方式")?,
        reference: next(),
        verified_on: codec::parse_date(next(), "职称核验日期")?,
        result: codec::parse_label(next(), VerifyResult::parse, "职称核验结果")?,
    };
    let rectification = Rectification {
        action: codec::parse_label(next(), RectificationAction::parse, "整改措施")?,
        text: next(),
    };
    let note = next();
    Ok((
        Person {
            id: Some(raw.id),
            seq,
            name,
            id_number,
            post,
            employment,
            hire_date,
            leave_date,
            on_duty,
            disclosed,
            first_cert_date,
            diploma,
            title,
            rectification,
            note,
            certificates: Vec::new(),
            social_insurance: Vec::new(),
            evidence: Vec::new(),
            chsi_records: Vec::new(),
        },
        raw.remark_override,
    ))
}

fn select_sql(filter: &str) -> String {
    format!(
        "SELECT id, {}, remark_override FROM persons {filter}",
        COLUMNS.join(", ")
    )
}

/// Loads every person with their rows and decisions, in form order
/// (序号 first, then persons without one in order of entry).
pub fn load_all(conn: &Connection) -> Result<Vec<PersonRecord>> {
    let mut stmt = conn.prepare(&select_sql("ORDER BY seq IS NULL, seq, id"))?;
    let raws = stmt
        .query_map([], read_raw)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut records = Vec::with_capacity(raws.len());
    let mut index = HashMap::with_capacity(raws.len());
    for raw in raws {
        let (person, remark_override) = convert(raw)?;
        index.insert(person.id.unwrap_or_default(), records.len());
        records.push(PersonRecord {
            person,
            decisions: Decisions {
                remark_override,
                ..Default::default()
            },
        });
    }
    load_children(conn, &index, &mut records)?;
    super::decisions::load_into(conn, &index, &mut records)?;
    Ok(records)
}

fn load_children(
    conn: &Connection,
    index: &HashMap<i64, usize>,
    records: &mut [PersonRecord],
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT person_id, item, number, issued_on, valid_until FROM certificates ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&i) = index.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        records[i].person.certificates.push(Certificate {
            item: r.get(1)?,
            number: r.get(2)?,
            issued_on: codec::parse_date(r.get(3)?, "发证日期")?,
            valid_until: codec::parse_date(r.get(4)?, "有效期至")?,
        });
    }
    // Imported records carry their source (its file name shared by all of
    // them); removed ones no longer count.
    let files = file_names(conn)?;
    let mut stmt = conn.prepare(
        "SELECT person_id, month, payer, source_id, source_row
         FROM social_insurance WHERE removed_note IS NULL ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&i) = index.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        records[i]
            .person
            .social_insurance
            .push(SocialInsuranceMonth {
                month: codec::parse_month(&r.get::<_, String>(1)?)?,
                payer: r.get(2)?,
                origin: origin(r, 3, &files)?,
            });
    }
    let mut stmt = conn.prepare(
        "SELECT person_id, date, kind, number, description, source_id, source_row
         FROM evidence WHERE removed_note IS NULL ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&i) = index.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        let date = codec::parse_date(Some(r.get(1)?), "工作见证日期")?.unwrap_or_default();
        records[i].person.evidence.push(Evidence {
            date,
            kind: codec::parse_label(r.get(2)?, EvidenceKind::parse, "工作见证类型")?,
            number: r.get(3)?,
            description: r.get(4)?,
            origin: origin(r, 5, &files)?,
        });
    }
    super::evidence_blocks::load_into(conn, index, records, &files)?;
    super::chsi::load_into(conn, index, records)?;
    Ok(())
}

/// The source files' names by id, each shared by the records of its file.
fn file_names(conn: &Connection) -> Result<HashMap<i64, Arc<str>>> {
    let mut stmt = conn.prepare("SELECT id, file_name FROM sources")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, Arc::from(r.get::<_, String>(1)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
}

/// The origin in columns `at` (source id) and `at + 1` (row).
fn origin(r: &Row, at: usize, files: &HashMap<i64, Arc<str>>) -> rusqlite::Result<Option<Origin>> {
    let Some(source) = r.get::<_, Option<i64>>(at)? else {
        return Ok(None);
    };
    Ok(Some(Origin {
        source,
        row: r.get::<_, Option<u32>>(at + 1)?.unwrap_or(0),
        file: files.get(&source).cloned().unwrap_or_else(|| Arc::from("")),
    }))
}

/// Loads one person by store id.
pub fn load(conn: &Connection, id: i64) -> Result<PersonRecord> {
    // Small rosters make a full load cheap; it keeps one code path for reading.
    load_all(conn)?
        .into_iter()
        .find(|r| r.person.id == Some(id))
        .ok_or_else(|| Error::PersonNotFound(id.to_string()))
}

fn check_unique_id(conn: &Connection, p: &Person) -> Result<()> {
    if let Some(idn) = &p.id_number {
        let other: Option<i64> = conn
            .prepare_cached("SELECT id FROM persons WHERE id_number = ?1 AND id IS NOT ?2")?
            .query_row(params![idn, p.id], |r| r.get(0))
            .ok();
        if other.is_some() {
            return Err(Error::DuplicateIdNumber(idn.clone()));
        }
    }
    Ok(())
}

/// Inserts a person with all their rows; returns the new id.
pub fn insert(conn: &Connection, p: &Person) -> Result<i64> {
    if p.name.trim().is_empty() {
        return Err(Error::invalid("姓名", "不能为空"));
    }
    check_unique_id(conn, p)?;
    let now = codec::timestamp(codec::now());
    let placeholders: Vec<String> = (1..=COLUMNS.len() + 2).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO persons ({}, created_at, updated_at) VALUES ({})",
        COLUMNS.join(", "),
        placeholders.join(", ")
    );
    let mut values = scalar_values(p);
    values.push(Value::Text(now.clone()));
    values.push(Value::Text(now));
    // Cached: an import inserts thousands of persons in one transaction.
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    let id = conn.last_insert_rowid();
    insert_children(conn, id, p)?;
    Ok(id)
}

/// Rewrites a stored person's fields and rows.
pub fn update(conn: &Connection, p: &Person) -> Result<()> {
    let id = p.id.ok_or_else(|| Error::Other("该人员尚未保存".into()))?;
    if p.name.trim().is_empty() {
        return Err(Error::invalid("姓名", "不能为空"));
    }
    check_unique_id(conn, p)?;
    let sets: Vec<String> = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    let sql = format!(
        "UPDATE persons SET {}, updated_at = ?{} WHERE id = ?{}",
        sets.join(", "),
        COLUMNS.len() + 1,
        COLUMNS.len() + 2
    );
    let mut values = scalar_values(p);
    values.push(Value::Text(codec::timestamp(codec::now())));
    values.push(Value::Integer(id));
    if conn.execute(&sql, params_from_iter(values))? == 0 {
        return Err(Error::PersonNotFound(p.name.clone()));
    }
    // Imported records (and removed ones) stay as they are, with their source:
    // only what was typed by hand is rewritten.
    conn.execute("DELETE FROM certificates WHERE person_id = ?1", [id])?;
    for table in ["social_insurance", "evidence"] {
        conn.execute(
            &format!("DELETE FROM {table} WHERE person_id = ?1 AND source_id IS NULL"),
            [id],
        )?;
    }
    insert_rows(conn, id, p, false)
}

/// Inserts the certificate, social-insurance and evidence rows of `p` under `id`.
pub fn insert_children(conn: &Connection, id: i64, p: &Person) -> Result<()> {
    insert_rows(conn, id, p, true)
}

/// Inserts the rows of `p` under `id`; imported ones only with `imported`.
fn insert_rows(conn: &Connection, id: i64, p: &Person, imported: bool) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO certificates (person_id, item, number, issued_on, valid_until) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for c in &p.certificates {
        stmt.execute(params![
            id,
            c.item,
            c.number,
            codec::date(c.issued_on),
            codec::date(c.valid_until)
        ])?;
    }
    // All at once: a person's imported records go back into blocks together.
    let months: Vec<_> = p
        .social_insurance
        .iter()
        .filter(|s| s.origin.is_none() || imported)
        .map(|s| (id, s))
        .collect();
    super::imported::insert_months(conn, &months, super::imported::Source::Own)?;
    let evidence: Vec<_> = p
        .evidence
        .iter()
        .filter(|e| e.origin.is_none() || imported)
        .map(|e| (id, e))
        .collect();
    super::imported::insert_evidence(conn, &evidence, super::imported::Source::Own)
}

pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    // The person's attachments stay, unlinked, naming whose they were (006_attachments.sql).
    let named: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT name, id_number FROM persons WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((name, id_number)) = named {
        conn.execute(
            "UPDATE attachments SET person_record = ?1 WHERE person_id = ?2",
            rusqlite::params![
                super::attachments::deleted_label(&label_of(&name, id_number.as_deref()), id),
                id
            ],
        )?;
    }
    conn.execute("DELETE FROM persons WHERE id = ?1", [id])?;
    Ok(())
}

/// Finds a person by 身份证号, else by a 姓名 that is unique in the roster.
pub fn find(conn: &Connection, query: &str) -> Result<i64> {
    let q = text::clean(query);
    let by_id: Option<i64> = conn
        .query_row(
            "SELECT id FROM persons WHERE upper(id_number) = upper(?1)",
            [text::normalize_id_number(&q)],
            |r| r.get(0),
        )
        .ok();
    if let Some(id) = by_id {
        return Ok(id);
    }
    let mut stmt = conn.prepare("SELECT id FROM persons WHERE name = ?1")?;
    let ids = stmt
        .query_map([text::normalize_name(&q)], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    match ids.as_slice() {
        [id] => Ok(*id),
        [] => Err(Error::PersonNotFound(q)),
        _ => Err(Error::PersonAmbiguous(q)),
    }
}

/// How a person is named in lists (the import preview): 姓名（身份证号 masked,
/// 370502********1013); the whole number shows only in the detail view.
pub fn list_label(p: &Person) -> String {
    match &p.id_number {
        Some(id) => format!("{}（{}）", p.name, crate::domain::idcard::mask(id)),
        None => p.name.clone(),
    }
}

/// How a person is named in the audit trail: 姓名（身份证号）.
pub fn record_label(p: &Person) -> String {
    label_of(&p.name, p.id_number.as_deref())
}

/// [`record_label`] from the two fields.
fn label_of(name: &str, id_number: Option<&str>) -> String {
    match id_number {
        Some(id) => format!("{name}（{id}）"),
        None => name.to_string(),
    }
}
