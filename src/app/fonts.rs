//! The screen's font: Noto Sans CJK SC (a Hei face, SIL OFL 1.1) embedded in
//! the binary, first in every family, so Chinese never depends on what the
//! PC has installed nor on the locale's guess (which puts ：and 、 in Japanese positions).
//!
//! The window starts with the face cut to GB 2312 and the program's own text
//! (2 MB, quick to load); the whole face (stored compressed) is unpacked on a
//! background thread and added behind the cut on the frame after, for the
//! rare characters of some names that neither GB 2312 nor the program's own
//! text (the demo roster included) has.

use std::sync::Arc;

use crate::print::fonts::{HEI_GB2312_OTF, hei_otf, hei_otf_if_ready};

/// The cut Hei face the screen starts with (shared with the tests).
pub const SCREEN_FONT: &[u8] = HEI_GB2312_OTF;

const CUT: &str = "noto_sans_sc";
const FULL: &str = "noto_sans_sc_full";

/// The font definitions: the cut face, then the whole face when given, in
/// front of egui's default fonts.
fn definitions(full: Option<&'static [u8]>) -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        CUT.into(),
        Arc::new(egui::FontData::from_static(SCREEN_FONT)),
    );
    let mut ours = vec![CUT.to_string()];
    if let Some(full) = full {
        fonts
            .font_data
            .insert(FULL.into(), Arc::new(egui::FontData::from_static(full)));
        ours.push(FULL.into());
    }
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        for (i, name) in ours.iter().enumerate() {
            list.insert(i, name.clone());
        }
    }
    fonts
}

/// [`install`] for the kittest harnesses, with the whole face unpacked
/// first: it then arrives in the first frame, not at whatever frame the
/// background thread happens to finish on (which made a harness's step
/// count depend on the machine's load).
/// No background thread is started: its late `request_repaint` would land
/// on whatever frame the machine's load decides, and a harness's step count
/// with it.
#[cfg(test)]
pub fn install_ready(ctx: &egui::Context) {
    let _ = hei_otf();
    set_up(ctx);
}

/// Adds the whole face once [`hei_otf`] has unpacked it; called every frame
/// (a look at a `OnceLock` until then, nothing after). Returns whether the
/// fonts changed this frame.
pub fn add_fallback_when_ready(ctx: &egui::Context) -> bool {
    let id = egui::Id::unique("zicha.fonts.fallback");
    if ctx.data(|d| d.get_temp::<bool>(id)).unwrap_or(false) {
        return false;
    }
    let Some(full) = hei_otf_if_ready() else {
        return false;
    };
    ctx.data_mut(|d| d.insert_temp(id, true));
    // None: the packed face is damaged; the screen keeps the cut.
    let Some(full) = full else { return false };
    ctx.set_fonts(definitions(Some(full)));
    true
}

/// Installs the CJK face in front of egui's default fonts and starts
/// unpacking the whole face.
pub fn install(ctx: &egui::Context) {
    set_up(ctx);
    let waiting = ctx.clone();
    std::thread::spawn(move || {
        let _ = hei_otf();
        waiting.request_repaint();
    });
}

/// The cut face, the theme, the text sizes and the visuals.
fn set_up(ctx: &egui::Context) {
    ctx.set_fonts(definitions(None));
    // An office program: light, like the forms it prints.
    ctx.set_theme(egui::Theme::Light);
    ctx.global_style_mut(|s| {
        for (style, font) in s.text_styles.iter_mut() {
            font.size = match style {
                egui::TextStyle::Small => 12.0,
                egui::TextStyle::Heading => 20.0,
                _ => 14.5,
            };
        }
        s.spacing.item_spacing = egui::vec2(8.0, 6.0);
    });
    super::widgets::install_visuals(ctx);
}
