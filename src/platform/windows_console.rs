//! Reattaching a GUI-subsystem exe to its parent's console.
//!
//! A `windows_subsystem = "windows"` program starts without standard handles
//! unless the caller redirected them. `AttachConsole(ATTACH_PARENT_PROCESS)`
//! joins the console of the cmd/PowerShell window that started us; handles that
//! were already redirected (`zicha check --json > out.json`, a pipe) are kept,
//! and handles still missing after attaching are opened on the console.
//! packaging/smoke-wine.sh runs both paths under Wine (packaging/wine/console-launch.c).

use std::ptr;

use windows_sys::Win32::Foundation::{
    ERROR_ACCESS_DENIED, GENERIC_READ, GENERIC_WRITE, GetLastError, HANDLE, INVALID_HANDLE_VALUE,
};
use windows_sys::Win32::Storage::FileSystem::{
    CreateFileW, FILE_SHARE_READ, FILE_SHARE_WRITE, OPEN_EXISTING,
};
use windows_sys::Win32::System::Console::{
    ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_HANDLE,
    STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, SetStdHandle,
};

/// Joins the parent's console if the parent has one and some standard handle
/// is missing. Started from Explorer there is no parent console: nothing happens.
pub fn attach_parent_console() {
    let slots: [(STD_HANDLE, &str, u32); 3] = [
        (STD_INPUT_HANDLE, "CONIN$", GENERIC_READ),
        (STD_OUTPUT_HANDLE, "CONOUT$", GENERIC_WRITE),
        (STD_ERROR_HANDLE, "CONOUT$", GENERIC_WRITE),
    ];
    // SAFETY: plain Win32 calls on this process's standard-handle table with
    // constant arguments; no Rust object owns these handles yet (main has only
    // just started), and std looks them up afresh on every read or write.
    unsafe {
        let before = slots.map(|(id, _, _)| GetStdHandle(id));
        if before.iter().all(|&h| usable(h)) {
            return;
        }
        // ERROR_ACCESS_DENIED: already attached to a console (Wine gives GUI
        // children their parent's), only the handles are missing: open them.
        if AttachConsole(ATTACH_PARENT_PROCESS) == 0 && GetLastError() != ERROR_ACCESS_DENIED {
            return;
        }
        for ((id, device, access), old) in slots.into_iter().zip(before) {
            if usable(old) {
                // Attaching may have replaced a redirection: put it back.
                SetStdHandle(id, old);
            } else if !usable(GetStdHandle(id)) {
                let name: Vec<u16> = device.encode_utf16().chain([0]).collect();
                let handle = CreateFileW(
                    name.as_ptr(),
                    access,
                    FILE_SHARE_READ | FILE_SHARE_WRITE,
                    ptr::null(),
                    OPEN_EXISTING,
                    0,
                    ptr::null_mut(),
                );
                if usable(handle) {
                    SetStdHandle(id, handle);
                }
            }
        }
    }
}

fn usable(handle: HANDLE) -> bool {
    !handle.is_null() && handle != INVALID_HANDLE_VALUE
}
