//! Finds an Annex 1 in a sheet by its labels, wherever its rows are: the
//! 单位名称（盖章） line, the eight summary items (label, then the value to its
//! right), the list header 序号 / 姓名 / 是否在本单位真实执业 / … and the rows
//! under it down to 填表人姓名 or the 填报说明. Used for hand-filled forms and for
//! the visible sheet of zicha's own export.

use chrono::NaiveDate;

use super::model::ListRow;
use crate::annex1::wording as a1;
use crate::domain::RectificationAction;
use crate::domain::parse::parse_date;
use crate::domain::text::fold_width;

/// An Annex 1 found on a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisibleForm {
    pub agency_name: String,
    /// 填报日期 as written; `fill_date` when it reads as a date.
    pub fill_date_text: String,
    pub fill_date: Option<NaiveDate>,
    /// The eight summary values, empty where the label was not found.
    pub summary: Vec<String>,
    /// Which summary labels were not found.
    pub missing_summary: Vec<&'static str>,
    pub rows: Vec<ListRow>,
    /// The sheet says 草稿 / 不得报送.
    pub draft_mark: bool,
}

/// A label or cell as compared: width folded, white space and a leading item
/// number ("1." "1、" "（1）") removed, a trailing colon dropped.
pub fn norm(s: &str) -> String {
    let s: String = fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut t = s.as_str();
    if let Some(rest) = t.strip_prefix('(')
        && let Some(end) = rest.find(')')
        && rest[..end].chars().all(|c| c.is_ascii_digit())
        && end > 0
    {
        t = &rest[end + 1..];
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix('.').or_else(|| rest.strip_prefix('、')) {
            t = r;
        }
    }
    t.trim_end_matches(':').to_string()
}

/// The text after `label` in a cell starting with it, or the next non-empty
/// cell of the row.
fn value_after(row: &[String], col: usize, label: &str) -> String {
    let cell = fold_width(&row[col]);
    let key = fold_width(label);
    let key = key.trim_end_matches(':');
    let rest = cell
        .find(key)
        .map(|at| cell[at + key.len()..].trim_start_matches([':', ' ']))
        .unwrap_or("");
    if !rest.trim().is_empty() {
        // Keep the clerk's own characters: cut the original at the same place.
        let original = &row[col];
        let chars = original.chars().count() - rest.chars().count();
        return original
            .chars()
            .skip(chars)
            .collect::<String>()
            .trim()
            .to_string();
    }
    next_cell(row, col)
}

/// The next non-empty cell right of `col`.
fn next_cell(row: &[String], col: usize) -> String {
    row.iter()
        .skip(col + 1)
        .find(|c| !c.trim().is_empty())
        .map(|c| c.trim().to_string())
        .unwrap_or_default()
}

/// The 整改措施 a remark names after "整改情况：" (else anywhere in it).
pub fn action_in(remark: &str) -> String {
    let folded = fold_width(remark);
    let tail = folded
        .find("整改情况:")
        .map_or(folded.as_str(), |at| &folded[at..]);
    RectificationAction::ALL
        .iter()
        .filter_map(|a| tail.find(a.label()).map(|at| (at, a.label())))
        .min()
        .map(|(_, l)| l.to_string())
        .unwrap_or_default()
}

/// Normalises a verdict cell: dashes of any width read "-".
fn verdict(s: &str) -> String {
    let t = s.trim();
    match t {
        "－" | "—" | "–" | "一" | "/" | "／" => "-".to_string(),
        _ => t.to_string(),
    }
}

/// Why a sheet is not an Annex 1 (what was not found), for the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    pub agency: bool,
    pub header: bool,
}

/// Finds the form on a sheet given as rows of cell texts.
pub fn find(rows: &[Vec<String>]) -> Result<VisibleForm, NotFound> {
    let agency_key = norm(a1::AGENCY);
    let mut agency = None;
    let mut fill = None;
    let mut header = None;
    let mut draft_mark = false;
    let mut summary = vec![String::new(); 8];
    let mut found = [false; 8];
    let labels: Vec<String> = a1::SUMMARY_ITEMS.iter().map(|l| norm(l)).collect();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let n = norm(cell);
            if n.is_empty() {
                continue;
            }
            if n.contains("不得报送") || n == a1::DRAFT_MARK {
                draft_mark = true;
            }
            if agency.is_none() && n.starts_with(&agency_key) {
                agency = Some(value_after(row, c, "单位名称（盖章）"));
            } else if fill.is_none() && n.starts_with("填报日期") {
                fill = Some(value_after(row, c, "填报日期"));
            } else if let Some(i) = labels.iter().position(|l| *l == n)
                && !found[i]
            {
                found[i] = true;
                summary[i] = next_cell(row, c);
            }
        }
        if header.is_none() && is_list_header(row) {
            header = Some(r);
        }
    }
    let (Some(agency_name), Some(h)) = (agency.clone(), header) else {
        return Err(NotFound {
            agency: agency.is_some(),
            header: header.is_some(),
        });
    };
    let fill_date_text = fill.unwrap_or_default();
    let fill_date = parse_date(&fill_date_text).ok().flatten();
    let list = list_rows(&rows[h], &rows[h + 1..]);
    let missing_summary = a1::SUMMARY_ITEMS
        .iter()
        .zip(found)
        .filter(|(_, f)| !f)
        .map(|(l, _)| *l)
        .collect();
    Ok(VisibleForm {
        agency_name,
        fill_date_text,
        fill_date,
        summary,
        missing_summary,
        rows: list,
        draft_mark,
    })
}

fn is_list_header(row: &[String]) -> bool {
    let has = |f: &dyn Fn(&str) -> bool| row.iter().any(|c| f(&norm(c)));
    has(&|c| c == "序号") && has(&|c| c == "姓名") && has(&|c| c.contains("真实执业"))
}

fn list_rows(header: &[String], rows: &[Vec<String>]) -> Vec<ListRow> {
    let col = |f: &dyn Fn(&str) -> bool| header.iter().position(|c| f(&norm(c)));
    let seq = col(&|c| c == "序号");
    let name = col(&|c| c == "姓名");
    let practice = col(&|c| c.contains("真实执业"));
    let diploma = col(&|c| c.contains("学历"));
    let title = col(&|c| c.contains("职称"));
    let remark = col(&|c| c.contains("存在问题"));
    let get = |row: &[String], i: Option<usize>| -> String {
        i.and_then(|i| row.get(i))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for row in rows {
        let first = row.iter().map(|c| norm(c)).find(|c| !c.is_empty());
        if first.is_some_and(|c| c.starts_with("填表人") || c.starts_with("(填报说明")) {
            break;
        }
        let n = get(row, name);
        if n.is_empty() {
            continue;
        }
        let remark = get(row, remark);
        out.push(ListRow {
            seq: get(row, seq),
            name: n,
            practice: verdict(&get(row, practice)),
            diploma: verdict(&get(row, diploma)),
            title: verdict(&get(row, title)),
            action: action_in(&remark),
            remark,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn labels_are_found_wherever_the_rows_are() {
        let rows = grid(&[
            &["", "附件1"],
            &["", "单位名称（盖章）：", "胜利油田检测中心"],
            &["", "1、特种设备检验检测人员总数", "", "3"],
            &[
                "",
                "4.是否持续满足《核准规则》规定的人员资源条件",
                "否（RT缺1人）",
            ],
            &["", "共排查检验检测人员总数", "3"],
            &["", "发现真实执业存在问题人数", "1"],
            &[
                "",
                "序号",
                "姓名",
                "是否在本单位真实执业",
                "初次取证时提交的学历是否真实",
                "初次取证时提交的职称是否真实",
                "存在问题及整改情况说明",
            ],
            &[
                "",
                "1",
                "张三",
                "否",
                "是",
                "－",
                "社保由他人缴纳。整改情况：已取消执业公示",
            ],
            &["", "", "", "", "", "", ""],
            &["", "2", "李四", "是", "否", "是", "学历查无；已注销资质"],
            &["", "填表人姓名：王五", "", "填报日期：2024年7月9日"],
            &["", "（填报说明：1.……）"],
        ]);
        let f = find(&rows).unwrap();
        assert_eq!(f.agency_name, "胜利油田检测中心");
        assert_eq!(f.fill_date, NaiveDate::from_ymd_opt(2024, 7, 9));
        assert_eq!(f.summary[0], "3");
        assert_eq!(f.summary[3], "否（RT缺1人）");
        assert_eq!(f.summary[4], "3");
        assert_eq!(f.missing_summary.len(), 4, "{:?}", f.missing_summary);
        assert_eq!(f.rows.len(), 2);
        assert_eq!(f.rows[0].title, "-");
        assert_eq!(f.rows[0].action, "已取消执业公示");
        assert_eq!(f.rows[1].action, "已注销资质");
        assert!(!f.draft_mark);
    }

    #[test]
    fn a_sheet_without_the_labels_says_what_is_missing() {
        let e = find(&grid(&[&["姓名", "身份证号"]])).unwrap_err();
        assert_eq!(
            e,
            NotFound {
                agency: false,
                header: false
            }
        );
        let e = find(&grid(&[&["单位名称（盖章）：某所"]])).unwrap_err();
        assert_eq!(
            e,
            NotFound {
                agency: true,
                header: false
            }
        );
    }

    #[test]
    fn numbering_and_colons_are_ignored() {
        for (a, b) in [
            ("1.特种设备检验检测人员总数", "特种设备检验检测人员总数"),
            ("（2）办理", "办理"),
            ("单位名称（盖章）：", "单位名称(盖章)"),
            (" 序 号 ", "序号"),
        ] {
            assert_eq!(norm(a), b, "{a}");
        }
    }
}
