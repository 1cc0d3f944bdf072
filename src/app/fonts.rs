//! The screen's font: Noto Sans CJK SC (a Hei face, SIL OFL 1.1) embedded in
//! the binary, first in every family, so Chinese never depends on what the
//! PC has installed nor on the locale's guess (which puts ：and 、 in Japanese positions).

use std::sync::Arc;

/// Noto Sans CJK SC Regular, the Hei face (shared with the Annex 1 title).
pub const SCREEN_FONT: &[u8] = crate::print::fonts::HEI_OTF;

/// Installs the CJK face in front of egui's default fonts.
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto_sans_sc".into(),
        Arc::new(egui::FontData::from_static(SCREEN_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, "noto_sans_sc".into());
    }
    ctx.set_fonts(fonts);
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
