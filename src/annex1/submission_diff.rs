//! 对比 (issue 15): what a submission said against today's roster, person by
//! person: whose verdicts or remark changed, who was added, who is gone. A pure
//! function of the two lists of rows.

use super::submission::SnapshotRow;
use crate::domain::idcard;

/// One cell that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// 真实执业, 学历, 职称 or 说明.
    pub what: &'static str,
    pub before: String,
    pub after: String,
}

/// One person whose row differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonChange {
    /// On both lists, with the cells that changed.
    Changed {
        name: String,
        id_number: Option<String>,
        fields: Vec<FieldChange>,
    },
    /// In today's roster, not on the submitted form.
    Added { row: SnapshotRow },
    /// On the submitted form, no longer in the roster.
    Removed { row: SnapshotRow },
}

impl PersonChange {
    pub fn name(&self) -> &str {
        match self {
            PersonChange::Changed { name, .. } => name,
            PersonChange::Added { row } | PersonChange::Removed { row } => &row.name,
        }
    }

    /// One line for the clerk, e.g. `张三（1101**********002X）：真实执业 是 → 否`.
    pub fn line(&self) -> String {
        let who = |name: &str, id: &Option<String>| match id {
            Some(id) => format!("{name}（{}）", idcard::mask(id)),
            None => name.to_string(),
        };
        let verdicts = |r: &SnapshotRow| {
            format!(
                "真实执业 {}，学历 {}，职称 {}",
                r.practice, r.diploma, r.title
            )
        };
        match self {
            PersonChange::Changed {
                name,
                id_number,
                fields,
            } => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        if f.what == REMARK {
                            format!("{} “{}” → “{}”", f.what, f.before, f.after)
                        } else {
                            format!("{} {} → {}", f.what, f.before, f.after)
                        }
                    })
                    .collect();
                format!("{}：{}", who(name, id_number), parts.join("；"))
            }
            PersonChange::Added { row } => format!(
                "{}：报送后新增的人员（{}）",
                who(&row.name, &row.id_number),
                verdicts(row)
            ),
            PersonChange::Removed { row } => format!(
                "{}：报送时在表中（{}），现已不在台账中",
                who(&row.name, &row.id_number),
                verdicts(row)
            ),
        }
    }
}

const REMARK: &str = "说明";

/// Whether two rows are the same person: the same 身份证号 when both have one,
/// else the same stored person, else (neither known) the same 姓名.
fn same_person(a: &SnapshotRow, b: &SnapshotRow) -> bool {
    match (&a.id_number, &b.id_number) {
        (Some(x), Some(y)) => x == y,
        _ => match (a.person_id, b.person_id) {
            (Some(x), Some(y)) => x == y,
            _ => a.name == b.name,
        },
    }
}

/// The persons whose row differs between `before` (the submission) and `now`
/// (today's roster): changed ones in today's order, then the added, then the removed.
pub fn diff(before: &[SnapshotRow], now: &[SnapshotRow]) -> Vec<PersonChange> {
    let mut matched = vec![false; before.len()];
    let mut changed = Vec::new();
    let mut added = Vec::new();
    for row in now {
        let found = before
            .iter()
            .enumerate()
            .find(|(i, b)| !matched[*i] && same_person(b, row));
        let Some((i, old)) = found else {
            added.push(PersonChange::Added { row: row.clone() });
            continue;
        };
        matched[i] = true;
        let fields: Vec<FieldChange> = [
            ("真实执业", &old.practice, &row.practice),
            ("学历", &old.diploma, &row.diploma),
            ("职称", &old.title, &row.title),
            (REMARK, &old.remark, &row.remark),
        ]
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(what, a, b)| FieldChange {
            what,
            before: a.clone(),
            after: b.clone(),
        })
        .collect();
        if !fields.is_empty() {
            changed.push(PersonChange::Changed {
                name: row.name.clone(),
                id_number: row.id_number.clone(),
                fields,
            });
        }
    }
    let removed = before
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
        .map(|(row, _)| PersonChange::Removed { row: row.clone() });
    changed.into_iter().chain(added).chain(removed).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        name: &str,
        id: Option<&str>,
        pid: Option<i64>,
        v: [&str; 3],
        remark: &str,
    ) -> SnapshotRow {
        SnapshotRow {
            seq: 1,
            person_id: pid,
            name: name.into(),
            id_number: id.map(String::from),
            practice: v[0].into(),
            diploma: v[1].into(),
            title: v[2].into(),
            remark: remark.into(),
        }
    }

    const ID_A: &str = "11010519491231002X";
    const ID_B: &str = "440524188001010014";

    #[test]
    fn the_same_rows_differ_in_nothing() {
        let a = vec![
            row("张三", Some(ID_A), Some(1), ["是", "是", "-"], ""),
            row(
                "李四",
                None,
                Some(2),
                ["否", "是", "是"],
                "已于2024年1月1日离职",
            ),
        ];
        assert_eq!(diff(&a, &a), vec![]);
        assert_eq!(diff(&[], &[]), vec![]);
    }

    #[test]
    fn each_kind_of_change_is_named() {
        let yes = ["是", "是", "是"];
        type Case = (
            &'static str,
            Vec<SnapshotRow>,
            Vec<SnapshotRow>,
            Vec<&'static str>,
        );
        let cases: Vec<Case> = vec![
            (
                "a verdict changed",
                vec![row("张三", Some(ID_A), Some(1), yes, "")],
                vec![row(
                    "张三",
                    Some(ID_A),
                    Some(1),
                    ["否", "是", "是"],
                    "已离职",
                )],
                vec!["张三（110105********002X）：真实执业 是 → 否；说明 “” → “已离职”"],
            ),
            (
                "only the remark changed",
                vec![row("张三", Some(ID_A), Some(1), yes, "旧")],
                vec![row("张三", Some(ID_A), Some(1), yes, "新")],
                vec!["张三（110105********002X）：说明 “旧” → “新”"],
            ),
            (
                "matched by 身份证号 although renamed and re-entered",
                vec![row("张三", Some(ID_A), Some(1), yes, "")],
                vec![row("张叁", Some(ID_A), Some(9), ["是", "否", "是"], "")],
                vec!["张叁（110105********002X）：学历 是 → 否"],
            ),
            (
                "matched by the stored person without 身份证号",
                vec![row("王五", None, Some(3), yes, "")],
                vec![row("王五", None, Some(3), ["是", "是", "-"], "")],
                vec!["王五：职称 是 → -"],
            ),
            (
                "a different 身份证号 is a different person",
                vec![row("张三", Some(ID_A), Some(1), yes, "")],
                vec![row("张三", Some(ID_B), Some(1), yes, "")],
                vec![
                    "张三（440524********0014）：报送后新增的人员（真实执业 是，学历 是，职称 是）",
                    "张三（110105********002X）：报送时在表中（真实执业 是，学历 是，职称 是），现已不在台账中",
                ],
            ),
        ];
        for (what, before, now, want) in cases {
            let got: Vec<String> = diff(&before, &now).iter().map(PersonChange::line).collect();
            assert_eq!(got, want, "{what}");
        }
    }

    #[test]
    fn changed_come_in_todays_order_then_added_then_removed() {
        let before = vec![
            row("甲", None, Some(1), ["是", "是", "是"], ""),
            row("乙", None, Some(2), ["是", "是", "是"], ""),
            row("丙", None, Some(3), ["是", "是", "是"], ""),
        ];
        let now = vec![
            row("丁", None, Some(4), ["是", "是", "是"], ""),
            row("丙", None, Some(3), ["否", "是", "是"], "x"),
            row("甲", None, Some(1), ["是", "否", "是"], ""),
        ];
        let changes = diff(&before, &now);
        let names: Vec<&str> = changes.iter().map(|c| c.name()).collect();
        assert_eq!(names, ["丙", "甲", "丁", "乙"]);
    }
}
