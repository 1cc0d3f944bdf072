//! The command line: a thin shell over the core. Errors go to stderr in
//! Chinese; exit code 0 ok, 2 for the clerk's errors, 1 for anything else.

mod check;
mod decide;
mod settings;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::error::{Error, Result};
use crate::store::Store;

#[derive(Debug, Parser)]
#[command(
    name = "zicha",
    version,
    about = "特种设备检验检测机构人员自查台账：逐人核查真实执业、学历、职称，生成附件1",
    disable_help_subcommand = true
)]
pub struct Cli {
    /// 台账数据库文件（默认在用户数据目录下）
    #[arg(long, global = true, value_name = "文件")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 逐人核查并输出结果
    Check {
        /// 输出机器可读的 JSON
        #[arg(long)]
        json: bool,
    },
    /// 查看或修改单位信息与核查参数
    Settings {
        #[command(subcommand)]
        action: settings::SettingsAction,
    },
    /// 人工认定某人某项结论（须写明说明）
    Decide {
        /// 身份证号或姓名
        #[arg(value_name = "人员")]
        person: String,
        /// 核查项目：真实执业 / 学历 / 职称（或 practice / diploma / title）
        #[arg(value_name = "项目")]
        verdict: String,
        /// 结论：是 / 否 / -
        #[arg(value_name = "结论", allow_hyphen_values = true)]
        value: String,
        /// 认定依据
        #[arg(long, value_name = "说明")]
        note: String,
    },
    /// 撤销人工认定，恢复自动核查结论
    Undecide {
        #[arg(value_name = "人员")]
        person: String,
        #[arg(value_name = "项目")]
        verdict: String,
        #[arg(long, value_name = "说明")]
        note: String,
    },
    /// 确认某人的一个疑点（须写明说明）
    Confirm {
        #[arg(value_name = "人员")]
        person: String,
        /// 疑点代码，如 title.too_early
        #[arg(value_name = "疑点代码")]
        flag: String,
        #[arg(long, value_name = "说明")]
        note: String,
    },
    /// 向数据库写入示例台账（约30人，覆盖各种结论与疑点）
    Demo,
}

/// The database the command works on.
pub fn open_store(db: Option<&PathBuf>) -> Result<Store> {
    match db {
        Some(path) => Store::open(path),
        None => Store::open(&Store::default_path()?),
    }
}

/// Runs a subcommand; the caller maps the error to an exit code.
pub fn run(cli: &Cli, command: &Command) -> Result<()> {
    let mut store = open_store(cli.db.as_ref())?;
    match command {
        Command::Check { json } => check::run(&store, *json),
        Command::Settings { action } => settings::run(&mut store, action),
        Command::Decide {
            person,
            verdict,
            value,
            note,
        } => decide::decide(&mut store, person, verdict, value, note),
        Command::Undecide {
            person,
            verdict,
            note,
        } => decide::undecide(&mut store, person, verdict, note),
        Command::Confirm { person, flag, note } => decide::confirm(&mut store, person, flag, note),
        Command::Demo => {
            let n = crate::demo::load_into(&mut store)?;
            println!("已写入示例台账：{n} 人");
            Ok(())
        }
    }
}

/// Prints an error in Chinese and returns the process exit code.
pub fn report(e: &Error) -> i32 {
    eprintln!("错误：{e}");
    if e.is_user_error() { 2 } else { 1 }
}

/// Today, the default 核查基准日.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
