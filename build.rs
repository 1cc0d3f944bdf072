//! Embeds the icon, version information and manifest into zicha.exe, and
//! tells the tests whether they may mount a tmpfs.
//!
//! The resources only when the target is Windows: for any other target this
//! script needs nothing. For windows-gnu from Linux it needs mingw's windres
//! (Debian's gcc-mingw-w64-x86-64 / binutils-mingw-w64-x86-64).

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    println!("cargo:rerun-if-changed=build.rs");
    skip_mount_tests();
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return Ok(());
    }
    windows_resources()
}

/// ZICHA_SKIP_MOUNT_TESTS=1 (set by .ci/run where mounting fails) marks the
/// tests that mount a tmpfs (tests/it/safety_fs.rs) as ignored, so cargo's
/// summary shows them as not run instead of passed.
fn skip_mount_tests() {
    println!("cargo:rerun-if-env-changed=ZICHA_SKIP_MOUNT_TESTS");
    println!("cargo:rustc-check-cfg=cfg(zicha_skip_mount_tests)");
    if env::var_os("ZICHA_SKIP_MOUNT_TESTS").is_some() {
        println!("cargo:rustc-cfg=zicha_skip_mount_tests");
        println!(
            "cargo:warning=ZICHA_SKIP_MOUNT_TESTS is set: the tests that mount a tmpfs are ignored"
        );
    }
}

fn windows_resources() -> Result<()> {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let template = root.join("packaging/windows/zicha.rc.in");
    let icon = root.join("assets/icon.ico");
    let manifest = root.join("packaging/windows/zicha.exe.manifest");
    for path in [&template, &icon, &manifest] {
        println!("cargo:rerun-if-changed={}", path.display());
    }

    let version = env::var("CARGO_PKG_VERSION")?;
    let rc = fs::read_to_string(&template)
        .map_err(|e| format!("read {}: {e}", template.display()))?
        .replace("@ICON@", &rc_path(&icon))
        .replace("@MANIFEST@", &rc_path(&manifest))
        .replace("@VERSION_COMMA@", &version_comma(&version))
        .replace("@VERSION@", &version);

    let out = PathBuf::from(env::var("OUT_DIR")?).join("zicha.rc");
    fs::write(&out, rc).map_err(|e| format!("write {}: {e}", out.display()))?;
    embed_resource::compile(&out, embed_resource::NONE)
        .manifest_required()
        .map_err(|e| format!("compile Windows resources (is mingw's windres installed?): {e}"))?;
    Ok(())
}

/// A path as a resource-script string: forward slashes, which windres and
/// rc.exe both accept, so no backslash escaping is needed.
fn rc_path(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}

/// "1.2.3-beta.1" -> "1,2,3,0": the numeric FILEVERSION of a VERSIONINFO.
fn version_comma(version: &str) -> String {
    let core = version.split(['-', '+']).next().unwrap_or("0");
    let mut parts: Vec<String> = core
        .split('.')
        .map(|p| p.parse::<u16>().unwrap_or(0).to_string())
        .collect();
    parts.resize(4, "0".to_string());
    parts.join(",")
}
