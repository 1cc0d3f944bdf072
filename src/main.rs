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
        None => match zicha::app::run(args.db.clone(), args.demo) {
            Ok(()) => 0,
            Err(e) => cli::report(&e),
        },
    };
    std::process::exit(code);
}
