//! `zicha submit` (定稿报送) and `zicha submissions …` (报送记录): list,
//! reprint, diff, scan, pack (issue 15).

use std::path::PathBuf;

use clap::Subcommand;

use crate::annex1::submission::{self, Targets};
use crate::annex1::{self};
use crate::error::Result;
use crate::store::Store;
use crate::store::submissions::{self as stored, record_name};

#[derive(Subcommand, Debug)]
pub enum SubmissionsAction {
    /// 列出全部报送记录（默认）
    List,
    /// 把某次报送保存的 PDF 与 XLSX 原样重新写出（与当时报送的文件逐字节相同）
    Reprint {
        /// 报送序号（list 中的“第N次”）
        #[arg(value_name = "序号")]
        number: i64,
        /// 写出 PDF 到此文件
        #[arg(long, value_name = "文件")]
        pdf: Option<PathBuf>,
        /// 写出 XLSX 到此文件
        #[arg(long, value_name = "文件")]
        xlsx: Option<PathBuf>,
    },
    /// 与今天的台账对比：哪些人员的结论或说明变了
    Diff {
        /// 报送序号
        #[arg(value_name = "序号")]
        number: i64,
    },
    /// 为某次报送添加签字盖章后的扫描件（PDF、JPG 或 PNG，不超过 20 MB；再次添加则替换）
    Scan {
        /// 报送序号
        #[arg(value_name = "序号")]
        number: i64,
        /// 扫描件文件
        #[arg(value_name = "文件")]
        file: PathBuf,
    },
    /// 打包报送：在此文件夹中写出一个以单位名称和日期命名的文件夹，内有 PDF、XLSX 和扫描件
    Pack {
        /// 报送序号
        #[arg(value_name = "序号")]
        number: i64,
        /// 放到哪个文件夹
        #[arg(value_name = "文件夹")]
        dir: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum CampaignAction {
    /// 显示当前的核查批次（默认）
    Show,
    /// 开始新的核查批次：台账人员和记录照旧，人工认定、疑点确认和手写说明留在上一批，不带入新批次
    New {
        /// 新批次的核查基准日，如 2025-07-10（须晚于当前的核查基准日）
        #[arg(long, value_name = "日期")]
        date: String,
    },
}

pub fn campaign(store: &mut Store, action: &Option<CampaignAction>) -> Result<()> {
    use crate::store::campaigns::campaign_name;
    match action.as_ref().unwrap_or(&CampaignAction::Show) {
        CampaignAction::Show => {
            let r = store
                .settings()?
                .reference_date
                .map_or("未设置（按今天）".to_string(), |d| d.to_string());
            println!(
                "当前核查批次：{}，核查基准日 {r}",
                campaign_name(store.campaign()?)
            );
        }
        CampaignAction::New { date } => {
            let d = fill_date(&Some(date.clone())).map_err(|_| {
                crate::error::Error::invalid(
                    "核查基准日",
                    format!("“{date}”不是有效日期，应写成 2025-07-10"),
                )
            })?;
            let started = store.start_campaign(d)?;
            println!("{}。核查基准日已改为 {d}", started.line());
        }
    }
    Ok(())
}

fn fill_date(date: &Option<String>) -> Result<chrono::NaiveDate> {
    use crate::domain::parse::parse_date;
    use crate::error::Error;
    match date {
        Some(text) => parse_date(text)
            .map_err(|m| Error::invalid("填报日期", m))?
            .ok_or_else(|| Error::invalid("填报日期", "不能为空")),
        None => Ok(super::today()),
    }
}

/// `zicha submit [--pdf F] [--xlsx F] [--date D]`: both files, default names
/// for the ones not given.
pub fn submit(
    store: &mut Store,
    pdf: &Option<PathBuf>,
    xlsx: &Option<PathBuf>,
    date: &Option<String>,
) -> Result<()> {
    let prepared = submission::prepare(store, fill_date(date)?, super::today())?;
    let default = |ext| {
        PathBuf::from(annex1::default_file_name(
            &prepared.roster.settings,
            prepared.annex.fill_date,
            ext,
        ))
    };
    let targets = Targets {
        pdf: Some(pdf.clone().unwrap_or_else(|| default("pdf"))),
        xlsx: Some(xlsx.clone().unwrap_or_else(|| default("xlsx"))),
    };
    warn_missing_glyphs(&prepared.annex)?;
    let done = submission::submit(store, &prepared, &targets)?;
    for path in &done.written {
        println!("已写出：{}", path.display());
    }
    println!(
        "已定稿报送，记为{}（{} 人）。签字盖章后请扫描，用“zicha submissions scan {} 文件”添加扫描件",
        record_name(done.id),
        prepared.report.rows.len(),
        done.id
    );
    Ok(())
}

pub fn warn_missing_glyphs(annex: &annex1::Annex1) -> Result<()> {
    let missing = annex1::missing_glyphs(annex)?;
    if !missing.is_empty() {
        let chars: String = missing.iter().collect();
        eprintln!("注意：字库中没有以下字符，打印时会缺字，请手工补写：{chars}");
    }
    Ok(())
}

pub fn run(store: &mut Store, action: &Option<SubmissionsAction>) -> Result<()> {
    match action.as_ref().unwrap_or(&SubmissionsAction::List) {
        SubmissionsAction::List => list(store),
        SubmissionsAction::Reprint { number, pdf, xlsx } => {
            let mut targets = Targets {
                pdf: pdf.clone(),
                xlsx: xlsx.clone(),
            };
            if pdf.is_none() && xlsx.is_none() {
                let files = stored::load(store.conn(), *number)?;
                targets.pdf = Some(PathBuf::from(files.info.pdf_name));
                targets.xlsx = Some(PathBuf::from(files.info.xlsx_name));
            }
            for path in submission::reprint(store, *number, &targets)? {
                println!("已重新写出：{}", path.display());
            }
            Ok(())
        }
        SubmissionsAction::Diff { number } => {
            let (files, changes) = submission::compare(store, *number, super::today())?;
            println!(
                "{}（填报日期 {}，{} 人）与今天的台账相比：",
                record_name(*number),
                files.info.fill_date,
                files.info.persons
            );
            if changes.is_empty() {
                println!("没有变化：每个人的结论和说明都与报送时相同");
            } else {
                for c in &changes {
                    println!("{}", c.line());
                }
                println!("共 {} 人有变化", changes.len());
            }
            Ok(())
        }
        SubmissionsAction::Scan { number, file } => {
            let scan = submission::attach_scan(store, *number, file)?;
            println!(
                "已为{}添加扫描件：{}（{} 字节）",
                record_name(*number),
                scan.file_name,
                scan.content.len()
            );
            Ok(())
        }
        SubmissionsAction::Pack { number, dir } => {
            let folder = submission::pack(store, *number, dir)?;
            println!("已打包：{}", folder.display());
            Ok(())
        }
    }
}

fn list(store: &Store) -> Result<()> {
    let all = stored::list(store.conn())?;
    if all.is_empty() {
        println!("还没有报送记录。附件1没有待核实人员时，用“zicha submit”定稿报送");
        return Ok(());
    }
    println!("序号\t批次\t报送时间\t填报日期\t核查基准日\t人数\t操作人\t扫描件");
    for s in &all {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            s.id,
            crate::store::campaigns::campaign_name(s.campaign),
            s.at,
            s.fill_date,
            s.reference_date,
            s.persons,
            s.who,
            s.scan.as_deref().unwrap_or("缺少")
        );
    }
    let missing = all.iter().filter(|s| s.scan.is_none()).count();
    if missing > 0 {
        println!("有 {missing} 次报送还没有签字盖章的扫描件");
    }
    Ok(())
}
