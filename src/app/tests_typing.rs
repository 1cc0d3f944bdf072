//! Typing as a person does, for the kittest tests: one key at a time with a
//! frame between keys, and Chinese through a Pinyin input method (preedit,
//! then commit). kittest's own `type_text` sends a whole string in one event,
//! which hid every bug where the form changed under the cursor.

use egui::{Event, ImeEvent, Key, Modifiers};
use egui_kittest::Harness;

/// The key a character is typed with on a US keyboard, if any.
fn key_of(c: char) -> Option<Key> {
    match c {
        '0'..='9' | 'a'..='z' | 'A'..='Z' => Key::from_name(&c.to_ascii_uppercase().to_string()),
        '-' => Some(Key::Minus),
        ' ' => Some(Key::Space),
        '.' => Some(Key::Period),
        '/' => Some(Key::Slash),
        _ => None,
    }
}

/// A key going down or up, as the window reports it.
pub fn key_event(key: Key, pressed: bool, modifiers: Modifiers) -> Event {
    Event::Key {
        key,
        pressed,
        modifiers,
        repeat: false,
        physical_key: None,
    }
}

/// Types `text` into whatever has the focus: for each character a key down,
/// the text, a key up, and a frame.
pub fn type_keys<S>(h: &mut Harness<'_, S>, text: &str) {
    for c in text.chars() {
        let key = key_of(c);
        let shift = if c.is_ascii_uppercase() {
            Modifiers::SHIFT
        } else {
            Modifiers::NONE
        };
        if let Some(k) = key {
            h.event(key_event(k, true, shift));
        }
        h.event(Event::Text(c.to_string()));
        if let Some(k) = key {
            h.event(key_event(k, false, shift));
        }
        h.step();
    }
    h.run();
}

/// Types Chinese through a Pinyin input method: each letter of `pinyin`
/// extends the preedit (a frame each), then `chinese` is committed.
pub fn type_pinyin<S>(h: &mut Harness<'_, S>, pinyin: &str, chinese: &str) {
    let mut typed = String::new();
    for c in pinyin.chars() {
        typed.push(c);
        let n = typed.chars().count();
        h.event(Event::Ime(ImeEvent::Preedit {
            text: typed.clone(),
            active_range_chars: Some(n..n),
        }));
        h.step();
    }
    h.event(Event::Ime(ImeEvent::Commit(chinese.to_string())));
    h.step();
    h.run();
}

/// Presses one key (with modifiers), then a frame.
pub fn press<S>(h: &mut Harness<'_, S>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.step();
    h.run();
}
