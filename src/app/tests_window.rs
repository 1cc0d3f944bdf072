//! The native window's options: our icon, not eframe's.

use super::*;

#[test]
fn the_window_carries_the_program_icon() {
    let options = native_options(eframe::Renderer::Glow);
    let icon = options.viewport.icon.expect("an icon");
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    // The same picture as assets/icon.ico's: a blue square with transparent
    // rounded corners (eframe's logo is neither).
    let pixel = |x: usize, y: usize| &icon.rgba[(y * 256 + x) * 4..][..4];
    assert_eq!(pixel(40, 128), [28, 101, 191, 255]);
    assert_eq!(pixel(2, 2)[3], 0);
}

#[test]
fn the_whole_hei_face_follows_the_cut_once_unpacked() {
    let ctx = egui::Context::default();
    fonts::install(&ctx);
    let rare = '\u{4E02}'; // 丂, not in the cut
    let font = egui::FontId::proportional(14.5);
    let frame = |ctx: &egui::Context, ui: &mut dyn FnMut(&mut egui::Ui)| {
        ctx.run_ui(egui::RawInput::default(), ui)
            .textures_delta
            .clear();
    };
    frame(&ctx, &mut |_| {});
    assert!(ctx.fonts_mut(|f| f.has_glyph(&font, '查')));
    assert!(!ctx.fonts_mut(|f| f.has_glyph(&font, rare)));
    crate::print::fonts::hei_otf().unwrap();
    // The frame after the unpacking adds the fallback, once.
    frame(&ctx, &mut |ui| {
        assert!(fonts::add_fallback_when_ready(ui.ctx()));
    });
    frame(&ctx, &mut |_| {});
    assert!(ctx.fonts_mut(|f| f.has_glyph(&font, rare)));
    assert!(!fonts::add_fallback_when_ready(&ctx));
}
