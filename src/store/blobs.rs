//! 附件文件夹: the attachment files themselves. Each is stored once, named by
//! the SHA-256 of its content, in a folder beside the database
//! (`zicha.db` → `zicha.附件/`), so two persons' copies of one scan, or one
//! file attached twice, take the room of one. The roster database says whose a
//! file is (src/store/attachments.rs). Files are written through
//! [`crate::safe_write`], so a half-written blob never carries a hash's name.
//!
//! Every file zicha writes into such a folder (the roster's, or `backups/附件/`)
//! carries one fixed modification time, [`stamp`]; a file is never rewritten in
//! place. A file with any other time was written by something else (an editor,
//! a copy over it, a sync tool) and is hashed at the next look, not only on its
//! day of the round (docs/DECISIONS.md, "Attachments (issue 15)").

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use crate::domain::limits::{MAX_ATTACHMENT_BYTES, MAX_ZIP_ENTRIES};
use crate::error::{Error, Result};
use crate::safe_write;

/// What ends the name of the attachment folder beside the database.
pub const FOLDER_SUFFIX: &str = ".附件";

/// The attachment folder of the database at `db`: `zicha.附件` beside `zicha.db`.
pub fn folder(db: &Path) -> PathBuf {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "zicha".into());
    db.with_file_name(format!("{stem}{FOLDER_SUFFIX}"))
}

/// The name of the folder, beside a backup file, that holds the attachment
/// files of every backup in that folder (`backups/附件/`).
pub const BACKUP_FOLDER: &str = "附件";

/// The shared attachment folder of the backup file `backup`.
pub fn backup_folder(backup: &Path) -> PathBuf {
    backup.with_file_name(BACKUP_FOLDER)
}

/// The shared attachment folder of the backups in the folder `dir`.
pub fn shared_folder(dir: &Path) -> PathBuf {
    dir.join(BACKUP_FOLDER)
}

/// A blob's file name: 64 lowercase hex digits.
pub fn is_blob_name(name: &str) -> bool {
    name.len() == 64
        && name
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The file holding the content with this SHA-256 in `dir`.
pub fn blob_path(dir: &Path, sha256: &str) -> PathBuf {
    dir.join(sha256)
}

/// The SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    super::audit_chain::hex(&Sha256::digest(bytes))
}

/// The file types an attachment may be, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Pdf,
    Jpg,
    Png,
    /// OFD: the Chinese fixed-layout format, a zip with OFD.xml at its root.
    Ofd,
}

impl FileType {
    /// The type a file name's extension says; `None` for any other extension.
    pub fn of_name(name: &str) -> Option<FileType> {
        let ext = Path::new(name)
            .extension()?
            .to_string_lossy()
            .to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(FileType::Pdf),
            "jpg" | "jpeg" => Some(FileType::Jpg),
            "png" => Some(FileType::Png),
            "ofd" => Some(FileType::Ofd),
            _ => None,
        }
    }

    fn label(self) -> &'static str {
        match self {
            FileType::Pdf => "PDF",
            FileType::Jpg => "JPG",
            FileType::Png => "PNG",
            FileType::Ofd => "OFD",
        }
    }

    /// Whether `bytes` start as a file of this type does.
    fn matches(self, bytes: &[u8]) -> bool {
        match self {
            FileType::Pdf => bytes.starts_with(b"%PDF-"),
            FileType::Jpg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            FileType::Png => bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]),
            FileType::Ofd => is_ofd(bytes),
        }
    }
}

/// A zip (within the readers' entry limit) with `OFD.xml` at its root.
fn is_ofd(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"PK\x03\x04") {
        return false;
    }
    let Ok(zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    zip.len() <= MAX_ZIP_ENTRIES
        && zip
            .file_names()
            .any(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case("OFD.xml")))
}

/// Checks that the bytes of the file called `name` are an attachment this
/// program keeps: at most [`MAX_ATTACHMENT_BYTES`], a PDF, JPG, PNG or OFD,
/// and what its extension says. The message names the file.
pub fn check_content(name: &str, bytes: &[u8]) -> Result<FileType> {
    let refuse = |why: String| Error::invalid("附件", format!("“{name}”{why}，未保存"));
    let Some(kind) = FileType::of_name(name) else {
        return Err(refuse(
            "不是可添加的文件类型：只能添加 PDF、JPG、PNG、OFD 文件".into(),
        ));
    };
    if bytes.len() as u64 > MAX_ATTACHMENT_BYTES {
        return Err(too_big(name, bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(refuse("是空文件".into()));
    }
    if !kind.matches(bytes) {
        return Err(refuse(format!(
            "的内容不是 {} 文件（扩展名与内容不符，可能已损坏或被改了扩展名）",
            kind.label()
        )));
    }
    Ok(kind)
}

fn too_big(name: &str, bytes: u64) -> Error {
    Error::invalid(
        "附件",
        format!(
            "“{name}”有 {:.1} MB，超过每个附件 {} MB 的上限，未保存；请压缩或分开扫描后再添加",
            bytes as f64 / 1_048_576.0,
            MAX_ATTACHMENT_BYTES / 1_048_576
        ),
    )
}

/// Reads the file at `path` to attach it: refused (naming it) before reading
/// when it is larger than the limit, then checked by [`check_content`].
pub fn read_for_attaching(path: &Path) -> Result<(String, Vec<u8>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > MAX_ATTACHMENT_BYTES {
        return Err(too_big(&name, len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // One byte more than the limit: a file that grew since is still refused.
    file.take(MAX_ATTACHMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    check_content(&name, &bytes)?;
    Ok((name, bytes))
}

/// Stores `bytes` (whose SHA-256 is `sha256`) in `dir` unless a sound copy is
/// there already; a damaged copy is replaced.
pub fn put(dir: &Path, sha256: &str, bytes: &[u8]) -> Result<()> {
    let dest = blob_path(dir, sha256);
    if verify(&dest, bytes.len() as u64, sha256, true).is_none() {
        return Ok(());
    }
    write_blob(&dest, bytes)
}

/// The modification time of every file zicha writes into an attachment
/// folder: 2001-01-01 00:00:00 UTC (whole seconds, so FAT's two-second clock
/// keeps it exactly).
pub fn stamp() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(978_307_200)
}

/// Writes a blob atomically with the [`stamp`] as its modification time.
fn write_blob(dest: &Path, bytes: &[u8]) -> Result<()> {
    safe_write::write_with(dest, |tmp| {
        let fail = |e: std::io::Error| safe_write::failure(dest, &e);
        let mut f = std::fs::File::create(tmp).map_err(fail)?;
        f.write_all(bytes).map_err(fail)?;
        // A drive that refuses to set times (some network and cloud mounts)
        // still takes the file: it is then hashed at every look.
        let _ = f.set_modified(stamp());
        f.sync_all().map_err(fail)
    })
}

/// Whether the file's modification time is the [`stamp`]: it is as zicha
/// wrote it, unless something wrote it and then set the time back.
fn is_stamped(meta: &std::fs::Metadata) -> bool {
    meta.modified().is_ok_and(|t| t == stamp())
}

/// Gives a file found sound the [`stamp`] again (a folder copied by a tool that
/// does not keep times), so the next look need not hash it. A folder that
/// cannot be written keeps its times: its files are then hashed at every look.
fn restamp(path: &Path) {
    if let Ok(f) = open_for_times(path) {
        let _ = f.set_modified(stamp());
    }
}

/// The file opened only as far as setting its times needs, so a read-only
/// file (Windows' attribute, or a Unix file without write permission) can
/// still be stamped by its owner.
#[cfg(windows)]
fn open_for_times(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::windows::fs::OpenOptionsExt;
    /// FILE_WRITE_ATTRIBUTES: SetFileTime needs no more.
    const WRITE_ATTRIBUTES: u32 = 0x100;
    std::fs::OpenOptions::new()
        .access_mode(WRITE_ATTRIBUTES)
        .open(path)
}

#[cfg(not(windows))]
fn open_for_times(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// What is wrong with a stored blob.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobProblem {
    /// 文件不见了.
    Missing,
    /// The size or (with a full check) the content differs from what was recorded.
    Altered,
}

impl BlobProblem {
    /// The clerk's words.
    pub fn label(self) -> &'static str {
        match self {
            BlobProblem::Missing => "文件不见了",
            BlobProblem::Altered => "文件已被改动（与添加时的校验值不符）",
        }
    }
}

/// Checks the blob at `path` against its recorded size, and its SHA-256 too
/// with `full` or when its modification time is not the [`stamp`] (then a
/// sound file is stamped again). `None` when sound.
pub fn verify(path: &Path, bytes: u64, sha256: &str, full: bool) -> Option<BlobProblem> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Some(BlobProblem::Missing);
    };
    if !meta.is_file() {
        return Some(BlobProblem::Missing);
    }
    if meta.len() != bytes {
        return Some(BlobProblem::Altered);
    }
    let stamped = is_stamped(&meta);
    if full || !stamped {
        let problem = read_verified(path, sha256).err();
        if problem.is_none() && !stamped {
            restamp(path);
        }
        return problem;
    }
    None
}

/// The content of the blob at `path` when its SHA-256 is `sha256`.
pub fn read_verified(path: &Path, sha256: &str) -> std::result::Result<Vec<u8>, BlobProblem> {
    let bytes = std::fs::read(path).map_err(|_| BlobProblem::Missing)?;
    if sha256_hex(&bytes) == sha256 {
        Ok(bytes)
    } else {
        Err(BlobProblem::Altered)
    }
}

/// Copies the blob `sha256` from folder `from` into folder `to` when `to`
/// lacks a sound copy, checking its hash on the way. `Ok(true)` when a copy
/// was made, `Ok(false)` when `to` already held it.
pub fn copy_between(from: &Path, to: &Path, sha256: &str, bytes: u64) -> Result<bool> {
    let dest = blob_path(to, sha256);
    if verify(&dest, bytes, sha256, false).is_none() {
        return Ok(false);
    }
    let src = blob_path(from, sha256);
    let content = read_verified(&src, sha256)
        .map_err(|p| Error::Other(format!("附件文件 {} {}", src.display(), p.label())))?;
    write_blob(&dest, &content)?;
    Ok(true)
}

/// Sets a file's modification time (tests: a file altered behind zicha's back).
#[cfg(test)]
pub(super) fn set_time(path: &Path, t: SystemTime) {
    let f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.set_modified(t).unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ofd() -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("OFD.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, b"<ofd:OFD/>").unwrap();
        zip.finish().unwrap();
        buf.into_inner()
    }

    #[test]
    fn content_must_be_what_the_extension_says() {
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0];
        for (name, bytes, ok) in [
            ("备案表.pdf", b"%PDF-1.7\n".to_vec(), true),
            ("备案表.PDF", b"%PDF-1.4".to_vec(), true),
            ("证书.jpg", vec![0xFF, 0xD8, 0xFF, 0xE0], true),
            ("证书.jpeg", vec![0xFF, 0xD8, 0xFF, 0xE1], true),
            ("截图.png", png.to_vec(), true),
            ("批文.ofd", ofd(), true),
            ("备案表.pdf", png.to_vec(), false),
            ("证书.jpg", b"%PDF-1.7".to_vec(), false),
            ("截图.png", vec![0xFF, 0xD8, 0xFF], false),
            ("批文.ofd", b"PK\x03\x04 not a zip".to_vec(), false),
            ("合同.docx", b"PK\x03\x04".to_vec(), false),
            ("无扩展名", b"%PDF-1.7".to_vec(), false),
            ("空.pdf", Vec::new(), false),
        ] {
            let got = check_content(name, &bytes);
            assert_eq!(got.is_ok(), ok, "{name}: {got:?}");
            if let Err(e) = got {
                assert!(e.to_string().contains(name), "{e}");
                assert!(e.is_user_error());
            }
        }
    }

    #[test]
    fn a_zip_without_ofd_xml_is_not_ofd() {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.finish().unwrap();
        assert!(check_content("假.ofd", &buf.into_inner()).is_err());
    }

    #[test]
    fn over_twenty_megabytes_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("大扫描件.pdf");
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(MAX_ATTACHMENT_BYTES + 1).unwrap();
        let e = read_for_attaching(&path).unwrap_err().to_string();
        assert!(e.contains("大扫描件.pdf") && e.contains("20 MB"), "{e}");
    }

    #[test]
    fn verify_tells_missing_from_altered() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = b"%PDF-1.7 content";
        let sha = sha256_hex(bytes);
        put(dir.path(), &sha, bytes).unwrap();
        let path = blob_path(dir.path(), &sha);
        assert_eq!(verify(&path, bytes.len() as u64, &sha, true), None);
        // Rewritten, same size: its time is no longer zicha's, so even the
        // size check hashes it.
        std::fs::write(&path, b"%PDF-1.7 CONTENT").unwrap();
        assert_eq!(
            verify(&path, bytes.len() as u64, &sha, false),
            Some(BlobProblem::Altered)
        );
        // With the time set back as well, only the full check sees it.
        set_time(&path, stamp());
        assert_eq!(verify(&path, bytes.len() as u64, &sha, false), None);
        assert_eq!(
            verify(&path, bytes.len() as u64, &sha, true),
            Some(BlobProblem::Altered)
        );
        std::fs::write(&path, b"short").unwrap();
        assert_eq!(
            verify(&path, bytes.len() as u64, &sha, false),
            Some(BlobProblem::Altered)
        );
        std::fs::remove_file(&path).unwrap();
        assert_eq!(
            verify(&path, bytes.len() as u64, &sha, false),
            Some(BlobProblem::Missing)
        );
        // put repairs the damaged copy.
        put(dir.path(), &sha, bytes).unwrap();
        assert_eq!(verify(&path, bytes.len() as u64, &sha, true), None);
    }

    fn time_of(path: &Path) -> SystemTime {
        std::fs::metadata(path).unwrap().modified().unwrap()
    }

    #[test]
    fn every_blob_written_carries_the_stamp_and_a_sound_copy_gets_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = b"%PDF-1.7 stamped";
        let sha = sha256_hex(bytes);
        put(dir.path(), &sha, bytes).unwrap();
        let path = blob_path(dir.path(), &sha);
        assert_eq!(time_of(&path), stamp());
        let backup = dir.path().join("backups");
        assert!(copy_between(dir.path(), &backup, &sha, bytes.len() as u64).unwrap());
        assert_eq!(time_of(&blob_path(&backup, &sha)), stamp());
        // Copied by a tool that keeps no times: hashed once, found sound, stamped,
        // also when the file is read-only.
        set_time(&path, SystemTime::now());
        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&path, perms.clone()).unwrap();
        assert_eq!(verify(&path, bytes.len() as u64, &sha, false), None);
        assert_eq!(time_of(&path), stamp());
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(&path, perms).unwrap();
    }
}
