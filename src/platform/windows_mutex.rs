//! The named mutex `Local\zicha.running`, held for the whole life of every
//! zicha.exe process (window or command). The installer and uninstaller open
//! it (packaging/windows/installer.nsi, `WaitUntilClosed`) and ask the clerk to
//! close zicha instead of meeting a locked zicha.exe. Windows releases it when
//! the process ends, however it ends.

use windows_sys::Win32::System::Threading::CreateMutexW;

/// The same name as `RUNNING_MUTEX` in installer.nsi.
const NAME: &str = "Local\\zicha.running";

/// Creates (or opens, when another copy runs) the mutex and keeps the handle
/// until the process exits. Only its existence matters: nobody waits on it.
pub fn hold_running_mutex() {
    let name: Vec<u16> = NAME.encode_utf16().chain([0]).collect();
    // SAFETY: a NUL-terminated UTF-16 name that outlives the call, default
    // security, not owned. The handle is deliberately never closed: the OS
    // closes it at exit. A failure only means the installer cannot tell.
    let _handle = unsafe { CreateMutexW(std::ptr::null(), 0, name.as_ptr()) };
}
