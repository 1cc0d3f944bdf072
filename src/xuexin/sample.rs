//! A 备案表 as a PDF with a text layer, made from label/value pairs, for the
//! tests (the real ones come from 学信网).

use crate::Result;
use crate::print::canvas::{Align, Canvas, Style};
use crate::print::document::{finish, start};
use crate::print::fonts::Face;

/// A one-page PDF setting `pairs` as separate texts in the given order (each
/// label, then its value), under the form's title and over a footnote.
pub fn record_pdf(pairs: &[(&str, &str)]) -> Result<Vec<u8>> {
    let style = Style {
        face: Face::Song,
        size: 11.0,
    };
    let texts: Vec<&str> = pairs.iter().flat_map(|(l, v)| [*l, *v]).collect();
    let (doc, faces) = start("教育部学历证书电子注册备案表", texts.iter().copied())?;
    let mut c = Canvas::new(&faces);
    c.text(
        style,
        105.0,
        20.0,
        Align::Center,
        "教育部学历证书电子注册备案表",
    );
    for (i, (label, value)) in pairs.iter().enumerate() {
        let y = 35.0 + 8.0 * i as f32;
        c.text(style, 20.0, y, Align::Left, &format!("{label}："));
        c.text(style, 60.0, y, Align::Left, value);
    }
    c.text(style, 20.0, 200.0, Align::Left, "请登录学信网核验本表");
    finish(doc, &faces, vec![c], |_, _| String::new(), "备案表")
}
