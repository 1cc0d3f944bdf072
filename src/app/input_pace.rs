//! One focus change a frame. egui moves the focus at the end of a frame, so
//! keys that arrive in the same frame as a Tab, a click or a shortcut (a busy
//! PC, a fast typist, a barcode scanner) would land in the field being left.
//! Events after such an event wait for the next frame, in order.

use egui::{Event, Key};

#[derive(Default)]
pub struct InputPace {
    held: Vec<Event>,
}

impl InputPace {
    /// Keeps in `events` what comes up to and including the first event that
    /// may move the focus; holds the rest for the next frame.
    pub fn pace(&mut self, events: &mut Vec<Event>) {
        let mut all = std::mem::take(&mut self.held);
        all.append(events);
        if let Some(i) = all.iter().position(moves_focus)
            && i + 1 < all.len()
        {
            self.held = all.split_off(i + 1);
        }
        *events = all;
    }

    /// Whether events wait for the next frame (which must then be drawn).
    pub fn is_holding(&self) -> bool {
        !self.held.is_empty()
    }
}

fn moves_focus(e: &Event) -> bool {
    match e {
        Event::Key {
            key: Key::Tab | Key::Enter | Key::Escape,
            pressed: true,
            ..
        } => true,
        Event::Key {
            pressed: true,
            modifiers,
            ..
        } => modifiers.command,
        // Focus follows a click, which ends when the button is released.
        Event::PointerButton { pressed: false, .. } => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests_typing::key_event as key;
    use egui::Modifiers;

    fn text(s: &str) -> Event {
        Event::Text(s.into())
    }

    #[test]
    fn keys_after_a_tab_wait_for_the_next_frame() {
        let mut pace = InputPace::default();
        let tab = key(Key::Tab, true, Modifiers::NONE);
        let mut frame1 = vec![
            text("1"),
            tab.clone(),
            key(Key::Tab, false, Modifiers::NONE),
            text("2"),
            text("3"),
        ];
        pace.pace(&mut frame1);
        assert_eq!(frame1, vec![text("1"), tab.clone()]);
        assert!(pace.is_holding());
        let mut frame2 = vec![text("4")];
        pace.pace(&mut frame2);
        assert_eq!(
            frame2,
            vec![
                key(Key::Tab, false, Modifiers::NONE),
                text("2"),
                text("3"),
                text("4")
            ]
        );
        assert!(!pace.is_holding());
    }

    #[test]
    fn each_focus_change_gets_its_own_frame() {
        let mut pace = InputPace::default();
        let ctrl_n = key(Key::N, true, Modifiers::COMMAND);
        let tab = key(Key::Tab, true, Modifiers::NONE);
        let mut events = vec![ctrl_n.clone(), text("王"), tab.clone(), text("3")];
        pace.pace(&mut events);
        assert_eq!(events, vec![ctrl_n]);
        let mut events = Vec::new();
        pace.pace(&mut events);
        assert_eq!(events, vec![text("王"), tab]);
        let mut events = Vec::new();
        pace.pace(&mut events);
        assert_eq!(events, vec![text("3")]);
    }

    #[test]
    fn plain_typing_passes_at_once() {
        let mut pace = InputPace::default();
        let mut events = vec![text("2"), text("0"), key(Key::A, true, Modifiers::SHIFT)];
        let want = events.clone();
        pace.pace(&mut events);
        assert_eq!(events, want);
        assert!(!pace.is_holding());
    }

    #[test]
    fn a_click_then_typing_types_into_the_clicked_field() {
        let mut pace = InputPace::default();
        let release = Event::PointerButton {
            pos: egui::pos2(5.0, 5.0),
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        };
        let mut events = vec![release.clone(), text("x")];
        pace.pace(&mut events);
        assert_eq!(events, vec![release]);
    }
}
