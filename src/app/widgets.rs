//! Shared widgets: verdict tags, the month strip, labelled fields, path rows,
//! toasts, and the colours of the screen.

use std::path::{Path, PathBuf};

use egui::{Color32, RichText, Ui};

use super::{Screen, ZichaApp, jobs};
use crate::domain::{Verdict, YearMonth};

/// Weak and hint text: #666666, 5.7:1 on white and 5.4:1 on the panels
/// (egui's default, the text colour at 60 %, gave 2.9:1).
pub const WEAK_TEXT: Color32 = Color32::from_gray(0x66);

/// Sets the colours the app's default light theme gets wrong for an office:
/// weak and hint text readable (≥ 4.5:1).
pub fn install_visuals(ctx: &egui::Context) {
    ctx.global_style_mut(|s| s.visuals.weak_text_color = Some(WEAK_TEXT));
}

/// Where new files go by default: the Documents folder, else home (looked up once).
pub fn default_dir() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        directories::UserDirs::new()
            .and_then(|u| {
                u.document_dir()
                    .map(Path::to_path_buf)
                    .or_else(|| Some(u.home_dir().to_path_buf()))
            })
            .unwrap_or_else(|| PathBuf::from("."))
    })
    .clone()
}

/// A path field with a native dialog button; the field stays usable where no
/// dialog is available (Linux without a desktop portal). Returns whether the
/// dialog chose a path (a save dialog has then already asked about replacing).
pub fn path_row(
    ui: &mut Ui,
    label: &str,
    path: &mut String,
    save: Option<&str>,
    filters: &[&str],
) -> bool {
    let mut chosen = false;
    ui.horizontal(|ui| {
        path_field(ui, label, path, "文件路径");
        let button = if save.is_some() {
            "另存为…"
        } else {
            "选择文件…"
        };
        if ui.button(button).clicked() {
            let mut dialog = super::dialogs::file()
                .add_filter("文件", filters)
                .set_directory(default_dir());
            let picked = match save {
                Some(name) => dialog.set_file_name(name).save_file(),
                None => {
                    dialog = dialog.add_filter("所有文件", &["*"]);
                    dialog.pick_file()
                }
            };
            if let Some(p) = picked {
                *path = p.display().to_string();
                chosen = true;
            }
        }
    });
    chosen
}

/// The label and the text field of a path row, the whole path on hover.
fn path_field(ui: &mut Ui, label: &str, path: &mut String, hint: &str) {
    let l = ui.label(label);
    let width = (ui.available_width() - 100.0).clamp(200.0, 460.0);
    let field = ui
        .add(
            egui::TextEdit::singleline(path)
                .desired_width(width)
                .hint_text(hint),
        )
        .labelled_by(l.id);
    if !path.is_empty() {
        field.on_hover_text(path.as_str());
    }
}

/// Whether the clerk is typing somewhere: a field they have just emptied is
/// not given its default back under the cursor (it would land before what
/// they type next).
pub fn editing(ui: &Ui) -> bool {
    ui.memory(|m| m.focused().is_some())
}

/// A folder path field with a native 选择文件夹… dialog (see [`path_row`]).
pub fn folder_row(ui: &mut Ui, label: &str, path: &mut String) {
    ui.horizontal(|ui| {
        path_field(ui, label, path, "文件夹路径");
        if ui.button("选择文件夹…").clicked()
            && let Some(p) = super::dialogs::file()
                .set_directory(default_dir())
                .pick_folder()
        {
            *path = p.display().to_string();
        }
    });
}

/// 打开刚保存的文件 and 打开所在文件夹 for a file a screen has just written; a
/// failure is a toast.
pub fn open_saved_buttons(ui: &mut Ui, toasts: &mut Toasts, path: &Path) {
    if ui.button("打开刚保存的文件").clicked()
        && let Err(e) = open_with_system(path)
    {
        toasts.error(format!("无法打开文件（{}）", crate::safe_write::reason(&e)));
    }
    if ui.button("打开所在文件夹").clicked() {
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        if let Err(e) = open_with_system(&folder) {
            toasts.error(format!(
                "无法打开文件夹（{}）",
                crate::safe_write::reason(&e)
            ));
        }
    }
}

/// Opens a file or folder with the system's default program.
pub fn open_with_system(path: &Path) -> std::io::Result<()> {
    #[cfg(windows)]
    let program = "explorer";
    #[cfg(not(windows))]
    let program = "xdg-open";
    std::process::Command::new(program)
        .arg(path)
        .spawn()
        .map(|_| ())
}

/// A "save a file" row: the path field (the Documents folder and
/// `default_name` until the clerk changes it) and a button that runs `write`
/// as a job; `write` returns the message shown when the file is written.
/// 另存为… saves right away.
pub fn save_row(
    app: &mut ZichaApp,
    ui: &mut Ui,
    path_of: fn(&mut ZichaApp) -> &mut String,
    (label, default_name, button): (&str, &str, &str),
    write: impl FnOnce(&mut crate::store::Store, &Path) -> crate::Result<String> + Send + 'static,
) {
    let field = path_of(app);
    if field.is_empty() && !editing(ui) {
        *field = default_dir().join(default_name).display().to_string();
    }
    let chosen = path_row(ui, label, field, Some(default_name), &["xlsx"]);
    let idle = !jobs::busy(app);
    let clicked = ui
        .add_enabled(idle, egui::Button::new(button))
        .on_disabled_hover_text("请等后台任务完成")
        .clicked();
    if (clicked || chosen) && idle {
        let path = PathBuf::from(path_of(app).trim());
        let ctx = ui.ctx().clone();
        jobs::write_file(app, &ctx, &format!("正在{button}"), path, chosen, write);
    }
}

/// A file's path in a narrow column: the caption, the file name and its
/// folder each on a line of their own, cut with "…" rather than wrapped in the
/// middle of a word; the whole path on hover.
pub fn path_label(ui: &mut Ui, caption: &str, path: &Path) {
    let full = path.display().to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| full.clone());
    let folder = path
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    ui.vertical(|ui| {
        ui.spacing_mut().item_spacing.y = 1.0;
        for (text, weak) in [
            (caption, true),
            (name.as_str(), false),
            (folder.as_str(), true),
        ] {
            if text.is_empty() {
                continue;
            }
            let mut t = RichText::new(text).small();
            if weak {
                t = t.weak();
            }
            ui.add(egui::Label::new(t).truncate())
                .on_hover_text(format!("台账保存在此文件中：{full}"));
        }
    });
}

/// The running job, if any: a spinner, its title and its progress.
pub fn job_status(app: &ZichaApp, ui: &mut Ui) {
    if let Some(job) = &app.io.job {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(&job.title);
            ui.add(
                egui::ProgressBar::new(job.progress())
                    .desired_width(300.0)
                    .show_percentage(),
            );
        });
        ui.separator();
    }
}

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
/// else, missing. `source_of` says where a month's records came from (shown
/// on hover).
pub fn month_strip(
    ui: &mut Ui,
    months: &[(YearMonth, MonthPaid)],
    source_of: &dyn Fn(YearMonth) -> String,
) {
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
                .on_hover_ui(|ui| {
                    ui.label(format!("{}：{tip}", m.chinese()));
                    let source = source_of(*m);
                    if !source.is_empty() {
                        ui.label(RichText::new(source).small());
                    }
                });
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

/// A vertical list of `rows` rows of `row_height`, as tall as its rows up to
/// `max`, for `show_rows` (only the visible rows are drawn). Without the
/// minimum, a list inside the screen's scroll area shrinks to egui's 64 px.
pub fn rows_area(id: &str, ui: &Ui, row_height: f32, rows: usize, max: f32) -> egui::ScrollArea {
    let tall = ((row_height + ui.spacing().item_spacing.y) * rows as f32).min(max);
    egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height(max)
        .min_scrolled_height(tall)
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
/// The red of a message about a field.
pub const ERROR_RED: Color32 = Color32::from_rgb(0xc6, 0x28, 0x28);

pub fn field_error(ui: &mut Ui, message: &str) {
    ui.label(RichText::new(message).color(ERROR_RED).small());
}

/// Short messages in the bottom right corner. Information fades after 5 s.
/// An error stays until closed or until the clerk goes to another screen (it
/// belongs to the screen it came from; a job's outcome also stays on the 导入
/// screen). The same text is never shown twice at once.
#[derive(Default)]
pub struct Toasts {
    items: Vec<Toast>,
}

struct Toast {
    text: String,
    error: bool,
    /// When it was first shown (0 until then).
    since: f64,
    /// The screen it was first shown on.
    screen: Option<Screen>,
}

impl Toasts {
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(text.into(), false);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.push(text.into(), true);
    }

    fn push(&mut self, text: String, error: bool) {
        // Once: the same message again shows the one already there anew.
        self.items.retain(|t| t.text != text);
        self.items.push(Toast {
            text,
            error,
            since: 0.0,
            screen: None,
        });
    }

    /// Drops the error messages (a new job starts: the last one's refusal
    /// no longer applies).
    pub fn clear_errors(&mut self) {
        self.items.retain(|t| !t.error);
    }

    /// The messages shown now (for tests).
    #[cfg(test)]
    pub fn texts(&self) -> Vec<&str> {
        self.items.iter().map(|t| t.text.as_str()).collect()
    }

    /// Drops the errors of a screen the clerk has left.
    pub fn on_screen(&mut self, screen: Screen) {
        for t in &mut self.items {
            t.screen.get_or_insert(screen);
        }
        self.items.retain(|t| !t.error || t.screen == Some(screen));
    }

    pub fn show(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        for t in &mut self.items {
            if t.since == 0.0 {
                t.since = now;
            }
        }
        self.items.retain(|t| t.error || now - t.since < 5.0);
        if self.items.is_empty() {
            return;
        }
        let mut close = None;
        egui::Area::new(egui::Id::unique("toasts"))
            .anchor(egui::Align2::RIGHT_BOTTOM, [-12.0, -12.0])
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                for (i, t) in self.items.iter().enumerate() {
                    let color = if t.error {
                        Color32::from_rgb(0xc6, 0x28, 0x28)
                    } else {
                        Color32::from_rgb(0x2e, 0x7d, 0x32)
                    };
                    egui::Frame::popup(ui.style())
                        .stroke(egui::Stroke::new(1.5, color))
                        .show(ui, |ui| {
                            // Wrapped at 420 px: a long message never runs
                            // off a small window.
                            ui.set_max_width(420.0);
                            ui.add(egui::Label::new(RichText::new(&t.text).color(color)).wrap());
                            if t.error && ui.small_button("关闭").clicked() {
                                close = Some(i);
                            }
                        });
                }
            });
        if let Some(i) = close {
            self.items.remove(i);
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The WCAG contrast ratio of two opaque colours.
    pub fn contrast(a: Color32, b: Color32) -> f32 {
        fn luminance(c: Color32) -> f32 {
            let lin = |v: u8| {
                let v = f32::from(v) / 255.0;
                if v <= 0.04045 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
        }
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn weak_and_hint_text_reach_4_5_to_1_on_every_background() {
        let ctx = egui::Context::default();
        super::super::fonts::install(&ctx);
        let style = ctx.global_style();
        let v = &style.visuals;
        let weak = v.weak_text_color();
        assert_eq!(weak, WEAK_TEXT);
        // A striped row: the faint fill (premultiplied) over the panel.
        let over = |top: Color32, under: Color32| {
            let k = 1.0 - f32::from(top.a()) / 255.0;
            let ch = |t: u8, u: u8| (f32::from(t) + f32::from(u) * k).min(255.0) as u8;
            Color32::from_rgb(
                ch(top.r(), under.r()),
                ch(top.g(), under.g()),
                ch(top.b(), under.b()),
            )
        };
        let striped = over(v.faint_bg_color, v.panel_fill);
        for bg in [v.panel_fill, v.window_fill, v.extreme_bg_color, striped] {
            let c = contrast(weak, bg);
            assert!(c >= 4.5, "{weak:?} on {bg:?}: {c:.2}:1");
        }
        // egui's own weak text, for the record: under 4.5:1.
        let default = egui::Visuals::light();
        let shown = over(default.weak_text_color(), default.extreme_bg_color);
        assert!(contrast(shown, default.extreme_bg_color) < 4.5);
    }

    #[test]
    fn contrast_of_black_on_white_is_21() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
    }
}
