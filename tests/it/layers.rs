//! What must never import what (issue 12): neither shell imports the other,
//! and the error type imports nothing of the crate above it.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found
}

/// The files under `under` (a folder or one file) that mention `needle`.
fn mentioning(under: &str, needle: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let path = root.join(under);
    let files = if path.is_dir() {
        sources(&path)
    } else {
        vec![path]
    };
    assert!(!files.is_empty(), "no sources under {under}");
    files
        .into_iter()
        .filter(|f| std::fs::read_to_string(f).expect("read").contains(needle))
        .collect()
}

#[test]
fn neither_shell_imports_the_other_and_errors_import_nothing_above() {
    for (under, needle) in [
        ("app", "crate::cli"),
        ("cli", "crate::app"),
        ("error.rs", "crate::"),
        ("error", "crate::"),
    ] {
        let found = mentioning(under, needle);
        assert!(found.is_empty(), "src/{under} uses {needle}: {found:?}");
    }
}
