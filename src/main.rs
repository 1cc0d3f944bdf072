//! zicha: the desktop app when started without a subcommand, the CLI otherwise.
#![cfg_attr(windows, windows_subsystem = "windows")]

use zicha::cli::{self, Cli};

mod platform;

fn main() {
    platform::attach_console_for_cli();
    // clap's own messages are English: parse through our Chinese wording.
    let args = match cli::usage::parse(std::env::args_os()) {
        Ok(args) => args,
        Err(stop) => {
            stop.print();
            std::process::exit(stop.code);
        }
    };
    let code = match &args.command {
        Some(command) => match cli::run(&args, command) {
            Ok(()) => 0,
            Err(e) => cli::report(&e),
        },
        None => match run_app(&args) {
            Ok(()) => 0,
            Err(e) => cli::report(&e),
        },
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
