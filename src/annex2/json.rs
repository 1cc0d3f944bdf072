//! `zicha annex2 check --json` (docs/ANNEX2.md): each agency's check, the
//! totals keyed by the left labels (no unit suffix), the cross-agency list.

use serde_json::{Map, Value, json};

use super::crosscheck::Finding;
use super::figures::{AgencyCheck, Figures};
use super::wording::{ROWS, key_of, unit_word};

fn agency(c: &AgencyCheck, differences: &[String]) -> Value {
    json!({
        "name": c.name,
        "draft": c.draft,
        "edited_after_export": c.edited_after_export,
        "checked": c.checked,
        "practice_problems": c.problems[0],
        "diploma_problems": c.problems[1],
        "title_problems": c.problems[2],
        "staffing": c.staffing,
        "mismatches": c.mismatches,
        "differences": differences,
    })
}

/// The totals: `"left key": n` (or null when not entered), or for a row with
/// a right-hand figure `{"人数"|"家数": n, "right key": n}`.
pub fn totals(f: &Figures) -> Value {
    let mut out = Map::new();
    for (i, r) in ROWS.iter().enumerate() {
        let [left, right] = f.values[i];
        let value = match r.right {
            None => json!(left),
            Some(label) => {
                let mut pair = Map::new();
                pair.insert(unit_word(r.left).to_string(), json!(left));
                pair.insert(key_of(label).to_string(), json!(right));
                Value::Object(pair)
            }
        };
        out.insert(key_of(r.left).to_string(), value);
    }
    Value::Object(out)
}

/// The whole document.
pub fn document(
    agencies: &[(AgencyCheck, Vec<String>)],
    figures: &Figures,
    cross: &[Finding],
) -> Value {
    json!({
        "agencies": agencies.iter().map(|(c, d)| agency(c, d)).collect::<Vec<_>>(),
        "totals": totals(figures),
        "cross_agency": cross,
    })
}
