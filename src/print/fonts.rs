//! The two embedded faces (see fonts/README.md): Noto Serif CJK SC as the Song
//! face (宋体 style) for the form body, Noto Sans CJK SC as the Hei face (黑体
//! style) for the title and the screen. Both SIL OFL 1.1, single SC faces
//! extracted from Debian's fonts-noto-cjk. Embedded so the program needs nothing
//! installed.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font::read_cmap_subtable;
use allsorts::subset::{CmapTarget, SubsetProfile};
use allsorts::tables::cmap::Cmap;
use allsorts::tables::{HeadTable, HheaTable, HmtxTable, MaxpTable, OpenTypeData, OpenTypeFont};
use allsorts::tag;
use printpdf::ParsedFont;

/// Noto Serif CJK SC Regular (宋体-style body face), OpenType/CFF, stored
/// brotli-compressed (7.8 MB in the exe instead of 18 MB): unpacked by
/// [`song_otf`] only when a form needs a character outside the GB 2312 cut.
const SONG_OTF_BR: &[u8] = include_bytes!("../../fonts/NotoSerifCJKsc-Regular.otf.br");
/// The Song face cut to GB 2312 (7,676 characters, 2.3 MB): parsed instead of
/// the whole face whenever it covers every character of the form, which is
/// most rosters; names such as 王堃 or 赵䶮 bring in the whole face.
pub const SONG_GB2312_OTF: &[u8] = include_bytes!("../../fonts/NotoSerifCJKsc-Regular-gb2312.otf");
/// The Song face cut to GBK (22,003 characters, 7.7 MB): parsed when a form
/// has a character outside GB 2312 that GBK holds (王堃, 张喆, 李珺 …, the usual
/// case of a real roster), so only characters beyond GBK (赵䶮, 陈𠮷) bring in
/// the whole face. Stored unpacked: unpacking would cost what it saves.
pub const SONG_GBK_OTF: &[u8] = include_bytes!("../../fonts/NotoSerifCJKsc-Regular-gbk.otf");
/// Noto Sans CJK SC Regular (黑体-style face of the GUI), stored
/// brotli-compressed (7.2 MB instead of 12 MB): [`hei_otf`].
const HEI_OTF_BR: &[u8] = include_bytes!("../../fonts/NotoSansCJKsc-Regular.otf.br");
/// The Hei face cut to GB 2312, the symbols around it and every character of
/// the program's own text (8,625 characters, 2.0 MB): what the screen loads at
/// start-up, the whole face following as a fallback once unpacked.
pub const HEI_GB2312_OTF: &[u8] = include_bytes!("../../fonts/NotoSansCJKsc-Regular-gb2312.otf");
/// The same Hei face cut down to the characters of both forms' fixed wording
/// (`annex1::wording`, `annex2::wording`) and the digits: the PDFs only ever
/// set fixed wording in Hei, and reading 46 KB instead of 12 MB takes a third
/// off the time to write a PDF.
pub const HEI_FORMS_OTF: &[u8] = include_bytes!("../../fonts/NotoSansCJKsc-Regular-forms.otf");

/// The whole Song face, unpacked once per process (about 60 ms).
pub fn song_otf() -> crate::Result<&'static [u8]> {
    static SONG: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    unpack(&SONG, SONG_OTF_BR).ok_or_else(|| damaged(SONG_FAMILY))
}

/// The whole Hei face, unpacked once per process (about 40 ms).
pub fn hei_otf() -> crate::Result<&'static [u8]> {
    unpack(&HEI_FULL, HEI_OTF_BR).ok_or_else(|| damaged(HEI_FAMILY))
}

/// The whole Hei face if [`hei_otf`] has already unpacked it (`Some(None)`: it
/// could not), without waiting.
pub fn hei_otf_if_ready() -> Option<Option<&'static [u8]>> {
    HEI_FULL.get().map(|v| v.as_deref())
}

static HEI_FULL: OnceLock<Option<Vec<u8>>> = OnceLock::new();

fn unpack(cell: &'static OnceLock<Option<Vec<u8>>>, packed: &[u8]) -> Option<&'static [u8]> {
    cell.get_or_init(|| {
        let mut out = Vec::new();
        brotli_decompressor::Decompressor::new(packed, 64 * 1024)
            .read_to_end(&mut out)
            .ok()
            .map(|_| out)
    })
    .as_deref()
}

fn damaged(name: &str) -> crate::Error {
    crate::Error::Other(format!("内置字体 {name} 无法读取，程序文件可能已损坏"))
}

/// Family names, as the faces call themselves.
pub const SONG_FAMILY: &str = "Noto Serif CJK SC";
pub const HEI_FAMILY: &str = "Noto Sans CJK SC";

/// Which of the two faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Song,
    Hei,
}

/// A face read in place from its bytes, never copied: its character map and
/// advance widths, for measuring and looking up glyphs, and the cut of the
/// glyphs a form used ([`Font::subset`]), which is what printpdf embeds.
/// (printpdf's own parser copies the whole file and maps every character, which
/// for the 7.7 MB GBK cut was a sixth of the time to write a PDF.)
pub struct Font {
    bytes: &'static [u8],
    /// Character to glyph, read once from the cmap (allsorts looks a
    /// character up by scanning every range, too slow for a whole roster).
    cmap: HashMap<u32, u16>,
    hmtx: HmtxTable<'static>,
    units_per_em: f32,
}

impl Font {
    fn parse(bytes: &'static [u8]) -> Option<Font> {
        let scope = ReadScope::new(bytes);
        let otf = scope.read::<OpenTypeFont<'static>>().ok()?;
        let OpenTypeData::Single(tables) = &otf.data else {
            return None;
        };
        let table = |t: u32| tables.read_table(&otf.scope, t).ok().flatten();
        let head = table(tag::HEAD)?.read::<HeadTable>().ok()?;
        let maxp = table(tag::MAXP)?.read::<MaxpTable>().ok()?;
        let hhea = table(tag::HHEA)?.read::<HheaTable>().ok()?;
        let hmtx = table(tag::HMTX)?
            .read_dep::<HmtxTable<'static>>((
                usize::from(maxp.num_glyphs),
                usize::from(hhea.num_h_metrics),
            ))
            .ok()?;
        let cmap = table(tag::CMAP)?.read::<Cmap<'static>>().ok()?;
        let (_, subtable) = read_cmap_subtable(&cmap).ok().flatten()?;
        let mut cmap = HashMap::new();
        subtable
            .mappings_fn(|c, gid| {
                cmap.insert(c, gid);
            })
            .ok()?;
        let upm = f32::from(head.units_per_em);
        Some(Font {
            bytes,
            cmap,
            hmtx,
            units_per_em: if upm > 0.0 { upm } else { 1000.0 },
        })
    }

    /// The face's glyph for `c`, 0 (.notdef) when it has none.
    pub fn glyph_id(&self, c: char) -> u16 {
        self.cmap.get(&(c as u32)).copied().unwrap_or(0)
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.glyph_id(c) != 0
    }

    /// The advance width of glyph `gid` in em.
    pub fn glyph_advance_em(&self, gid: u16) -> f32 {
        match self.hmtx.horizontal_advance(gid) {
            Ok(advance) => f32::from(advance) / self.units_per_em,
            Err(_) => 1.0,
        }
    }

    /// The advance width of `c` in em (1.0 for a missing glyph, the width of a
    /// CJK ideograph).
    pub fn advance_em(&self, c: char) -> f32 {
        match self.glyph_id(c) {
            0 => 1.0,
            gid => self.glyph_advance_em(gid),
        }
    }

    /// The width of `text` at `size` (any unit: the result is in the same unit).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance_em(c)).sum::<f32>() * size
    }

    /// The face cut to `glyphs` (.notdef first), parsed for printpdf: glyph
    /// `glyphs[n]` of this face is glyph n of the cut.
    pub fn subset(&self, glyphs: &[u16]) -> crate::Result<ParsedFont> {
        let bytes = self.cut(glyphs)?;
        ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
            .ok_or_else(|| cut_failed("字形子集无法读取".to_string()))
    }

    /// The face cut to `glyphs` (.notdef first) as an OpenType file whose CIDs
    /// are its glyph ids ([`identity_charset`]).
    fn cut(&self, glyphs: &[u16]) -> crate::Result<Vec<u8>> {
        let fail = cut_failed;
        let otf = ReadScope::new(self.bytes)
            .read::<OpenTypeFont<'static>>()
            .map_err(|e| fail(e.to_string()))?;
        let provider = otf.table_provider(0).map_err(|e| fail(e.to_string()))?;
        let mut bytes =
            allsorts::subset::subset(&provider, glyphs, &SubsetProfile::Pdf, CmapTarget::Unicode)
                .map_err(|e| fail(e.to_string()))?;
        identity_charset(&mut bytes);
        Ok(bytes)
    }
}

fn cut_failed(why: String) -> crate::Error {
    crate::Error::Other(format!("内置字体无法嵌入 PDF：{why}"))
}

/// Renumbers the CIDs of a CID-keyed CFF cut to its glyph ids (CID n = glyph
/// n), rewriting its format-0 charset in place; anything else is left as it
/// is. A PDF's text names glyphs of such a face by CID, and the cut keeps the
/// whole face's CIDs (up to 65,535): small, dense numbers make every page's
/// text and the font's /W and /ToUnicode compress better (about 3 KB of a
/// 1,000-row Annex 1).
fn identity_charset(otf: &mut [u8]) {
    let Some((at, n)) = charset_format0(otf) else {
        return;
    };
    for gid in 1..n {
        let cid = u16::try_from(gid).unwrap_or(0).to_be_bytes();
        let i = at + 1 + 2 * (gid - 1);
        if let Some(slot) = otf.get_mut(i..i + 2) {
            slot.copy_from_slice(&cid);
        }
    }
}

/// Where in `otf` the CFF table's format-0 charset starts, and how many glyphs
/// the face has, for a CID-keyed CFF whose charset lies wholly inside the table.
fn charset_format0(otf: &[u8]) -> Option<(usize, usize)> {
    use allsorts::cff::{CFF, Operator};
    let scope = ReadScope::new(otf);
    let font = scope.read::<OpenTypeFont<'_>>().ok()?;
    let OpenTypeData::Single(tables) = &font.data else {
        return None;
    };
    let record = tables.find_table_record(tag::CFF)?;
    let (start, length) = (
        usize::try_from(record.offset).ok()?,
        usize::try_from(record.length).ok()?,
    );
    let table = otf.get(start..start.checked_add(length)?)?;
    let cff = ReadScope::new(table).read::<CFF<'_>>().ok()?;
    let face = cff.fonts.first()?;
    if !face.is_cid_keyed() {
        return None;
    }
    let offset = usize::try_from(face.top_dict.get_i32(Operator::Charset)?.ok()?).ok()?;
    let glyphs = face.char_strings_index.len();
    let end = offset.checked_add(1 + 2 * glyphs.checked_sub(1)?)?;
    (table.get(offset) == Some(&0) && end <= table.len()).then_some((start + offset, glyphs))
}

/// The Song face for a form made of `texts`: the smallest cut that covers
/// every character (GB 2312, then GBK), else the whole face. Parse time
/// follows the file's size, so each larger face is parsed only when needed.
pub fn song_for<'a>(texts: impl IntoIterator<Item = &'a str>) -> crate::Result<&'static Font> {
    static GB2312: OnceLock<Option<Font>> = OnceLock::new();
    static GBK: OnceLock<Option<Font>> = OnceLock::new();
    // Each distinct character once: the cmap lookup is slow.
    let chars: std::collections::BTreeSet<char> = texts.into_iter().flat_map(str::chars).collect();
    for (cell, bytes) in [(&GB2312, SONG_GB2312_OTF), (&GBK, SONG_GBK_OTF)] {
        let cut = cell
            .get_or_init(|| Font::parse(bytes))
            .as_ref()
            .ok_or_else(|| damaged(SONG_FAMILY))?;
        let covered = chars
            .iter()
            .all(|&c| c.is_whitespace() || c.is_control() || cut.has_glyph(c));
        if covered {
            return Ok(cut);
        }
    }
    font(Face::Song)
}

/// The parsed face, parsed once per process (for [`Face::Hei`], the
/// wording-only cut [`HEI_FORMS_OTF`]).
pub fn font(face: Face) -> crate::Result<&'static Font> {
    static SONG: OnceLock<Option<Font>> = OnceLock::new();
    static HEI: OnceLock<Option<Font>> = OnceLock::new();
    let (cell, name) = match face {
        Face::Song => (&SONG, SONG_FAMILY),
        Face::Hei => (&HEI, HEI_FAMILY),
    };
    let bytes = match face {
        Face::Song => song_otf()?,
        Face::Hei => HEI_FORMS_OTF,
    };
    cell.get_or_init(|| Font::parse(bytes))
        .as_ref()
        .ok_or_else(|| damaged(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every fixed label of both forms, in whatever face it is set.
    fn fixed_labels() -> Vec<String> {
        use crate::annex1::wording as a1;
        use crate::annex2::wording as a2;
        let mut texts: Vec<String> = [
            a1::ANNEX,
            a1::TITLE,
            a1::AGENCY,
            a1::HEAD,
            a1::PART1,
            a1::PART2,
            a1::DRAFT_MARK,
            a1::FILLER,
            a1::PHONE,
            a1::FILL_DATE,
            a1::NOTES_TEXT,
            a2::ANNEX,
            a2::TITLE,
            a2::AGENCY,
            a2::PART1,
            a2::PART2,
            a2::GROUP_SELF,
            a2::GROUP_SUPERVISION,
            a2::DRAFT_MARK,
            a2::FILLER,
            a2::PHONE,
            a2::FILL_DATE,
            a2::NOTES_TEXT,
        ]
        .map(String::from)
        .to_vec();
        texts.push(a1::draft_line(&[
            a1::DRAFT_EMPTY.to_string(),
            a1::DRAFT_UNNAMED.to_string(),
            a1::draft_pending(1_234_567_890),
        ]));
        texts.extend([a2::draft_drafts(1_234_567_890), a2::draft_unset(7)]);
        texts.extend([a2::DRAFT_NONE, a2::DRAFT_UNNAMED].map(String::from));
        texts.push(a1::page_line(1, 2));
        texts.extend(a1::SUMMARY_ITEMS.map(String::from));
        texts.extend(a1::LIST_COLUMNS.map(String::from));
        texts.extend(a2::LIST_COLUMNS.map(String::from));
        for r in a2::ROWS {
            texts.push(r.left.to_string());
            texts.extend(r.right.map(String::from));
        }
        texts
    }

    #[test]
    fn every_glyph_of_every_fixed_label_is_in_its_cut() {
        // The Hei cut holds every fixed label of both forms (some are set in Song);
        // the Song GB 2312 cut holds them too, so fixed wording never forces the
        // whole Song face.
        let hei = font(Face::Hei).unwrap();
        let song = song_for(["张三"]).unwrap();
        for t in fixed_labels() {
            for c in t.chars().filter(|c| *c != ' ') {
                assert!(hei.has_glyph(c), "{c} of {t} missing from the Hei cut");
                assert!(song.has_glyph(c), "{c} of {t} missing from the Song cut");
            }
        }
    }

    #[test]
    fn the_gb2312_cut_serves_common_names_the_gbk_cut_most_rare_ones() {
        let common = song_for(["张三", "李四（东营）", "0546-8321234"]).unwrap();
        assert!(std::ptr::eq(common, song_for(["王芳"]).unwrap()));
        let full = font(Face::Song).unwrap();
        assert!(!std::ptr::eq(common, full));
        let gbk = song_for(["王堃"]).unwrap();
        assert!(!std::ptr::eq(gbk, common) && !std::ptr::eq(gbk, full));
        for name in ["张喆", "李珺", "刘昇", "王堃、张三"] {
            assert!(std::ptr::eq(song_for([name]).unwrap(), gbk), "{name}");
            assert!(gbk.has_glyph(name.chars().nth(1).unwrap()));
        }
        for rare in ["赵\u{4DAE}", "陈\u{20BB7}"] {
            assert!(std::ptr::eq(song_for([rare]).unwrap(), full), "{rare}");
        }
    }

    /// The packed faces are the files in fonts/ (regenerate the .br files
    /// whenever a face changes: fonts/README.md).
    #[test]
    fn the_packed_faces_unpack_to_the_faces_in_fonts() {
        let song: &[u8] = include_bytes!("../../fonts/NotoSerifCJKsc-Regular.otf");
        let hei: &[u8] = include_bytes!("../../fonts/NotoSansCJKsc-Regular.otf");
        assert!(song_otf().unwrap() == song, "Song .br is stale");
        assert!(hei_otf().unwrap() == hei, "Hei .br is stale");
        assert!(hei_otf_if_ready().unwrap().is_some());
    }

    /// Every character of the program's own text (its sources, tests aside)
    /// is in the cut Hei face the screen starts with: no label waits for the
    /// fallback.
    #[test]
    fn the_cut_hei_face_has_every_character_of_the_program() {
        let cut = ParsedFont::from_bytes(HEI_GB2312_OTF, 0, &mut Vec::new()).unwrap();
        let full = ParsedFont::from_bytes(hei_otf().unwrap(), 0, &mut Vec::new()).unwrap();
        let has = |f: &ParsedFont, c: char| f.lookup_glyph_index(c as u32).is_some_and(|g| g != 0);
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![src.clone()];
        let mut scanned = 0;
        let mut missing = std::collections::BTreeSet::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path
                        .strip_prefix(&src)
                        .unwrap()
                        .to_string_lossy()
                        .contains("tests")
                {
                    scanned += 1;
                    for c in std::fs::read_to_string(&path).unwrap().chars() {
                        // What the whole face has and the cut lacks.
                        if !c.is_ascii() && has(&full, c) && !has(&cut, c) {
                            missing.insert(c);
                        }
                    }
                }
            }
        }
        assert!(scanned > 50, "{scanned} files");
        assert!(
            missing.is_empty(),
            "cut the screen face again (fonts/README.md): {missing:?}"
        );
        // And the cut is a cut: rare names come from the whole face.
        assert!(!has(&cut, '\u{4E02}') && has(&full, '\u{4E02}'));
    }

    #[test]
    fn a_cut_names_its_glyphs_by_their_ids() {
        for face in [Face::Song, Face::Hei] {
            let font = font(face).unwrap();
            let glyphs: Vec<u16> = std::iter::once(0)
                .chain("附件检验表".chars().map(|c| font.glyph_id(c)))
                .collect();
            // Before the renumbering, glyph n of the cut would keep the whole
            // face's CID of glyphs[n], never n; after it, its CID is n.
            let whole = printpdf::cff_charset_gid_to_cid_map(font.bytes, 0).unwrap();
            for (n, g) in glyphs.iter().enumerate().skip(1) {
                assert_ne!(usize::from(whole[g]), n, "{face:?}");
            }
            let cut = font.cut(&glyphs).unwrap();
            let cids = printpdf::cff_charset_gid_to_cid_map(&cut, 0).unwrap();
            let identity: std::collections::BTreeMap<u16, u16> = (0..6).map(|g| (g, g)).collect();
            assert_eq!(cids, identity, "{face:?}");
            assert!(font.subset(&glyphs).is_ok());
        }
    }

    #[test]
    fn the_song_face_prints_rare_names() {
        let song = font(Face::Song).unwrap();
        for c in "王堃张喆李珺刘昇赵\u{4DAE}陈\u{20BB7}".chars() {
            assert!(song.has_glyph(c), "{c}");
        }
    }
}
