//! zicha: the desktop app when started without a subcommand, the CLI otherwise.

use clap::Parser;

use zicha::cli::{self, Cli};

fn main() {
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
