//! A form's finished PDF: the faces it embeds, the page numbers, printpdf's
//! document saved compressed with object and xref streams.

use printpdf::{Mm, PdfDocument, PdfFont, PdfPage, PdfSaveOptions};

use super::canvas::{Align, Canvas, Faces, PAGE_H, PAGE_W, Style};
use super::fonts::{Face, font, song_for};
use crate::{Error, Result};

const SMALL: Style = Style {
    face: Face::Song,
    size: 9.0,
};

/// A new document titled `title` and the faces for a form whose variable
/// texts are `texts` (the Song face cut to GB 2312 when it covers them). The
/// faces join the document in [`finish`], cut to the glyphs the pages used.
pub fn start<'a>(
    title: &str,
    texts: impl IntoIterator<Item = &'a str>,
) -> Result<(PdfDocument, Faces)> {
    let song = song_for(texts)?;
    let hei = font(Face::Hei)?;
    Ok((PdfDocument::new(title), Faces::new(song, hei)))
}

/// Numbers the pages ("第 X 页 共 Y 页" from `page_line`), embeds the faces
/// cut to the glyphs the pages used, and saves the document; `what` names the
/// form in an error ("附件1").
pub fn finish(
    mut doc: PdfDocument,
    faces: &Faces,
    pages: Vec<Canvas>,
    page_line: impl Fn(usize, usize) -> String,
    what: &str,
) -> Result<Vec<u8>> {
    let total = pages.len();
    let pages: Vec<PdfPage> = pages
        .into_iter()
        .enumerate()
        .map(|(i, mut c)| {
            let line = page_line(i + 1, total);
            c.text(SMALL, PAGE_W / 2.0, PAGE_H - 13.0, Align::Center, &line);
            PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), c.finish())
        })
        .collect();
    for (id, cut) in faces.cuts()? {
        doc.resources.fonts.map.insert(id, PdfFont::new(cut));
    }
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut lo = doc
        .with_pages(pages)
        .to_lopdf_document(&opts, &mut warnings);
    let fail = |e: lopdf::Error| Error::Other(format!("生成{what} PDF 失败：{e}"));
    super::pdf_runs::merge_glyph_runs(&mut lo).map_err(fail)?;
    lo.compress();
    let save = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(9)
        .build();
    let mut bytes = Vec::new();
    lo.save_with_options(&mut bytes, save)
        .map_err(|e| Error::Other(format!("生成{what} PDF 失败：{e}")))?;
    if bytes.is_empty() {
        return Err(Error::Other(format!("生成{what} PDF 失败：输出为空")));
    }
    Ok(bytes)
}
