//! zicha: the desktop app when started without a subcommand, the CLI otherwise.
#![cfg_attr(windows, windows_subsystem = "windows")]

use zicha::cli::{self, Cli};

mod platform;

use platform::exit_report;

fn main() {
    platform::mark_running();
    platform::attach_console_for_cli();
    // clap's own messages are English: parse through our Chinese wording.
    let args = match cli::usage::parse(std::env::args_os()) {
        Ok(args) => args,
        Err(stop) => {
            stop.print();
            if stop.code != 0 {
                exit_report::leave_where_seen(&stop.text, None, false);
            }
            std::process::exit(stop.code);
        }
    };
    let (result, shown) = match &args.command {
        Some(command) => (cli::run(&args, command), false),
        // The app shows its own errors in a window before it returns them.
        None => (run_app(&args), cfg!(feature = "gui")),
    };
    let code = match result {
        Ok(()) => 0,
        Err(e) => {
            let code = cli::report(&e);
            exit_report::leave_where_seen(&format!("错误：{e}"), args.db.as_deref(), shown);
            code
        }
    };
    std::process::exit(code);
}

#[cfg(feature = "gui")]
fn run_app(args: &Cli) -> zicha::Result<()> {
    zicha::app::run(args.db.clone(), args.demo)
}

/// A build without the desktop app (the fuzz targets' build) has only the CLI.
#[cfg(not(feature = "gui"))]
fn run_app(_args: &Cli) -> zicha::Result<()> {
    Err(zicha::Error::Other(
        "这个版本不含桌面程序，请使用子命令（zicha --help 查看）".into(),
    ))
}
