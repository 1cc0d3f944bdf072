//! `zicha --db 辖区汇总.db annex2 …`: the county regulator's Annex 2
//! (docs/ANNEX2.md). Receive files, list them, enter figures and 考试机构,
//! check, print, and the cross-agency 挂证 list.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use crate::annex2::figures::{ListEntry, check_agency, figure_key, find_figure, parse_figure};
use crate::annex2::overview::{self, Overview};
use crate::annex2::receive::Options;
use crate::annex2::{self, Annex2, crosscheck_xlsx, json, wording};
use crate::domain::SettingKey;
use crate::domain::parse::parse_date;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::annex2::ExamRow;

#[derive(Debug, Subcommand)]
pub enum Annex2Action {
    /// 接收各机构的附件1（XLSX）或台账工作簿，按内容识别
    Add {
        /// 要接收的文件（可多个）
        #[arg(value_name = "文件", required = true)]
        files: Vec<PathBuf>,
        /// 文件上没有单位名称时（如没有“单位信息”工作表的台账），指明是哪个机构的
        #[arg(long, value_name = "单位名称")]
        agency: Option<String>,
    },
    /// 列出已接收的附件1与台账（含草稿、导出后被改动、核对不符）
    List,
    /// 填写监管部门的数字或本单位信息，如：annex2 set 发现真实执业、学历、职称存在问题的检验检测机构数量/已整改 3
    Set {
        /// 附件2左栏名称（不含单位），右栏数字写“左栏/右栏”；或 单位名称 / 填表人 / 联系电话
        #[arg(value_name = "项目")]
        key: String,
        /// 整数（或单位信息的文字）
        #[arg(value_name = "值", allow_hyphen_values = true)]
        value: String,
    },
    /// 考试机构：添加或删除监督检查过的考试机构
    Exam {
        #[command(subcommand)]
        action: ExamAction,
    },
    /// 改写清单（二）中某机构的存在问题说明或整改情况说明（--reset 恢复自动生成）
    Edit {
        /// 机构的单位名称
        #[arg(value_name = "单位名称")]
        agency: String,
        #[arg(long, value_name = "文字")]
        problems: Option<String>,
        #[arg(long, value_name = "文字")]
        rectification: Option<String>,
        /// 恢复为自动生成的文字
        #[arg(long)]
        reset: bool,
    },
    /// 核对各机构附件1的汇总数与清单，显示附件2数字（--json 输出机器可读结果）
    Check {
        #[arg(long)]
        json: bool,
    },
    /// 生成附件2（PDF 与 XLSX）
    Print {
        #[arg(long, value_name = "文件", num_args = 0..=1)]
        pdf: Option<Option<PathBuf>>,
        #[arg(long, value_name = "文件", num_args = 0..=1)]
        xlsx: Option<Option<PathBuf>>,
        /// 填报日期（默认今天）
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 跨机构挂证疑点：同一身份证号在多个机构、社保由另一机构缴纳、同名需核实
    Crosscheck {
        /// 导出为工作簿（默认文件名 跨机构挂证疑点清单.xlsx）
        #[arg(long, value_name = "文件", num_args = 0..=1)]
        xlsx: Option<Option<PathBuf>>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExamAction {
    /// 添加一个考试机构
    Add {
        #[arg(value_name = "名称")]
        name: String,
        #[arg(long, value_name = "文字", default_value = "")]
        problems: String,
        #[arg(long, value_name = "文字", default_value = "")]
        rectification: String,
    },
    /// 删除一个考试机构（同名的有几个时，删除最后添加的一个）
    Remove {
        #[arg(value_name = "名称")]
        name: String,
    },
}

pub fn run(store: &mut Store, action: &Annex2Action) -> Result<()> {
    match action {
        Annex2Action::Add { files, agency } => add(store, files, agency.as_deref()),
        Annex2Action::List => list(store),
        Annex2Action::Set { key, value } => set(store, key, value),
        Annex2Action::Exam { action } => exam(store, action),
        Annex2Action::Edit {
            agency,
            problems,
            rectification,
            reset,
        } => edit(store, agency, problems, rectification, *reset),
        Annex2Action::Check { json } => check(store, *json),
        Annex2Action::Print { pdf, xlsx, date } => print(store, pdf, xlsx, date),
        Annex2Action::Crosscheck { xlsx } => cross(store, xlsx),
    }
}

fn add(store: &mut Store, files: &[PathBuf], agency: Option<&str>) -> Result<()> {
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let options = Options {
        agency,
        today: super::today(),
    };
    let received = annex2::receive(store, &paths, &options).map_err(|e| match e {
        Error::AgencyUnnamed(_) => Error::NotReceivable(format!(
            "{e}\n命令行中用 --agency 单位名称 指明是哪个机构的"
        )),
        e => e,
    })?;
    for (file, stored) in received {
        println!("{}", overview::received_line(&file, &stored));
    }
    Ok(())
}

fn list(store: &Store) -> Result<()> {
    let current = annex2::load(store)?;
    if current.forms.is_empty() && current.rosters.is_empty() {
        println!("尚未接收任何文件。用 zicha --db 文件 annex2 add 附件1.xlsx 接收");
    }
    for (i, a) in current.forms.iter().enumerate() {
        let c = check_agency(&a.annex);
        let marks = overview::marks(&c);
        let marks = if marks.is_empty() {
            String::new()
        } else {
            format!("【{}】", marks.join("、"))
        };
        println!(
            "{}. {}{marks} 共排查{}人，真实执业问题{}人，学历问题{}人，职称问题{}人，人员条件{}（{}，接收于{}）",
            i + 1,
            a.annex.agency_name,
            c.checked,
            c.problems[0],
            c.problems[1],
            c.problems[2],
            c.staffing,
            a.file_name,
            a.received_at
        );
        for d in &a.annex.differences {
            println!("     与导出时不同：{d}");
        }
        for m in &c.mismatches {
            println!("     核对：{m}");
        }
    }
    for r in &current.rosters {
        println!("台账：{}（{}人）", r.agency_name, r.persons.len());
    }
    if current.history > 0 {
        println!("历史：{} 份文件已被同一机构后来的文件替换", current.history);
    }
    list_two(&Annex2::from_current(store, &current, super::today())?.list);
    Ok(())
}

/// Part (二) as the form prints it, each text the regulator rewrote marked.
fn list_two(list: &[ListEntry]) {
    if list.is_empty() {
        return;
    }
    println!("\n{}", wording::PART2);
    for (i, e) in list.iter().enumerate() {
        let kind = if e.exam.is_some() {
            "（考试机构）"
        } else {
            ""
        };
        println!("{}. {}{kind}", i + 1, e.name);
        for (label, text, edited) in [
            (wording::LIST_COLUMNS[2], &e.problems, e.problems_edited),
            (
                wording::LIST_COLUMNS[3],
                &e.rectification,
                e.rectification_edited,
            ),
        ] {
            let mark = if edited {
                format!("【{}】", wording::EDITED)
            } else {
                String::new()
            };
            println!("     {label}：{text}{mark}");
        }
    }
}

fn set(store: &mut Store, key: &str, value: &str) -> Result<()> {
    if let Ok(k) = SettingKey::find(key)
        && matches!(
            k,
            SettingKey::AgencyName | SettingKey::Filler | SettingKey::Phone
        )
    {
        store.set_setting(k, value)?;
        println!("已设置 {}：{}", k.label(), store.settings()?.get(k));
        return Ok(());
    }
    let (row, side) = find_figure(key).map_err(|m| Error::invalid("项目", m))?;
    let n = parse_figure(value).map_err(|m| Error::invalid(figure_key(row, side), m))?;
    let key = figure_key(row, side);
    store.set_annex2_figure(&key, n)?;
    println!("已填写 {key}：{n}");
    Ok(())
}

fn exam(store: &mut Store, action: &ExamAction) -> Result<()> {
    match action {
        ExamAction::Add {
            name,
            problems,
            rectification,
        } => {
            if name.trim().is_empty() {
                return Err(Error::invalid("考试机构名称", "不能为空"));
            }
            store.add_exam_row(&ExamRow {
                name: name.trim().to_string(),
                problems: problems.trim().to_string(),
                rectification: rectification.trim().to_string(),
            })?;
            println!("已添加考试机构：{}", name.trim());
        }
        ExamAction::Remove { name } => {
            let (removed, left) = store.remove_exam_named(name)?;
            println!("已删除考试机构：{removed}");
            if left > 0 {
                println!("另有 {left} 个同名的考试机构，未删除");
            }
        }
    }
    Ok(())
}

fn edit(
    store: &mut Store,
    agency: &str,
    problems: &Option<String>,
    rectification: &Option<String>,
    reset: bool,
) -> Result<()> {
    if problems.is_none() && rectification.is_none() && !reset {
        return Err(Error::invalid(
            "改写",
            "请给出 --problems 或 --rectification 的新文字，或用 --reset 恢复自动生成",
        ));
    }
    let name = overview::edit_list(
        store,
        agency,
        problems.as_deref(),
        rectification.as_deref(),
        reset,
    )
    .map_err(|e| match e {
        Error::InvalidValue { field, message } if field == "单位名称" => Error::InvalidValue {
            field,
            message: format!("{message}（annex2 list 列出已接收的机构）"),
        },
        e => e,
    })?;
    println!("已保存清单（二）中“{name}”的文字（标为手工改写；--reset 可恢复自动生成）");
    Ok(())
}

fn check(store: &Store, as_json: bool) -> Result<()> {
    let o = Overview::load(store, super::today())?;
    let (a, cross) = (&o.annex, &o.cross);
    let checks: Vec<_> = o
        .checks
        .iter()
        .zip(&o.current.forms)
        .map(|(c, f)| (c.clone(), f.annex.differences.clone()))
        .collect();
    if as_json {
        let doc = json::document(&checks, &a.figures, cross);
        let text = serde_json::to_string_pretty(&doc)
            .map_err(|e| Error::Other(format!("输出 JSON 失败：{e}")))?;
        println!("{text}");
        return Ok(());
    }
    for (c, _) in &checks {
        let status = if c.mismatches.is_empty() {
            "核对一致".to_string()
        } else {
            c.mismatches.join("；")
        };
        let draft = if c.draft { "【草稿】" } else { "" };
        println!("{}{draft}：{status}", c.name);
    }
    println!();
    for (i, r) in wording::ROWS.iter().enumerate() {
        let [left, right] = a.figures.values[i];
        let v = |x: Option<i64>| x.map_or("（未填写）".to_string(), |n| n.to_string());
        match r.right {
            Some(label) => println!("{}：{}；{}：{}", r.left, v(left), label, v(right)),
            None => println!("{}：{}", r.left, v(left)),
        }
    }
    if !cross.is_empty() {
        println!(
            "\n跨机构挂证疑点 {} 条（annex2 crosscheck 查看）",
            cross.len()
        );
    }
    println!("\n{}", overview::status_line(a));
    Ok(())
}

fn print(
    store: &Store,
    pdf: &Option<Option<PathBuf>>,
    xlsx: &Option<Option<PathBuf>>,
    date: &Option<String>,
) -> Result<()> {
    let fill_date = match date {
        Some(text) => parse_date(text)
            .map_err(|m| Error::invalid("填报日期", m))?
            .ok_or_else(|| Error::invalid("填报日期", "不能为空"))?,
        None => super::today(),
    };
    let a = Annex2::from_store(store, fill_date)?;
    let (want_pdf, want_xlsx) = match (pdf, xlsx) {
        (None, None) => (Some(None), Some(None)),
        (p, x) => (p.clone(), x.clone()),
    };
    let target = |given: Option<PathBuf>, ext: &str| {
        given.unwrap_or_else(|| PathBuf::from(annex2::default_file_name(&a, ext)))
    };
    if let Some(given) = want_pdf {
        let path = target(given, "pdf");
        annex2::write_pdf(&a, &path)?;
        println!("已生成 PDF：{}", path.display());
    }
    if let Some(given) = want_xlsx {
        let path = target(given, "xlsx");
        annex2::write_xlsx(&a, &path)?;
        println!("已生成 XLSX：{}", path.display());
    }
    println!("{}", overview::status_line(&a));
    Ok(())
}

fn cross(store: &Store, xlsx: &Option<Option<PathBuf>>) -> Result<()> {
    let o = Overview::load(store, super::today())?;
    if o.names_only {
        println!("注意：{}", wording::NAMES_ONLY);
    }
    if o.cross.is_empty() {
        println!("未发现跨机构挂证疑点");
    }
    for f in &o.cross {
        println!("{}", overview::finding_line(f));
    }
    if let Some(given) = xlsx {
        let path = given
            .clone()
            .unwrap_or_else(|| PathBuf::from(wording::CROSS_FILE));
        crosscheck_xlsx::write(&o.cross, o.names_only, &path)?;
        println!("已导出：{}", path.display());
    }
    Ok(())
}
