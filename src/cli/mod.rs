//! The command line: a thin shell over the core. Errors go to stderr in
//! Chinese; exit code 0 ok, 2 for the clerk's errors, 3 when the 修改记录 chain
//! is broken, 1 for anything else. Commands that print data take `--output FILE`.

mod annex1;
mod annex2;
mod attach;
mod check;
mod decide;
mod demo;
mod output;
mod safety;
mod settings;
mod sources;
mod submit;
pub mod usage;
mod workbook;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::error::{Error, Result};
use crate::store::{Workspace, db_path, open_store};

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

    /// 用示例台账（临时数据库）打开桌面程序
    #[arg(long)]
    pub demo: bool,

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
        /// 把结果写入此文件（UTF-8，与 Linux 上显示的逐字节相同），而不是显示出来
        #[arg(long, value_name = "文件")]
        output: Option<PathBuf>,
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
        /// 身份证号或姓名
        #[arg(value_name = "人员")]
        person: String,
        /// 核查项目：真实执业 / 学历 / 职称
        #[arg(value_name = "项目")]
        verdict: String,
        /// 撤销的理由（记入修改记录）
        #[arg(long, value_name = "说明")]
        note: String,
    },
    /// 确认某人的一个疑点（须写明说明）
    Confirm {
        /// 身份证号或姓名
        #[arg(value_name = "人员")]
        person: String,
        /// 疑点名称（check 列出的，如 职称取得年限不足）或疑点代码（如 title.too_early）
        #[arg(value_name = "疑点")]
        flag: String,
        /// 确认的依据（记入修改记录）
        #[arg(long, value_name = "说明")]
        note: String,
    },
    /// 给某人添加附件材料（PDF、JPG、PNG、OFD，每个不超过 20 MB）
    Attach {
        /// 身份证号或姓名
        #[arg(value_name = "人员")]
        person: String,
        /// 要添加的文件（可多个）
        #[arg(value_name = "文件", required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// 附件类别：学历备案表、学历认证报告、学位证书、职称证书、职称评审表、职改批文、人社查询截图、参保缴费证明、劳动合同、工作见证、其他（不给则按文件名判断）
        #[arg(long, value_name = "类别")]
        kind: Option<String>,
        /// 文件是学信网备案表时，用其内容填入空白的学历项（学历核验方式、学历核验编号等，已填的不改）
        #[arg(long)]
        fill: bool,
    },
    /// 批量添加学信网备案表：文件夹中的 PDF 按备案表上的姓名和出生日期（对照身份证号）对应到人员，列出未能对应的文件
    AttachRecords {
        /// 放有备案表 PDF 的文件夹
        #[arg(value_name = "文件夹")]
        dir: PathBuf,
    },
    /// 列出某人的附件材料，或移除其中一个（须写明说明）
    Attachments {
        /// 身份证号或姓名
        #[arg(value_name = "人员")]
        person: String,
        /// 移除序号为 N 的附件（序号见列表）
        #[arg(long, value_name = "序号", requires = "note")]
        remove: Option<usize>,
        /// 移除的理由（记入修改记录）
        #[arg(long, value_name = "说明", requires = "remove")]
        note: Option<String>,
        /// 记录序号为 N 的学信网备案表的在线核验结果（须同时给 --result）
        #[arg(
            long,
            value_name = "序号",
            requires = "result",
            conflicts_with = "remove"
        )]
        verify: Option<usize>,
        /// 在线核验结果：一致、不一致或查无
        #[arg(long, value_name = "结果", requires = "verify")]
        result: Option<String>,
        /// 在线核验的日期（不给则为今天）
        #[arg(long, value_name = "日期", requires = "verify")]
        date: Option<String>,
    },
    /// 把某人的一个附件作为某项结论的依据（或用 --remove 取消）
    Cite {
        /// 身份证号或姓名
        #[arg(value_name = "人员")]
        person: String,
        /// 附件的序号（见 zicha attachments 的列表）
        #[arg(value_name = "序号")]
        n: usize,
        /// 核查项目：真实执业、学历或职称
        #[arg(value_name = "核查项目")]
        verdict: String,
        /// 取消这个附件作为该项依据
        #[arg(long)]
        remove: bool,
    },
    /// 核查档案：导出每人的附件和核查情况，供检查时查阅
    Archive {
        #[command(subcommand)]
        action: attach::ArchiveAction,
    },
    /// 生成附件1《特种设备检验检测机构自查情况统计表》（PDF 与 XLSX）
    Annex1 {
        /// 写出 PDF（可给文件名；不给则用默认文件名）
        #[arg(long, value_name = "文件", num_args = 0..=1)]
        pdf: Option<Option<PathBuf>>,
        /// 写出 XLSX（可给文件名；不给则用默认文件名）
        #[arg(long, value_name = "文件", num_args = 0..=1)]
        xlsx: Option<Option<PathBuf>>,
        /// 填报日期（默认今天），如 2024-07-10
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 定稿报送：写出正式的附件1（PDF 与 XLSX）并记入报送记录；草稿不能报送
    Submit {
        /// PDF 文件名（默认按单位名称和日期命名）
        #[arg(long, value_name = "文件")]
        pdf: Option<PathBuf>,
        /// XLSX 文件名（默认按单位名称和日期命名）
        #[arg(long, value_name = "文件")]
        xlsx: Option<PathBuf>,
        /// 填报日期（默认今天），如 2024-07-10
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 报送记录：列出、重新打印、与今天的台账对比、添加扫描件、打包报送
    Submissions {
        #[command(subcommand)]
        action: Option<submit::SubmissionsAction>,
    },
    /// 核查批次：查看当前批次，或开始新的一批（如下一年的核查基准日）
    Campaign {
        #[command(subcommand)]
        action: Option<submit::CampaignAction>,
    },
    /// 辖区汇总（附件2）：接收各机构的附件1，核对、汇总，生成附件2（须用 --db 指定汇总数据库）
    Annex2 {
        #[command(subcommand)]
        action: annex2::Annex2Action,
    },
    /// 向新建的空数据库写入示例台账（35 人，覆盖各种结论与疑点；须用 --db 指定新文件）
    Demo,
    /// 从台账工作簿（.xlsx .xlsm .xls .ods）导入人员、证书、社保、工作见证和设置
    Import {
        /// 要导入的工作簿
        #[arg(value_name = "工作簿")]
        file: PathBuf,
        /// 替换：人员及其证书、社保、工作见证变为与工作簿完全一致（先自动备份原数据库）；默认为合并
        #[arg(long)]
        replace: bool,
        /// 只导入没有错误的行，出错的行写入错误文件
        #[arg(long)]
        skip_invalid: bool,
        /// 把出错的行（附“错误说明”列）写入此工作簿
        #[arg(long, value_name = "文件")]
        errors: Option<PathBuf>,
    },
    /// 导入社保缴费记录：单位参保缴费明细，或某人的参保缴费证明（.xlsx .xls .csv 等，按原样读取）
    ImportSi {
        /// 缴费明细或参保缴费证明文件
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 文件中没有缴费单位列时，这些记录的缴费单位（默认本单位）
        #[arg(long, value_name = "单位名称")]
        payer: Option<String>,
        /// 参保缴费证明未写明是谁时，指定人员（身份证号或姓名）
        #[arg(long, value_name = "身份证号或姓名")]
        person: Option<String>,
        /// 指定某字段对应的表头，可多次使用，如 --column 姓名=人员姓名
        #[arg(long = "column", value_name = "字段=表头")]
        columns: Vec<String>,
        /// 只预览将导入的内容，不写入
        #[arg(long)]
        dry_run: bool,
    },
    /// 导入检验报告台账：每位署名人员得到一条工作见证，不在台账中的署名人员列为疑点
    ImportReports {
        /// 报告台账文件
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 指定某字段对应的表头，可多次使用，如 --column 检验人员=主检
        #[arg(long = "column", value_name = "字段=表头")]
        columns: Vec<String>,
        /// 只预览将导入的内容，不写入
        #[arg(long)]
        dry_run: bool,
    },
    /// 列出报告署名疑点（不在台账、同名无法区分、离职后署名），或导出为工作簿
    Findings {
        /// 导出到此 .xlsx 文件
        #[arg(long, value_name = "文件")]
        xlsx: Option<PathBuf>,
    },
    /// 生成空白的导入模板工作簿
    Template {
        /// 要生成的 .xlsx 文件
        #[arg(value_name = "输出文件")]
        out: PathBuf,
    },
    /// 把整个台账和设置导出为模板格式的工作簿
    Export {
        /// 要生成的 .xlsx 文件
        #[arg(value_name = "输出文件")]
        out: PathBuf,
    },
    /// 修改记录：校验或导出
    Audit {
        #[command(subcommand)]
        action: safety::AuditAction,
    },
    /// 备份数据库（不给文件名则存入数据库旁的 backups 文件夹，保留最近 30 份）
    Backup {
        /// 备份文件（不可已存在）
        #[arg(value_name = "输出文件")]
        out: Option<PathBuf>,
        /// 列出 backups 文件夹中的自动备份
        #[arg(long, conflicts_with = "out")]
        list: bool,
        /// 与 --list 一起用：把列表写入此文件，而不是显示出来
        #[arg(long, value_name = "文件", requires = "list")]
        output: Option<PathBuf>,
    },
    /// 用备份文件恢复台账（先检查该文件，并先备份当前数据库）
    Restore {
        /// 要恢复的备份文件
        #[arg(value_name = "备份文件")]
        file: PathBuf,
    },
}

/// Runs a subcommand; the caller maps the error to an exit code.
pub fn run(cli: &Cli, command: &Command) -> Result<()> {
    if let Command::Template { out } = command {
        return workbook::template(out);
    }
    if let Command::Demo = command {
        demo::check_target(cli.db.as_ref())?;
    }
    if let Command::Backup {
        list: true, output, ..
    } = command
    {
        return safety::list(&db_path(cli.db.as_deref())?, output.as_ref());
    }
    // These back up before they change anything: no second copy for the day.
    let backs_up_anyway = matches!(
        command,
        Command::Import { .. }
            | Command::ImportSi { .. }
            | Command::ImportReports { .. }
            | Command::Backup { .. }
            | Command::Restore { .. }
            | Command::Demo
    );
    let opened = match (open_store(cli.db.as_deref(), !backs_up_anyway), command) {
        (Err(Error::Damaged { .. }), Command::Restore { file }) => {
            return safety::recover(&db_path(cli.db.as_deref())?, file);
        }
        (opened, _) => opened?,
    };
    if let Err(e) = &opened.daily_backup {
        eprintln!("提示：今日的自动备份未能完成：{e}");
    }
    let _lock = opened.lock;
    let mut store = opened.store;
    for note in store.open_notes() {
        eprintln!("注意：{note}");
    }
    // Which kind of file each command is for (docs/DECISIONS.md, "Annex 2 (issue 14)").
    match command {
        Command::Annex2 { .. } => store.set_workspace(Workspace::Annex2)?,
        Command::Audit { .. } | Command::Backup { .. } | Command::Restore { .. } => {}
        _ => store.require(Workspace::Roster)?,
    }
    match command {
        Command::Annex2 { action } => annex2::run(&mut store, action),
        Command::Check { json, output } => check::run(&store, *json, output.as_ref()),
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
        Command::Import {
            file,
            replace,
            skip_invalid,
            errors,
        } => {
            let options = crate::workbook::ImportOptions {
                replace: *replace,
                skip_invalid: *skip_invalid,
                rejects_path: errors.clone(),
            };
            workbook::import(&mut store, file, &options)
        }
        Command::ImportSi {
            file,
            payer,
            person,
            columns,
            dry_run,
        } => sources::import(
            &mut store,
            crate::sources::SourceKind::PaymentList,
            &sources::SourceArgs {
                file,
                columns,
                payer: payer.as_deref(),
                person: person.as_deref(),
                dry_run: *dry_run,
            },
        ),
        Command::ImportReports {
            file,
            columns,
            dry_run,
        } => sources::import(
            &mut store,
            crate::sources::SourceKind::Ledger,
            &sources::SourceArgs {
                file,
                columns,
                payer: None,
                person: None,
                dry_run: *dry_run,
            },
        ),
        Command::Findings { xlsx } => sources::findings(&store, xlsx.as_deref()),
        Command::Template { out } => workbook::template(out),
        Command::Export { out } => workbook::export(&store, out),
        Command::Annex1 { pdf, xlsx, date } => {
            annex1::run(&mut store, annex1::Annex1Args { pdf, xlsx, date })
        }
        Command::Attach {
            person,
            files,
            kind,
            fill,
        } => attach::attach(&mut store, person, files, kind.as_deref(), *fill),
        Command::Attachments {
            person,
            remove,
            note,
            verify: Some(n),
            result,
            date,
        } => {
            let _ = (remove, note);
            attach::verify(
                &mut store,
                person,
                *n,
                result.as_deref().unwrap_or_default(),
                date.as_deref(),
            )
        }
        Command::Attachments {
            person,
            remove,
            note,
            ..
        } => attach::attachments(&mut store, person, *remove, note.as_deref()),
        Command::AttachRecords { dir } => attach::attach_records(&mut store, dir),
        Command::Cite {
            person,
            n,
            verdict,
            remove,
        } => attach::cite(&mut store, person, *n, verdict, !*remove),
        Command::Archive { action } => attach::archive(&store, action),
        Command::Submit { pdf, xlsx, date } => submit::submit(&mut store, pdf, xlsx, date),
        Command::Submissions { action } => submit::run(&mut store, action),
        Command::Campaign { action } => submit::campaign(&mut store, action),
        Command::Audit { action } => safety::audit(&store, action),
        Command::Backup { out, .. } => safety::backup(&store, out.as_deref()),
        Command::Restore { file } => safety::restore(&mut store, file),
        Command::Demo => demo::run(&mut store),
    }
}

/// Prints an error in Chinese and returns the process exit code.
pub fn report(e: &Error) -> i32 {
    eprintln!("错误：{e}");
    match e {
        Error::AuditBroken(_) => 3,
        e if e.is_user_error() => 2,
        _ => 1,
    }
}

/// Today, the default 核查基准日.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
