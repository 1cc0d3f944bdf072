//! 打印附件1 (filled in when the Annex 1 renderers land).

use egui::Ui;

use super::super::ZichaApp;

pub fn show(_app: &mut ZichaApp, _ui: &mut Ui) {}
