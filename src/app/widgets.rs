//! Shared widgets: verdict tags, the month strip, labelled fields, toasts.

use egui::{Color32, RichText, Ui};

use crate::domain::{Verdict, YearMonth};

/// The tag colour of a verdict: 是 green, 否 red, 待核实 amber, - grey.
pub fn verdict_color(v: Verdict) -> Color32 {
    match v {
        Verdict::Yes => Color32::from_rgb(0x2e, 0x7d, 0x32),
        Verdict::No => Color32::from_rgb(0xc6, 0x28, 0x28),
        Verdict::Pending => Color32::from_rgb(0xef, 0x8f, 0x00),
        Verdict::NotApplicable => Color32::from_gray(0x8a),
    }
}

/// A coloured tag for a verdict; `manual` adds the 人工认定 mark.
pub fn verdict_tag(ui: &mut Ui, v: Verdict, manual: bool) -> egui::Response {
    let text = if manual {
        format!("{}（人工）", v.label())
    } else {
        v.label().to_string()
    };
    verdict_label(ui, &text, v)
}

/// A tag with any text in the colour of a verdict.
pub fn verdict_label(ui: &mut Ui, text: &str, v: Verdict) -> egui::Response {
    let color = verdict_color(v);
    egui::Frame::new()
        .fill(color.gamma_multiply(0.15))
        .stroke(egui::Stroke::new(1.0, color))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| ui.label(RichText::new(text).color(color).strong()))
        .response
}

use crate::checks::practice::MonthStatus as MonthPaid;

/// The check window as a strip of months: paid by the agency, by someone
/// else, missing.
pub fn month_strip(ui: &mut Ui, months: &[(YearMonth, MonthPaid)]) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        for (m, paid) in months {
            let (fill, tip) = match paid {
                MonthPaid::Agency => (Color32::from_rgb(0x66, 0xbb, 0x6a), "本单位缴纳"),
                MonthPaid::Other => (Color32::from_rgb(0xe5, 0x39, 0x35), "其他单位缴纳"),
                MonthPaid::Both => (
                    Color32::from_rgb(0xff, 0x98, 0x00),
                    "本单位与其他单位同时缴纳",
                ),
                MonthPaid::Missing => (Color32::from_gray(0xd0), "未缴纳"),
                MonthPaid::NotRequired => (Color32::from_gray(0xf0), "入职前，不要求"),
            };
            let text = RichText::new(format!("{}月", m.month()))
                .size(11.0)
                .color(Color32::BLACK);
            egui::Frame::new()
                .fill(fill)
                .corner_radius(3.0)
                .inner_margin(egui::Margin::symmetric(4, 2))
                .show(ui, |ui| ui.label(text))
                .response
                .on_hover_text(format!("{}：{tip}", m.chinese()));
        }
    });
    ui.horizontal(|ui| {
        for (c, t) in [
            (Color32::from_rgb(0x66, 0xbb, 0x6a), "本单位缴纳"),
            (Color32::from_rgb(0xe5, 0x39, 0x35), "其他单位"),
            (Color32::from_rgb(0xff, 0x98, 0x00), "两家同时"),
            (Color32::from_gray(0xd0), "未缴纳"),
        ] {
            ui.label(RichText::new("■").color(c));
            ui.label(RichText::new(t).small());
        }
    });
}

/// A field label with a fixed width, so forms line up.
pub fn field_label(ui: &mut Ui, text: &str, required: bool) -> egui::Response {
    let t = if required {
        format!("{text} *")
    } else {
        text.to_string()
    };
    ui.add_sized([110.0, 20.0], egui::Label::new(t).truncate())
}

/// A message under a field that did not validate.
pub fn field_error(ui: &mut Ui, message: &str) {
    ui.label(
        RichText::new(message)
            .color(Color32::from_rgb(0xc6, 0x28, 0x28))
            .small(),
    );
}

/// Short messages that fade after a few seconds.
#[derive(Default)]
pub struct Toasts {
    items: Vec<(String, bool, f64)>,
}

impl Toasts {
    pub fn info(&mut self, text: impl Into<String>) {
        self.items.push((text.into(), false, 0.0));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.items.push((text.into(), true, 0.0));
    }

    /// The messages shown now (for tests).
    #[cfg(test)]
    pub fn texts(&self) -> Vec<&str> {
        self.items.iter().map(|(t, _, _)| t.as_str()).collect()
    }

    pub fn show(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        for item in &mut self.items {
            if item.2 == 0.0 {
                item.2 = now;
            }
        }
        // Errors stay until clicked away; information fades after 5 s.
        self.items.retain(|(_, err, t)| *err || now - *t < 5.0);
        if self.items.is_empty() {
            return;
        }
        let mut close = None;
        egui::Area::new(egui::Id::unique("toasts"))
            .anchor(egui::Align2::RIGHT_BOTTOM, [-12.0, -12.0])
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                for (i, (text, err, _)) in self.items.iter().enumerate() {
                    let color = if *err {
                        Color32::from_rgb(0xc6, 0x28, 0x28)
                    } else {
                        Color32::from_rgb(0x2e, 0x7d, 0x32)
                    };
                    egui::Frame::popup(ui.style())
                        .stroke(egui::Stroke::new(1.5, color))
                        .show(ui, |ui| {
                            ui.set_max_width(420.0);
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(text).color(color));
                                if *err && ui.small_button("关闭").clicked() {
                                    close = Some(i);
                                }
                            });
                        });
                }
            });
        if let Some(i) = close {
            self.items.remove(i);
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
    }
}
