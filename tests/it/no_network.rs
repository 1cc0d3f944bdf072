//! Nothing leaves the machine: no network client among the dependencies that
//! are built for the clerk's PC, and no socket code of our own.

use std::path::Path;
use std::process::Command;

/// Crates that speak to a network.
const NETWORK_CRATES: [&str; 10] = [
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "isahc",
    "surf",
    "attohttpc",
    "rustls",
    "native-tls",
    "openssl",
];

fn packages_for(target: &str) -> Vec<String> {
    let out = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "tree",
            "--offline",
            "--locked",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .args(["--target", target])
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn no_network_crate_is_built_for_windows_or_linux() {
    for target in ["x86_64-pc-windows-gnu", "x86_64-unknown-linux-gnu"] {
        let packages = packages_for(target);
        assert!(packages.iter().any(|p| p == "rusqlite"), "the tree is read");
        for p in &packages {
            assert!(
                !NETWORK_CRATES.contains(&p.as_str()) && p != "tokio",
                "{target}: {p} is a network crate"
            );
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn our_code_opens_no_socket() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 20);
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        for api in [
            "std::net",
            "TcpStream",
            "UdpSocket",
            "TcpListener",
            "ToSocketAddrs",
        ] {
            assert!(!text.contains(api), "{} uses {api}", f.display());
        }
    }
}
