//! 挂证 across agencies (特种设备安全法 第五十一条: nobody practises at two
//! agencies at once): every 身份证号 in two or more received rosters, every
//! person whose social insurance is paid by another received agency, and,
//! where only an Annex 1 (no 身份证号) was received, the same name in two
//! agencies as "同名，需核实". Pure.

use std::collections::BTreeMap;

use serde::Serialize;

use super::model::{ReceivedAnnex1, ReceivedRoster};
use crate::domain::text::{name_key, same_unit};

/// What kind of suspicion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The same 身份证号 in two or more agencies' rosters.
    SameId,
    /// Social insurance paid by another received agency.
    SiPaidByOther,
    /// The same name in two agencies where one gave only its Annex 1.
    SameName,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::SameId => super::wording::SAME_ID,
            Kind::SiPaidByOther => super::wording::SI_OTHER,
            Kind::SameName => super::wording::SAME_NAME,
        }
    }
}

/// One agency a person appears in, with that agency's verdicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Appearance {
    pub agency: String,
    pub practice: String,
    pub diploma: String,
    pub title: String,
}

impl Appearance {
    /// "某检验院（真实执业：否，学历：是，职称：-）".
    pub fn text(&self) -> String {
        format!(
            "{}（真实执业：{}，学历：{}，职称：{}）",
            self.agency, self.practice, self.diploma, self.title
        )
    }
}

/// One suspicion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Empty for [`Kind::SameName`].
    pub id_number: String,
    pub name: String,
    pub agencies: Vec<Appearance>,
    pub kind: Kind,
    /// For [`Kind::SiPaidByOther`]: the paying agency.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The suspicions among the current rosters and Annex 1 forms.
pub fn crosscheck(rosters: &[ReceivedRoster], forms: &[ReceivedAnnex1]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut by_id: BTreeMap<String, Vec<(&ReceivedRoster, usize)>> = BTreeMap::new();
    for r in rosters {
        for (i, p) in r.persons.iter().enumerate() {
            if !p.id_number.is_empty() {
                by_id
                    .entry(p.id_number.to_uppercase())
                    .or_default()
                    .push((r, i));
            }
        }
    }
    for (id, found) in &by_id {
        let mut agencies: Vec<Appearance> = Vec::new();
        for (r, i) in found {
            if agencies
                .iter()
                .any(|a| same_unit(&a.agency, &r.agency_name))
            {
                continue;
            }
            let p = &r.persons[*i];
            agencies.push(Appearance {
                agency: r.agency_name.clone(),
                practice: p.practice.clone(),
                diploma: p.diploma.clone(),
                title: p.title.clone(),
            });
        }
        if agencies.len() >= 2 {
            out.push(Finding {
                id_number: id.clone(),
                name: found[0].0.persons[found[0].1].name.clone(),
                agencies,
                kind: Kind::SameId,
                note: String::new(),
            });
        }
    }
    let received: Vec<&str> = rosters
        .iter()
        .map(|r| r.agency_name.as_str())
        .chain(forms.iter().map(|f| f.agency_name.as_str()))
        .collect();
    for r in rosters {
        for p in &r.persons {
            for payer in &p.other_payers {
                let Some(other) = received
                    .iter()
                    .find(|a| same_unit(a, payer) && !same_unit(a, &r.agency_name))
                else {
                    continue;
                };
                out.push(Finding {
                    id_number: p.id_number.clone(),
                    name: p.name.clone(),
                    agencies: vec![Appearance {
                        agency: r.agency_name.clone(),
                        practice: p.practice.clone(),
                        diploma: p.diploma.clone(),
                        title: p.title.clone(),
                    }],
                    kind: Kind::SiPaidByOther,
                    note: format!("社保由{other}缴纳"),
                });
            }
        }
    }
    out.extend(same_names(rosters, forms));
    out
}

/// Names in two or more agencies where at least one of them gave only its
/// Annex 1 (so no 身份证号 can tell the persons apart).
fn same_names(rosters: &[ReceivedRoster], forms: &[ReceivedAnnex1]) -> Vec<Finding> {
    let with_roster: std::collections::HashSet<String> =
        rosters.iter().map(|r| name_key(&r.agency_name)).collect();
    let has_roster = |agency: &str| with_roster.contains(&name_key(agency));
    // name → (agency, verdicts, names only)
    let mut by_name: BTreeMap<String, Vec<(Appearance, bool)>> = BTreeMap::new();
    for r in rosters {
        for p in &r.persons {
            by_name.entry(name_key(&p.name)).or_default().push((
                Appearance {
                    agency: r.agency_name.clone(),
                    practice: p.practice.clone(),
                    diploma: p.diploma.clone(),
                    title: p.title.clone(),
                },
                false,
            ));
        }
    }
    for f in forms.iter().filter(|f| !has_roster(&f.agency_name)) {
        for row in &f.rows {
            by_name.entry(name_key(&row.name)).or_default().push((
                Appearance {
                    agency: f.agency_name.clone(),
                    practice: row.practice.clone(),
                    diploma: row.diploma.clone(),
                    title: row.title.clone(),
                },
                true,
            ));
        }
    }
    let mut out = Vec::new();
    for (name, found) in by_name {
        let mut agencies: Vec<Appearance> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (a, _) in &found {
            if seen.insert(name_key(&a.agency)) {
                agencies.push(a.clone());
            }
        }
        if agencies.len() >= 2 && found.iter().any(|(_, names_only)| *names_only) {
            out.push(Finding {
                id_number: String::new(),
                name,
                agencies,
                kind: Kind::SameName,
                note: String::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annex2::model::{ListRow, Origin, RosterPerson};

    fn person(name: &str, id: &str, practice: &str, payers: &[&str]) -> RosterPerson {
        RosterPerson {
            name: name.into(),
            id_number: id.into(),
            practice: practice.into(),
            diploma: "是".into(),
            title: "-".into(),
            other_payers: payers.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn roster(agency: &str, persons: Vec<RosterPerson>) -> ReceivedRoster {
        ReceivedRoster {
            agency_name: agency.into(),
            persons,
        }
    }

    fn form(agency: &str, names: &[&str]) -> ReceivedAnnex1 {
        ReceivedAnnex1 {
            agency_name: agency.into(),
            fill_date: None,
            origin: Origin::Hand,
            draft: false,
            edited_after_export: false,
            differences: vec![],
            summary: vec![],
            rows: names
                .iter()
                .map(|n| ListRow {
                    name: n.to_string(),
                    practice: "是".into(),
                    ..Default::default()
                })
                .collect(),
        }
    }

    #[test]
    fn the_same_id_in_two_rosters_is_listed_with_both_verdicts() {
        let id = "11010519491231002X";
        let found = crosscheck(
            &[
                roster("甲检验院", vec![person("张三", id, "是", &[])]),
                roster(
                    "乙检测公司",
                    vec![person("张叁", &id.to_lowercase(), "否", &[])],
                ),
                roster(
                    "丙所",
                    vec![person("李四", "440524188001010014", "是", &[])],
                ),
            ],
            &[],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, Kind::SameId);
        assert_eq!(found[0].agencies.len(), 2);
        assert_eq!(found[0].agencies[1].practice, "否");
    }

    #[test]
    fn insurance_paid_by_another_received_agency_is_listed() {
        let found = crosscheck(
            &[roster(
                "甲检验院",
                vec![person("王五", "", "否", &["乙检测公司", "某人力资源公司"])],
            )],
            &[form("乙检测公司", &["赵六"])],
        );
        let si: Vec<_> = found
            .iter()
            .filter(|f| f.kind == Kind::SiPaidByOther)
            .collect();
        assert_eq!(si.len(), 1, "{found:?}");
        assert_eq!(si[0].note, "社保由乙检测公司缴纳");
    }

    #[test]
    fn names_only_match_as_same_name_and_never_between_two_rosters() {
        let found = crosscheck(
            &[
                roster("甲", vec![person("张三", "11010519491231002X", "是", &[])]),
                roster("乙", vec![person("张三", "440524188001010014", "是", &[])]),
            ],
            &[form("丙", &["张 三", "李四"]), form("丁", &["李四"])],
        );
        let names: Vec<(&str, usize)> = found
            .iter()
            .filter(|f| f.kind == Kind::SameName)
            .map(|f| (f.name.as_str(), f.agencies.len()))
            .collect();
        assert_eq!(names, [("张三", 3), ("李四", 2)]);
        assert!(found.iter().all(|f| f.kind != Kind::SameId));
    }
}
