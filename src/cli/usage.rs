//! The command line's own words in Chinese: clap has no localisation, so the
//! help layout (用法 / 命令 / 参数 / 选项), `-h`/`--help` and `-V`/`--version`
//! are defined here, and every parse error is rewritten from its
//! [`ErrorKind`] and context, naming the argument at fault.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, ColorChoice, Command, CommandFactory, FromArgMatches};

use super::Cli;

/// What to print instead of running a command: help or version on stdout
/// (exit 0), a usage error on stderr (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    pub text: String,
    pub to_stdout: bool,
    pub code: i32,
}

impl Stop {
    /// Prints the text where it belongs.
    pub fn print(&self) {
        if self.to_stdout {
            println!("{}", self.text.trim_end());
        } else {
            eprintln!("{}", self.text.trim_end());
        }
    }
}

/// The whole command tree with Chinese help.
pub fn command() -> Command {
    let top = localise(Cli::command(), "zicha").arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("显示版本号"),
    );
    top.color(ColorChoice::Never)
}

/// `path` is how the clerk types the command: "zicha settings".
fn localise(cmd: Command, path: &str) -> Command {
    let has_subcommands = cmd.has_subcommands();
    let has_positionals = cmd.get_positionals().next().is_some();
    let mut template = String::from("{about-with-newline}\n用法：{usage}\n");
    if has_subcommands {
        template.push_str("\n命令：\n{subcommands}\n");
    }
    if has_positionals {
        template.push_str("\n参数：\n{positionals}\n");
    }
    template.push_str("\n选项：\n{options}\n");
    if has_subcommands {
        template.push_str(&format!("\n每个命令的用法：{path} 命令 --help\n"));
    }
    let cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .subcommand_value_name("命令")
        .subcommand_help_heading("命令")
        .help_template(template)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示本帮助"),
        );
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    names.iter().fold(cmd, |cmd, name| {
        cmd.mut_subcommand(name, |sub| localise(sub, &format!("{path} {name}")))
    })
}

/// Parses the command line; `Err` is what to print and the exit code.
pub fn parse<I, T>(args: I) -> Result<Cli, Stop>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = command().try_get_matches_from(args).map_err(|e| stop(&e))?;
    Cli::from_arg_matches(&matches).map_err(|e| stop(&e))
}

/// Help and version as clap renders them (with our templates), usage errors
/// in our words.
fn stop(e: &clap::Error) -> Stop {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Stop {
            text: chinese_usage(&e.render().to_string()),
            to_stdout: true,
            code: 0,
        },
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Stop {
            text: chinese_usage(&e.render().to_string()),
            to_stdout: false,
            code: 2,
        },
        _ => Stop {
            text: message(e),
            to_stdout: false,
            code: 2,
        },
    }
}

/// clap's usage line without its English title and tags.
fn chinese_usage(s: &str) -> String {
    s.replace("Usage: ", "")
        .replace("Usage:", "")
        .replace("[OPTIONS]", "[选项]")
}

fn context(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

fn first(e: &clap::Error, kind: ContextKind) -> String {
    context(e, kind).into_iter().next().unwrap_or_default()
}

/// Quotes each item: “a”、“b”.
fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("“{s}”"))
        .collect::<Vec<_>>()
        .join("、")
}

/// The Chinese message of a usage error: what is wrong, naming the argument,
/// a suggestion when clap has one, then the usage line and where help is.
fn message(e: &clap::Error) -> String {
    let arg = first(e, ContextKind::InvalidArg);
    let value = first(e, ContextKind::InvalidValue);
    let mut text = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("参数 {arg} 缺少取值"),
        ErrorKind::InvalidValue => format!("参数 {arg} 的值“{value}”无效"),
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("没有选项“{arg}”")
        }
        ErrorKind::UnknownArgument => {
            format!("多余的参数“{arg}”：这个命令不需要它（含空格的内容请用引号括起来）")
        }
        ErrorKind::InvalidSubcommand => {
            format!("没有命令“{}”", first(e, ContextKind::InvalidSubcommand))
        }
        ErrorKind::NoEquals => format!("参数 {arg} 的值须用等号给出，如 {arg}=值"),
        ErrorKind::ValueValidation => format!("参数 {arg} 的值“{value}”无效"),
        ErrorKind::TooManyValues => format!("参数 {arg} 给的值太多：“{value}”是多余的"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg);
            if prior.is_empty() {
                format!("参数 {arg} 不能与其他参数同时使用")
            } else {
                format!("参数 {arg} 不能与 {} 同时使用", prior.join("、"))
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = context(e, ContextKind::InvalidArg);
            format!("缺少必填参数：{}", missing.join("、"))
        }
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::InvalidUtf8 => "参数中有无法识别的字符（不是有效的 UTF-8 文字）".to_string(),
        _ => "命令行参数有误".to_string(),
    };
    let valid = context(e, ContextKind::ValidValue);
    if !valid.is_empty() {
        text.push_str(&format!("，可用的值：{}", quoted(&valid)));
    }
    let valid_commands = context(e, ContextKind::ValidSubcommand);
    if !valid_commands.is_empty() {
        text.push_str(&format!("，可用的命令：{}", valid_commands.join("、")));
    }
    let suggested: Vec<String> = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .flat_map(|k| context(e, k))
    .collect();
    if !suggested.is_empty() {
        text.push_str(&format!("。是不是想用 {}？", quoted(&suggested)));
    } else {
        text.push('。');
    }
    let usage = chinese_usage(&first(e, ContextKind::Usage));
    let usage = usage.trim();
    if !usage.is_empty() {
        // The command path is the usage's leading words: "zicha decide".
        let path: Vec<&str> = usage
            .split_whitespace()
            .take_while(|w| !w.starts_with(['[', '<', '-']))
            .collect();
        text.push_str(&format!(
            "\n用法：{usage}\n查看帮助：{} --help",
            path.join(" ")
        ));
    } else {
        text.push_str("\n查看帮助：zicha --help");
    }
    format!("错误：{text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop_of(args: &[&str]) -> Stop {
        match parse(std::iter::once("zicha").chain(args.iter().copied())) {
            Ok(cli) => panic!("{args:?} parsed: {cli:?}"),
            Err(s) => s,
        }
    }

    /// No English of clap's reaches the clerk.
    fn assert_chinese(s: &Stop) {
        for english in [
            "Usage",
            "error:",
            "OPTIONS",
            "COMMAND",
            "Options:",
            "Commands:",
            "Arguments:",
            "tip:",
            "help",
            "Print",
            "required",
            "found",
        ] {
            let text = s.text.replace("--help", "");
            assert!(!text.contains(english), "{english} in:\n{}", s.text);
        }
    }

    #[test]
    fn help_is_chinese_on_stdout() {
        for args in [
            &["--help"][..],
            &["-h"],
            &["decide", "--help"],
            &["settings", "set", "-h"],
        ] {
            let s = stop_of(args);
            assert_eq!((s.code, s.to_stdout), (0, true), "{args:?}");
            assert!(s.text.contains("用法：zicha"), "{}", s.text);
            assert!(
                s.text.contains("选项：") && s.text.contains("显示本帮助"),
                "{}",
                s.text
            );
            assert_chinese(&s);
        }
        let top = stop_of(&["--help"]);
        assert!(
            top.text.contains("命令：") && top.text.contains("逐人核查"),
            "{}",
            top.text
        );
        assert!(
            top.text.contains("用法：zicha [选项] [命令]"),
            "{}",
            top.text
        );
        let settings = stop_of(&["settings", "--help"]);
        assert!(
            settings
                .text
                .contains("每个命令的用法：zicha settings 命令 --help"),
            "{}",
            settings.text
        );
        let decide = stop_of(&["decide", "-h"]);
        assert!(
            decide.text.contains("参数：") && decide.text.contains("<人员>"),
            "{}",
            decide.text
        );
    }

    #[test]
    fn version_is_printed_on_stdout() {
        let s = stop_of(&["-V"]);
        assert_eq!((s.code, s.to_stdout), (0, true));
        assert!(s.text.contains(env!("CARGO_PKG_VERSION")), "{}", s.text);
        assert_eq!(stop_of(&["--version"]).code, 0);
    }

    #[test]
    fn usage_errors_are_chinese_name_the_argument_and_exit_2() {
        for (args, words) in [
            (
                &["decide", "王五"][..],
                "缺少必填参数：--note <说明>、<项目>、<结论>",
            ),
            (
                &["confirm", "王五", "title.too_early"],
                "缺少必填参数：--note <说明>",
            ),
            (
                &["check", "--jsn"],
                "没有选项“--jsn”。是不是想用 “--json”？",
            ),
            (&["check", "多余"], "多余的参数“多余”"),
            (&["chek"], "没有命令“chek”。是不是想用 “check”？"),
            (&["settings"], "用法：zicha settings"),
            (
                &["backup", "a.db", "--list"],
                "参数 [输出文件] 不能与 --list 同时使用",
            ),
            (&["template"], "缺少必填参数：<输出文件>"),
            (&["--db"], "参数 --db <文件> 缺少取值"),
        ] {
            let s = stop_of(args);
            assert_eq!((s.code, s.to_stdout), (2, false), "{args:?}");
            assert!(s.text.contains(words), "{args:?}:\n{}", s.text);
            assert_chinese(&s);
        }
        let s = stop_of(&["decide", "王五"]);
        assert!(s.text.starts_with("错误："), "{}", s.text);
        assert!(
            s.text.contains("查看帮助：zicha decide --help"),
            "{}",
            s.text
        );
    }

    #[test]
    fn the_demo_help_counts_the_demo_persons() {
        let s = stop_of(&["demo", "--help"]);
        let n = crate::demo::persons().len();
        assert!(s.text.contains(&format!("{n} 人")), "{}", s.text);
        assert!(!s.text.contains("约30"));
    }

    /// The example in `annex2 set`'s help names a figure the regulator
    /// enters, and parses as the command it shows.
    #[test]
    fn the_annex2_set_example_is_a_figure_the_regulator_enters() {
        let help = stop_of(&["annex2", "set", "--help"]).text;
        let example = help
            .lines()
            .find_map(|l| l.split_once("如：annex2 set ").map(|(_, e)| e.trim()))
            .unwrap_or_else(|| panic!("no example in:\n{help}"));
        let words: Vec<&str> = example.split_whitespace().collect();
        let [key, value] = words[..] else {
            panic!("{example}")
        };
        let cli = parse(["zicha", "--db", "x.db", "annex2", "set", key, value])
            .unwrap_or_else(|s| panic!("{}", s.text));
        assert!(matches!(
            cli.command,
            Some(super::super::Command::Annex2 { .. })
        ));
        let figures = crate::annex2::figures::find_figure(key);
        assert!(figures.is_ok(), "{example}: {figures:?}");
        assert!(crate::annex2::figures::parse_figure(value).is_ok());
    }

    #[test]
    fn a_complete_command_line_parses() {
        let cli = parse([
            "zicha",
            "--db",
            "x.db",
            "confirm",
            "王五",
            "证书已过期",
            "--note",
            "已换证",
        ])
        .unwrap_or_else(|s| panic!("{}", s.text));
        assert!(matches!(
            cli.command,
            Some(super::super::Command::Confirm { .. })
        ));
        assert!(parse(["zicha"]).is_ok_and(|c| c.command.is_none()));
    }
}
