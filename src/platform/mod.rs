//! Platform glue for the `zicha` binary. Windows-only code lives in its own
//! module behind `cfg(windows)`; on other systems these calls do nothing.

pub mod exit_report;
#[cfg(windows)]
mod windows_console;
#[cfg(windows)]
mod windows_mutex;

/// Windows: holds the named mutex the installer looks for while zicha runs
/// (`windows_mutex.rs`). Elsewhere nothing.
pub fn mark_running() {
    #[cfg(windows)]
    windows_mutex::hold_running_mutex();
}

/// The Windows exe is a GUI-subsystem program (no console window when started
/// from Explorer). When it is given arguments, i.e. run as a CLI from cmd or
/// PowerShell, reattach to that shell's console so the subcommands print.
pub fn attach_console_for_cli() {
    #[cfg(windows)]
    if std::env::args_os().len() > 1 {
        windows_console::attach_parent_console();
    }
}
