//! zicha: the desktop app when started without a subcommand, the CLI otherwise.
#![cfg_attr(windows, windows_subsystem = "windows")]

use clap::Parser;

use zicha::cli::{self, Cli};

mod platform;

fn main() {
    platform::attach_console_for_cli();
    let args = Cli::parse();
    let code = match &args.command {
        Some(command) => match cli::run(&args, command) {
            Ok(()) => 0,
            Err(e) => cli::report(&e),
        },
        None => {
            eprintln!("桌面程序尚在开发中，请使用子命令，运行 zicha --help 查看用法。");
            2
        }
    };
    std::process::exit(code);
}
