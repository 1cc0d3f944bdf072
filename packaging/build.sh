#!/usr/bin/env bash
# Build every artifact into dist/: the Windows exe, the NSIS installer, the
# portable zip and the Linux .deb. Installs its own prerequisites (Debian
# packages, the Rust Windows target, cargo-deb) when they are missing.
#
#   packaging/build.sh            # everything
#   SKIP_DEB=1 packaging/build.sh # Windows artifacts only
#   ZICHA_SIGN_PFX=cert.pfx ZICHA_SIGN_PASSWORD=… [ZICHA_SIGN_TIMESTAMP_URL=…] packaging/build.sh
#                                 # also signs zicha.exe, the uninstaller and zicha-setup.exe
#                                 # (packaging/sign.sh, packaging/README.md "Signing")
#
# Honours CARGO_TARGET_DIR. Idempotent: re-running rebuilds only what changed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DIST="$ROOT/dist"
WIN_TARGET=x86_64-pc-windows-gnu
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export CARGO_TARGET_DIR="$TARGET_DIR"

say() { printf '\n== %s\n' "$*"; }

# --- prerequisites -----------------------------------------------------------
need_apt=()
for pair in x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 makensis:nsis python3:python3; do
    command -v "${pair%%:*}" >/dev/null || need_apt+=("${pair#*:}")
done
if ((${#need_apt[@]})); then
    say "installing ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
rustup target list --installed | grep -qx "$WIN_TARGET" || rustup target add "$WIN_TARGET"
if [[ -z "${SKIP_DEB:-}" ]] && ! cargo deb --version >/dev/null 2>&1; then
    say "installing cargo-deb"
    cargo install --locked cargo-deb
fi

VERSION="$(cargo pkgid --locked | sed 's/.*[#@]//')"
mkdir -p "$DIST"
STAGE="$TARGET_DIR/package-stage"
rm -rf "$STAGE"
mkdir -p "$STAGE"

# --- Windows exe ---------------------------------------------------------------
say "zicha.exe $VERSION ($WIN_TARGET, release)"
cargo build --release --locked --target "$WIN_TARGET"
EXE_BUILT="$TARGET_DIR/$WIN_TARGET/release/zicha.exe"
x86_64-w64-mingw32-strip -o "$DIST/zicha.exe" "$EXE_BUILT"
# Signed before the installer and the zip take their copies (a no-op without a certificate).
packaging/sign.sh "$DIST/zicha.exe"
SIGN_ARGS=()
[[ -z "${ZICHA_SIGN_PFX:-}" ]] || SIGN_ARGS=(-DSIGN="$ROOT/packaging/sign.sh")

# The Chinese README as Windows Notepad likes it: UTF-8 with BOM, CRLF.
README="$STAGE/README.txt"
{ printf '\xef\xbb\xbf'; sed 's/\r$//; s/$/\r/' packaging/windows/README.txt; } >"$README"

# --- installer -----------------------------------------------------------------
say "zicha-setup.exe (NSIS)"
makensis -V2 -INPUTCHARSET UTF8 "${SIGN_ARGS[@]}" \
    -DROOT="$ROOT" -DVERSION="$VERSION" -DEXE="$DIST/zicha.exe" -DREADME="$README" \
    -DOUTFILE="$DIST/zicha-setup.exe" packaging/windows/installer.nsi
packaging/sign.sh "$DIST/zicha-setup.exe"

# --- portable zip --------------------------------------------------------------
ZIP="$DIST/zicha-$VERSION-windows-x64.zip"
say "$(basename "$ZIP")"
# Licences of the fonts built into the exe, wherever fonts/ keeps them.
mapfile -t FONT_LICENCES < <(find fonts -maxdepth 2 -type f \
    \( -iname '*licen[cs]e*' -o -iname 'ofl*' -o -iname 'copying*' \) 2>/dev/null | sort)
if ((${#FONT_LICENCES[@]} == 0)); then
    echo "warning: no font licence found under fonts/; the zip carries none" >&2
fi
# Python's zipfile marks the Chinese folder name as UTF-8, which Explorer reads.
python3 - "$ZIP" "$DIST/zicha.exe" "$README" "${FONT_LICENCES[@]}" <<'EOF'
import os, sys, zipfile
out, exe, readme, *licences = sys.argv[1:]
tmp = out + ".tmp"
with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.write(exe, "zicha/zicha.exe")
    z.write(readme, "zicha/README.txt")
    for lic in licences:
        z.write(lic, "zicha/字体许可/" + os.path.basename(lic))
os.replace(tmp, out)
EOF

# --- Linux .deb ----------------------------------------------------------------
if [[ -z "${SKIP_DEB:-}" ]]; then
    say "zicha .deb (cargo-deb)"
    rm -f "$DIST"/zicha_*.deb
    cargo deb --locked --output "$DIST/"
fi

cd "$DIST"
rm -f SHA256SUMS
sha256sum -- *.exe *.zip $(ls *.deb 2>/dev/null) >SHA256SUMS
say "dist/"
ls -l --block-size=K "$DIST"
