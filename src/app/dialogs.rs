//! Every native dialog (rfd) of the app, owned by the app's window: a modal
//! file dialog or message box stays in front of the window, gets no taskbar
//! button of its own, and the window waits for it instead of looking hung.
//!
//! The dialogs run on the UI thread, inside a frame (`widgets::path_row`), where
//! no `eframe::Frame` is at hand: [`ZichaApp`](super::ZichaApp) remembers the
//! window's handles at the start of every frame ([`remember_owner`]), and
//! [`file`] / [`message`] hand them to rfd. Before the window exists (the
//! start-up questions) and after it closed there is no owner.

use std::cell::Cell;

use raw_window_handle::{
    DisplayHandle, HandleError, HasDisplayHandle, HasWindowHandle, RawDisplayHandle,
    RawWindowHandle, WindowHandle,
};

thread_local! {
    /// The app window's handles, on the UI thread only.
    static OWNER: Cell<Option<Owner>> = const { Cell::new(None) };
}

/// The window a dialog belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Owner {
    window: RawWindowHandle,
    display: RawDisplayHandle,
}

impl HasWindowHandle for Owner {
    fn window_handle(&self) -> Result<WindowHandle<'_>, HandleError> {
        // SAFETY: the handle comes from the live eframe window of this frame
        // ([`remember_owner`]) and is forgotten when the window closes
        // ([`forget_owner`]); rfd copies it into the dialog, shown and
        // finished on this thread while the window exists.
        Ok(unsafe { WindowHandle::borrow_raw(self.window) })
    }
}

impl HasDisplayHandle for Owner {
    fn display_handle(&self) -> Result<DisplayHandle<'_>, HandleError> {
        // SAFETY: as for the window handle above.
        Ok(unsafe { DisplayHandle::borrow_raw(self.display) })
    }
}

/// Called at the start of every frame with the window's frame.
pub fn remember_owner(frame: &eframe::Frame) {
    let window = frame.window_handle().map(|h| h.as_raw());
    let display = frame.display_handle().map(|h| h.as_raw());
    OWNER.set(match (window, display) {
        (Ok(window), Ok(display)) => Some(Owner { window, display }),
        _ => None,
    });
}

/// Called when the window closes: later dialogs have no owner.
pub fn forget_owner() {
    OWNER.set(None);
}

/// A file dialog (open, save, folder) owned by the app window.
pub fn file() -> rfd::FileDialog {
    match OWNER.get() {
        Some(owner) => rfd::FileDialog::new().set_parent(&owner),
        None => rfd::FileDialog::new(),
    }
}

/// A message box owned by the app window (none before the window opens).
pub fn message() -> rfd::MessageDialog {
    match OWNER.get() {
        Some(owner) => rfd::MessageDialog::new().set_parent(&owner),
        None => rfd::MessageDialog::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroIsize;

    use super::*;

    #[test]
    fn the_owner_is_the_window_of_the_last_frame_until_it_closes() {
        // Kittest's frame has no window: no owner.
        remember_owner(&eframe::Frame::_new_kittest());
        assert_eq!(OWNER.get(), None);
        let hwnd = NonZeroIsize::new(0x1234).unwrap();
        let owner = Owner {
            window: raw_window_handle::Win32WindowHandle::new(hwnd).into(),
            display: raw_window_handle::WindowsDisplayHandle::new().into(),
        };
        OWNER.set(Some(owner));
        let handle = OWNER.get().unwrap().window_handle().unwrap().as_raw();
        assert_eq!(handle, owner.window);
        forget_owner();
        assert_eq!(OWNER.get(), None);
    }

    /// No dialog of the app is made without an owner: `rfd::…Dialog::new`
    /// only here.
    #[test]
    fn every_dialog_of_the_app_is_made_here() {
        let app = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
        let mut stack = vec![app];
        let mut offenders = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("dialogs.rs")
                {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for needle in ["FileDialog::new", "MessageDialog::new", "AsyncFileDialog"] {
                        if text.contains(needle) {
                            offenders.push(format!("{}: {needle}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(offenders.is_empty(), "use app::dialogs: {offenders:?}");
    }
}
