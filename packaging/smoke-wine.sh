#!/usr/bin/env bash
# Smoke test of the Windows artifacts under Wine, against the Linux build.
#
#   packaging/build.sh && packaging/smoke-wine.sh
#
# 1. CLI: zicha.exe --db X demo; `check --json` is byte-for-byte the Linux
#    build's on the same data. When the exe has them: import of a workbook
#    (exported by the Linux build) and annex1 writing a PDF.
# 2. GUI: zicha.exe without arguments under Xvfb + Wine, a screenshot, OCR
#    for Chinese text (skipped while the exe has no GUI).
# 3. Installer: zicha-setup.exe /S installs per user with shortcuts and an
#    uninstaller; the installed exe's first run (default database under
#    %APPDATA%\zicha) works; the silent uninstaller removes the program and
#    keeps %APPDATA%\zicha.
#
# 4. Issue 16: the lock file goes with the last handle; --output writes what
#    Linux prints; a failing command without a console shows a message box and
#    logs to 错误记录.txt; the window carries the program's icon (_NET_WM_ICON);
#    the 另存为… dialog is owned by the window (WM_TRANSIENT_FOR); the installer
#    refuses to run over a running zicha (named mutex), installs the font
#    licence, and refuses a Windows 7 version string (winecfg -v win7).
#
# Uses a fresh Wine prefix every run. Honours DIST, CARGO_TARGET_DIR,
# LINUX_BIN (a Linux zicha built from the same source; built if missing).
# Screenshots and logs go to $CARGO_TARGET_DIR/smoke-wine/.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIST="${DIST:-$ROOT/dist}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="$TARGET_DIR/smoke-wine"
EXE="$DIST/zicha.exe"
SETUP="$DIST/zicha-setup.exe"
APPNAME="特种设备检验检测人员自查台账"

# --- prerequisites (then re-run inside a virtual X server) --------------------
need_apt=()
for pair in wine:wine Xvfb:xvfb xvfb-run:xvfb import:imagemagick tesseract:tesseract-ocr \
    localedef:locales x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 unzip:unzip \
    xdotool:xdotool xprop:x11-utils; do
    command -v "${pair%%:*}" >/dev/null || need_apt+=("${pair#*:}")
done
dpkg -s wine64 >/dev/null 2>&1 || need_apt+=(wine64)
[[ -e /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata ]] ||
    need_apt+=(tesseract-ocr-chi-sim)
fc-list :lang=zh | grep -q . || need_apt+=(fonts-noto-cjk)
if ((${#need_apt[@]})); then
    echo "installing ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
# Wine takes its Windows locale from LANG: zh_CN makes it a Chinese Windows
# (code page 936, CJK fallback fonts for dialogs), like the clerk's PC.
if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
    localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
fi
export LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8
if [[ -z "${DISPLAY:-}" ]]; then
    exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

for f in "$EXE" "$SETUP"; do
    [[ -f "$f" ]] || { echo "missing $f: run packaging/build.sh first" >&2; exit 1; }
done
LINUX_BIN="${LINUX_BIN:-$TARGET_DIR/release/zicha}"
if [[ ! -x "$LINUX_BIN" ]]; then
    (cd "$ROOT" && CARGO_TARGET_DIR="$TARGET_DIR" cargo build --release --locked)
fi

rm -rf "$OUT"
mkdir -p "$OUT/home"
export WINEPREFIX="$OUT/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko prompts, and no menu entries leaking into the host desktop.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
# Wine's own HOME, so its Desktop/Documents links stay inside $OUT.
wine() { HOME="$OUT/home" command wine "$@"; }
wineserver() { HOME="$OUT/home" command wineserver "$@"; }
winpath() { HOME="$OUT/home" command winepath -w "$1" 2>/dev/null; }
unixpath() { HOME="$OUT/home" command winepath -u "$1" 2>/dev/null; }
# A Windows environment variable, as Wine's cmd sees it.
winenv() { wine cmd /c echo "%$1%" 2>/dev/null | tr -d '\r'; }

pass=0
fail=0
skip=0
# Text in a screenshot: crop the black root window away, enlarge, OCR.
ocr() {
    convert "$1" -fuzz 10% -trim +repage -resize 200% "${1%.png}.ocr.png"
    local text
    text="$(tesseract "${1%.png}.ocr.png" - -l chi_sim+eng 2>/dev/null | tr -d ' \n')"
    # Tesseract 5's automatic layout finds no text on some pages (the
    # installer's, beside its dark side panel): then read it as one block.
    [[ -n "$text" ]] || text="$(tesseract "${1%.png}.ocr.png" - -l chi_sim+eng --psm 6 2>/dev/null | tr -d ' \n')"
    printf '%s' "$text"
}
ok() { echo "PASS  $*"; pass=$((pass + 1)); }
bad() { echo "FAIL  $*"; fail=$((fail + 1)); }
skipped() { echo "SKIP  $*"; skip=$((skip + 1)); }

echo "== Wine prefix $WINEPREFIX ($(command wine --version))"
wine wineboot -i >/dev/null 2>&1
wineserver -w
# The clerk's PC runs Windows 10 or later (zicha needs it, and the installer
# checks): Debian's Wine 8.0 makes new prefixes Windows 7.
wine winecfg -v win10 >/dev/null 2>&1
wineserver -w
echo "      Windows version of the prefix: $(wine cmd /c ver 2>/dev/null | tr -d '\r' | grep -o '[0-9][0-9.]*' | head -1)"
# Rust's std imports ProcessPrng from bcryptprimitives.dll (all Windows 10/11
# have it); Wine < 9 lacks it: put a test-only stand-in into this prefix.
SYS32="$WINEPREFIX/drive_c/windows/system32"
if [[ ! -e "$SYS32/bcryptprimitives.dll" ]]; then
    x86_64-w64-mingw32-gcc -shared -O2 -s -o "$SYS32/bcryptprimitives.dll" \
        "$ROOT/packaging/wine/bcryptprimitives.c" "$ROOT/packaging/wine/bcryptprimitives.def" -ladvapi32
    echo "      Wine has no bcryptprimitives.dll: test stand-in from packaging/wine/ installed in the prefix"
fi

# Runs the Windows exe; stdout to $1, stderr to $1.err; returns its exit code.
win() {
    local out="$1"
    shift
    wine "$EXE" "$@" >"$out" 2>"$out.err"
}

# --- 1. CLI --------------------------------------------------------------------
echo "== CLI"
if win "$OUT/help.txt" --help && grep -q check "$OUT/help.txt"; then
    ok "zicha.exe --help prints the subcommands ($(wc -l <"$OUT/help.txt") lines)"
else
    bad "zicha.exe --help (see $OUT/help.txt*)"
fi
has_sub() { grep -Eq "^\s+$1(\s|$)" "$OUT/help.txt"; }

wdb="$OUT/win.db"
ldb="$OUT/linux.db"
if win "$OUT/demo.txt" --db "$(winpath "$wdb")" demo && [[ -s "$wdb" ]]; then
    ok "zicha.exe --db win.db demo: $(head -c 200 "$OUT/demo.txt" | head -1)"
else
    bad "zicha.exe demo (see $OUT/demo.txt*)"
fi
"$LINUX_BIN" --db "$ldb" demo >/dev/null

compare_check() { # $1 label, $2 windows db (unix path), $3 linux db
    local tag="$1"
    win "$OUT/check-$tag.win.json" --db "$(winpath "$2")" check --json || true
    "$LINUX_BIN" --db "$3" check --json >"$OUT/check-$tag.linux.json"
    if [[ -s "$OUT/check-$tag.linux.json" ]] &&
        cmp -s "$OUT/check-$tag.win.json" "$OUT/check-$tag.linux.json"; then
        ok "$tag: check --json identical to Linux ($(wc -c <"$OUT/check-$tag.win.json") bytes)"
    else
        bad "$tag: check --json differs from Linux (diff $OUT/check-$tag.{win,linux}.json)"
    fi
}
compare_check demo "$wdb" "$ldb"

win "$OUT/check.win.txt" --db "$(winpath "$wdb")" check || true
"$LINUX_BIN" --db "$ldb" check >"$OUT/check.linux.txt" || true
if cmp -s "$OUT/check.win.txt" "$OUT/check.linux.txt"; then
    ok "check (text) identical to Linux, Chinese included ($(wc -c <"$OUT/check.win.txt") bytes)"
else
    bad "check (text) differs from Linux (diff $OUT/check.{win,linux}.txt)"
fi

if win "$OUT/bad.txt" --db "$(winpath "$wdb")" decide 无此人 学历 是 --note x; then
    bad "a clerk's error should exit 2"
else
    code=$?
    if [[ $code -eq 2 ]] && grep -q . "$OUT/bad.txt.err"; then
        ok "clerk's error: exit 2, Chinese message on stderr: $(head -1 "$OUT/bad.txt.err")"
    else
        bad "clerk's error: exit $code, stderr: $(head -c 200 "$OUT/bad.txt.err")"
    fi
fi

# From cmd on Windows a GUI-subsystem exe starts without a console and without
# standard handles; Wine would hand it its parent's. console-launch.exe starts
# zicha.exe the Windows way from a console of its own, then dumps that console.
x86_64-w64-mingw32-gcc -municode -O2 -s -o "$OUT/console-launch.exe" \
    "$ROOT/packaging/wine/console-launch.c"
in_console() { # $1 console dump, $2 stdout file or -, rest: zicha.exe arguments
    local dump="$1" stdout="$2"
    shift 2
    [[ "$stdout" == - ]] || stdout="$(winpath "$stdout")"
    HOME="$OUT/home" command wineconsole "$(winpath "$OUT/console-launch.exe")" \
        "$(winpath "$dump")" "$stdout" "\"$(winpath "$EXE")\" $*" >/dev/null 2>&1
}
wdbq="\"$(winpath "$wdb")\""
if in_console "$OUT/console-a.txt" - --db "$wdbq" settings show &&
    grep -q '单位名称' "$OUT/console-a.txt"; then
    ok "no handles, from a console: attaches and prints: $(grep -m1 '单位名称' "$OUT/console-a.txt")"
else
    bad "console attach: nothing printed (see $OUT/console-a.txt)"
fi
in_console "$OUT/console-b.txt" "$OUT/console-b.json" --db "$wdbq" check --json || true
if cmp -s "$OUT/console-b.json" "$OUT/check-demo.linux.json"; then
    ok "stdout redirected to a file, stderr none: the redirection survives attaching"
else
    bad "redirected stdout lost when attaching (see $OUT/console-b.json)"
fi
if in_console "$OUT/console-c.txt" "$OUT/console-c.out" --db "$wdbq" decide 无此人 学历 是 --note x; then
    bad "console: a clerk's error should exit 2"
elif grep -q '错误' "$OUT/console-c.txt" && [[ ! -s "$OUT/console-c.out" ]]; then
    ok "stderr without a handle goes to the console: $(grep -m1 '错误' "$OUT/console-c.txt")"
else
    bad "console: error message not on the console (see $OUT/console-c.*)"
fi

# No console at all (started from Explorer or a shortcut with arguments): the
# error cannot be printed, so it is shown in a message box and logged beside
# the database. console-launch.exe under plain wine has no console to attach to.
rdir="$OUT/no-console"
rm -rf "$rdir" && mkdir -p "$rdir"
rdb="$rdir/台账.db"
cp "$wdb" "$rdb"
(HOME="$OUT/home" command wine "$OUT/console-launch.exe" - - \
    "\"$(winpath "$EXE")\" --db \"$(winpath "$rdb")\" settings set 核查基准日 不是日期" \
    </dev/null >/dev/null 2>&1) &
nc_pid=$!
sleep 6
import -window root "$OUT/no-console-box.png"
box_text="$(ocr "$OUT/no-console-box.png")"
xdotool key Return || true
sleep 2
nc_code=0
wait "$nc_pid" || nc_code=$?
if [[ $nc_code -eq 2 ]] && grep -q '核查基准日' "$rdir/错误记录.txt" 2>/dev/null &&
    grep -q '错误' <<<"$box_text"; then
    ok "no console: exit 2, message box ($OUT/no-console-box.png) and 错误记录.txt beside the database"
else
    bad "no console: exit $nc_code, box OCR '${box_text:0:60}', log: $(head -c 200 "$rdir/错误记录.txt" 2>/dev/null)"
fi

# --output: the same bytes as Linux prints, whatever PowerShell would do to a pipe.
win "$OUT/output.txt" --db "$(winpath "$wdb")" check --json --output "$(winpath "$OUT/output 结果.json")" || true
if cmp -s "$OUT/output 结果.json" "$OUT/check-demo.linux.json"; then
    ok "check --json --output FILE: identical to Linux ($(tr -d '\r' <"$OUT/output.txt" | head -1))"
else
    bad "check --json --output differs from Linux (see $OUT/output 结果.json, $OUT/output.txt*)"
fi

# The lock file goes with the last handle (FILE_FLAG_DELETE_ON_CLOSE).
if [[ -s "$wdb" && ! -e "$wdb.lock" ]]; then
    ok "no win.db.lock left beside the database after the commands"
else
    bad "win.db.lock left behind: $(ls -la "$wdb.lock" 2>&1)"
fi

if has_sub import && has_sub export; then
    # A workbook written by the Linux build (or ZICHA_WORKBOOK), imported by both.
    book="${ZICHA_WORKBOOK:-$OUT/roster.xlsx}"
    [[ -n "${ZICHA_WORKBOOK:-}" ]] || "$LINUX_BIN" --db "$ldb" export "$book" >/dev/null
    wdb2="$OUT/win-import.db"
    ldb2="$OUT/linux-import.db"
    if win "$OUT/import.txt" --db "$(winpath "$wdb2")" import "$(winpath "$book")"; then
        ok "zicha.exe import $(basename "$book"): $(grep -c . "$OUT/import.txt") lines of report"
    else
        bad "zicha.exe import (see $OUT/import.txt*)"
    fi
    "$LINUX_BIN" --db "$ldb2" import "$book" >/dev/null
    compare_check import "$wdb2" "$ldb2"
else
    skipped "import: zicha.exe --help lists no import/export subcommand yet"
fi

if has_sub annex1; then
    pdf="$OUT/annex1.pdf"
    if win "$OUT/annex1.txt" --db "$(winpath "$wdb")" annex1 --pdf "$(winpath "$pdf")" &&
        [[ "$(head -c 5 "$pdf" 2>/dev/null)" == "%PDF-" ]]; then
        ok "zicha.exe annex1 wrote a PDF ($(wc -c <"$pdf") bytes)"
        if command -v pdftoppm >/dev/null; then
            pdftoppm -png -r 60 -f 1 -l 1 "$pdf" "$OUT/annex1" && echo "      page 1: $OUT/annex1-1.png"
        fi
    else
        bad "zicha.exe annex1 (see $OUT/annex1.txt*; expected 'annex1 --pdf FILE')"
    fi
else
    skipped "annex1: zicha.exe --help lists no annex1 subcommand yet"
fi

# --- safety: audit chain, backups, restore, safe writes ---------------------------
echo "== safety"
if win "$OUT/verify.txt" --db "$(winpath "$wdb")" audit verify; then
    ok "audit verify on an intact trail: $(tr -d '\r' <"$OUT/verify.txt" | head -1)"
else
    bad "audit verify (see $OUT/verify.txt*)"
fi
sdb="$OUT/safety 台账.db"
cp "$wdb" "$sdb"
saved="$OUT/备份 副本.db"
rm -f "$saved"
win "$OUT/check-before.json" --db "$(winpath "$sdb")" check --json || true
if win "$OUT/backup.txt" --db "$(winpath "$sdb")" backup "$(winpath "$saved")" && [[ -s "$saved" ]] &&
    ls "$OUT/backups"/safety\ 台账-*.db >/dev/null 2>&1; then
    ok "backup to a path with Chinese and spaces, and the day's first backup in backups\\"
else
    bad "backup (see $OUT/backup.txt*; backups: $(ls "$OUT/backups" 2>/dev/null | head -3))"
fi
win "$OUT/set.txt" --db "$(winpath "$sdb")" settings set 单位名称 另一家 || true
win "$OUT/restore.txt" --db "$(winpath "$sdb")" restore "$(winpath "$saved")" || true
win "$OUT/check-after.json" --db "$(winpath "$sdb")" check --json || true
if [[ -s "$OUT/check-before.json" ]] && cmp -s "$OUT/check-before.json" "$OUT/check-after.json"; then
    ok "backup, change, restore: check --json identical to before ($(tr -d '\r' <"$OUT/restore.txt" | head -1))"
else
    bad "restore (see $OUT/restore.txt*, $OUT/check-{before,after}.json)"
fi
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE audit_log SET who='x' WHERE id=4\"); c.commit()" "$sdb"
if win "$OUT/tamper.txt" --db "$(winpath "$sdb")" audit verify; then
    bad "audit verify passed a tampered trail"
else
    code=$?
    if [[ $code -eq 3 ]] && grep -q '第 4 条' "$OUT/tamper.txt.err"; then
        ok "tampered trail: exit 3, $(tr -d '\r' <"$OUT/tamper.txt.err" | python3 -c 'import sys; print(sys.stdin.read()[:60])')"
    else
        bad "tampered trail: exit $code, $(head -c 200 "$OUT/tamper.txt.err")"
    fi
fi

# --- 2. GUI --------------------------------------------------------------------
echo "== GUI"
x86_64-w64-mingw32-gcc -O2 -s -o "$OUT/gl-probe.exe" "$ROOT/packaging/wine/gl-probe.c" -lopengl32 -lgdi32
echo "      $(wine "$OUT/gl-probe.exe" 2>/dev/null | tr -d '\r' || echo 'no OpenGL under Wine')"
# On the demo roster, so the window has names and verdicts to show.
(exec env HOME="$OUT/home" wine "$EXE" --db "$(winpath "$wdb")" >"$OUT/gui.txt" 2>&1) &
gui_pid=$!
alive=1
for _ in $(seq 1 20); do
    sleep 1
    kill -0 "$gui_pid" 2>/dev/null || { alive=0; break; }
done
if ((alive == 0)); then
    wait "$gui_pid" && code=0 || code=$?
    skipped "GUI: zicha.exe with no subcommand exited at once (code $code): $(head -c 160 "$OUT/gui.txt" | head -1)"
else
    sleep 5
    # The window holds the database: a second instance is refused, the window stays.
    if win "$OUT/second.txt" --db "$(winpath "$wdb")" check; then
        bad "a second instance was allowed while the window is open"
    elif grep -q '另一个本程序' "$OUT/second.txt.err" && kill -0 "$gui_pid" 2>/dev/null; then
        ok "second instance refused while the window is open: $(tr -d '\r' <"$OUT/second.txt.err" | head -c 90)"
    else
        bad "second instance: $(head -c 200 "$OUT/second.txt.err")"
    fi
    # A third, after the refused second closed its handle: the lock file is
    # then delete pending, and must still read as "in use".
    if win "$OUT/third.txt" --db "$(winpath "$wdb")" check; then
        bad "a third instance was allowed while the window is open"
    elif grep -q '另一个本程序' "$OUT/third.txt.err"; then
        ok "third instance refused too (lock file delete pending after the second)"
    else
        bad "third instance: $(head -c 200 "$OUT/third.txt.err")"
    fi

    # The window's icon is assets/icon.png, not eframe's (Wine puts the
    # WM_SETICON icons into _NET_WM_ICON).
    gui_win="$(xdotool search --name "$APPNAME" 2>/dev/null | head -1 || true)"
    if [[ -n "$gui_win" ]] && xprop -id "$gui_win" -notype 32c _NET_WM_ICON >"$OUT/icon.txt" 2>&1 &&
        python3 - "$OUT/icon.txt" "$ROOT/assets/icon.png" <<'EOF'
import subprocess, sys
nums = [int(x) for x in open(sys.argv[1]).read().split("=", 1)[1].replace(",", " ").split()]
w, h = nums[0], nums[1]
pix = nums[2:2 + w * h]
ref = subprocess.run(["convert", sys.argv[2], "-resize", f"{w}x{h}!", "rgba:-"],
                     capture_output=True, check=True).stdout
diff = n = 0
for i, argb in enumerate(pix):
    a = (argb >> 24) & 255
    if a < 128 or ref[4 * i + 3] < 128:
        continue
    rgb = ((argb >> 16) & 255, (argb >> 8) & 255, argb & 255)
    diff += sum(abs(c - r) for c, r in zip(rgb, ref[4 * i:4 * i + 3])) / 3
    n += 1
print(f"      window icon {w}x{h}: mean difference {diff / max(n, 1):.1f} from assets/icon.png over {n} pixels")
sys.exit(0 if n > w * h // 3 and diff / n < 24 else 1)
EOF
    then
        ok "the window's icon (_NET_WM_ICON) is assets/icon.png"
    else
        bad "window icon is not assets/icon.png (window ${gui_win:-not found}; see $OUT/icon.txt)"
    fi

    import -window root "$OUT/gui.png"
    colours="$(convert "$OUT/gui.png" -format '%k' info:)"
    text="$(ocr "$OUT/gui.png")"
    echo "      screenshot: $OUT/gui.png ($colours colours); OCR: ${text:0:80}"
    if ((colours > 16)) && grep -Eq '自查|台账|核查|人员|导入|附件' <<<"$text"; then
        ok "GUI window open under Wine, Chinese text legible in the screenshot"
    else
        bad "GUI: no Chinese text recognised in $OUT/gui.png"
    fi
    # 另存为… opens a dialog owned by the window: Wine marks an owned window
    # WM_TRANSIENT_FOR its owner. The buttons are found by OCR.
    click_text() { # $1 word, $2 first|last; clicks the centre of that OCR box containing it
        import -window root "$OUT/click.png"
        local at
        at="$(tesseract "$OUT/click.png" - -l chi_sim --psm 11 tsv 2>/dev/null |
            awk -F'\t' -v w="$1" 'NR > 1 && index($12, w) { print int($7 + $9 / 2), int($8 + $10 / 2) }' |
            if [[ "${2:-first}" == last ]]; then tail -1; else head -1; fi)"
        [[ -n "$at" ]] || return 1
        xdotool mousemove $at click 1
    }
    before_wins="$(xdotool search --onlyvisible --name . 2>/dev/null | sort)"
    # OCR reads 另存为… as 另存 + 为; the first 另存 on that screen is in the import's
    # option text, the last is a 另存为… button.
    if click_text 打印 && sleep 2 && click_text 另存 last; then
        sleep 4
        dialog=""
        for w in $(xdotool search --onlyvisible --name . 2>/dev/null); do
            grep -qx "$w" <<<"$before_wins" && continue
            [[ "$w" == "$gui_win" ]] && continue
            xprop -id "$w" WM_TRANSIENT_FOR 2>/dev/null | grep -q 'window id' && dialog="$w" && break
            dialog="${dialog:-$w}"
        done
        import -window root "$OUT/dialog.png"
        owner="$(xprop -id "${dialog:-0}" WM_TRANSIENT_FOR 2>/dev/null | grep -o '0x[0-9a-f]*' || true)"
        if [[ -n "$owner" ]] && [[ "$((owner))" -eq "$((gui_win))" ]]; then
            ok "另存为… dialog is owned by the window (WM_TRANSIENT_FOR $owner; $OUT/dialog.png)"
        else
            bad "另存为… dialog ${dialog:-not found} has no owner (WM_TRANSIENT_FOR: ${owner:-none}; $OUT/dialog.png)"
        fi
        xdotool key Escape || true
    else
        skipped "dialog owner: 打印 / 另存为 not found on screen by OCR ($OUT/click.png)"
    fi
    wineserver -k || true
    wait "$gui_pid" 2>/dev/null || true
    if [[ ! -e "$wdb.lock" ]]; then
        ok "win.db.lock gone after the window was killed"
    else
        bad "win.db.lock left after the window was killed"
    fi

    # A damaged database: the window offers the newest good backup in a Yes/No
    # box (Yes is the default button); on Yes the damaged file is kept aside
    # and the window opens on the restored roster.
    ddir="$OUT/damaged"
    rm -rf "$ddir" && mkdir -p "$ddir"
    ddb="$ddir/台账.db"
    cp "$wdb" "$ddb"
    win "$OUT/check-predamage.json" --db "$(winpath "$ddb")" check --json || true
    win "$OUT/dbackup.txt" --db "$(winpath "$ddb")" backup || true
    python3 -c "import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[3*4096:4*4096]=b'\xa5'*4096; open(p,'wb').write(b)" "$ddb"
    (exec env HOME="$OUT/home" wine "$EXE" --db "$(winpath "$ddb")" >"$OUT/damaged.txt" 2>&1) &
    dpid=$!
    sleep 10
    import -window root "$OUT/damaged-offer.png"
    xdotool key Return || true
    sleep 10
    import -window root "$OUT/damaged-restored.png"
    alive=0
    kill -0 "$dpid" 2>/dev/null && alive=1
    wineserver -k || true
    wait "$dpid" 2>/dev/null || true
    win "$OUT/check-recovered.json" --db "$(winpath "$ddb")" check --json || true
    if ((alive)) && ls "$ddir"/台账.db.损坏-* >/dev/null 2>&1 &&
        [[ -s "$OUT/check-recovered.json" ]] &&
        cmp -s "$OUT/check-recovered.json" "$OUT/check-predamage.json"; then
        ok "damaged database: backup offered, restored on Yes, damaged file kept aside ($OUT/damaged-offer.png)"
    else
        bad "damaged database offer (window alive: $alive; see $OUT/damaged*.png, $OUT/damaged.txt)"
    fi
fi

# --- portable zip ----------------------------------------------------------------
ZIP="$(ls "$DIST"/zicha-*-windows-x64.zip 2>/dev/null | head -1)"
if [[ -n "$ZIP" ]]; then
    mkdir -p "$OUT/portable"
    (cd "$OUT/portable" && unzip -q -o "$ZIP")
    if wine "$OUT/portable/zicha/zicha.exe" --version >"$OUT/portable.txt" 2>&1 &&
        grep -q zicha "$OUT/portable.txt" && [[ -s "$OUT/portable/zicha/README.txt" ]]; then
        ok "portable zip: $(basename "$ZIP") unpacks and runs: $(tr -d '\r' <"$OUT/portable.txt")"
    else
        bad "portable zip (see $OUT/portable.txt)"
    fi
else
    bad "no portable zip in $DIST"
fi

# --- 3. installer --------------------------------------------------------------
echo "== installer"
# The installer's first page: Chinese text on screen, read back by OCR.
wine "$SETUP" >/dev/null 2>&1 &
setup_pid=$!
sleep 8
import -window root "$OUT/installer.png"
text="$(ocr "$OUT/installer.png")"
if grep -q '欢迎安装' <<<"$text"; then
    ok "installer welcome page in Chinese ($OUT/installer.png): ${text:0:40}"
else
    bad "installer page: no Chinese recognised in $OUT/installer.png (OCR: ${text:0:60})"
fi
wineserver -k || true
wait "$setup_pid" 2>/dev/null || true

# Twice: the second run is an upgrade over an installed copy.
wine "$SETUP" /S
wineserver -w
wine "$SETUP" /S
wineserver -w
LOCAL="$(unixpath "$(winenv LOCALAPPDATA)")"
ROAMING="$(unixpath "$(winenv APPDATA)")"
DESKTOP="$(unixpath "$(winenv USERPROFILE)\\Desktop")"
INST="$LOCAL/Programs/zicha"
STARTLNK="$ROAMING/Microsoft/Windows/Start Menu/Programs/$APPNAME.lnk"
DESKLNK="$DESKTOP/$APPNAME.lnk"
UNKEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\zicha'

for f in "$INST/zicha.exe" "$INST/uninstall.exe" "$INST/README.txt" "$INST/LICENSE-OFL.txt" "$STARTLNK" "$DESKLNK"; do
    if [[ -f "$f" ]]; then ok "installed: ${f#"$WINEPREFIX"/}"; else bad "missing after install: $f"; fi
done

# Over a running zicha (it holds Local\zicha.running): the silent installer
# and uninstaller give up (exit 2) instead of meeting a locked zicha.exe.
(exec env HOME="$OUT/home" wine "$INST/zicha.exe" --db "$(winpath "$OUT/running.db")" >/dev/null 2>&1) &
run_pid=$!
sleep 8
stamp="$(stat -c %Y "$INST/zicha.exe")"
touch -d '2001-01-01' "$INST/zicha.exe"
code=0
wine "$SETUP" /S || code=$?
ucode=0
# _?= runs the uninstaller in place (otherwise it copies itself to %TEMP% and returns at once).
wine "$INST/uninstall.exe" /S "_?=$(winpath "$INST")" || ucode=$?
sleep 2
if kill -0 "$run_pid" 2>/dev/null && [[ $code -eq 2 && $ucode -eq 2 ]] &&
    [[ "$(stat -c %Y "$INST/zicha.exe")" == "$(date -d 2001-01-01 +%s)" ]]; then
    ok "installer and uninstaller refuse while zicha runs (exit 2, zicha.exe untouched)"
else
    bad "over a running zicha: installer exit $code, uninstaller exit $ucode, zicha.exe $(stat -c %y "$INST/zicha.exe")"
fi
touch -d "@$stamp" "$INST/zicha.exe"
wineserver -k || true
wait "$run_pid" 2>/dev/null || true
if wine reg query "$UNKEY" /v DisplayName >"$OUT/reg.txt" 2>&1; then
    # reg prints in the ANSI code page, 936 on a Chinese Windows.
    ok "uninstaller registered in HKCU: $(iconv -f GBK -t UTF-8 "$OUT/reg.txt" | grep -o 'REG_SZ.*' | tr -d '\r')"
else
    bad "no uninstall key $UNKEY"
fi

# First run of the installed program, no --db: the database goes to %APPDATA%\zicha.
# Demo data never goes into that ledger (zicha demo needs --db and a new file);
# the roster workbook imported there must read back as on Linux.
if wine "$INST/zicha.exe" demo >"$OUT/first-run-demo.txt" 2>&1; then
    bad "first run: zicha.exe demo wrote into the default ledger (see $OUT/first-run-demo.txt)"
else
    ok "first run: zicha.exe demo without --db refused"
fi
wine "$INST/zicha.exe" import "$(winpath "${book:-$OUT/roster.xlsx}")" >"$OUT/first-run.txt" 2>&1 || true
wine "$INST/zicha.exe" check --json >"$OUT/check-installed.win.json" 2>/dev/null || true
DATA="$ROAMING/zicha"
db="$(find "$DATA" -name zicha.db 2>/dev/null | head -1)"
if [[ -n "$db" ]] && cmp -s "$OUT/check-installed.win.json" "$OUT/check-import.linux.json"; then
    ok "first run: default database ${db#"$ROAMING"/} under %APPDATA%, check --json identical to Linux"
else
    bad "first run: no zicha.db under $DATA, or check --json differs (see $OUT/first-run.txt)"
fi

# The uninstaller copies itself to %TEMP% and returns; wineserver -w waits for it.
wine "$INST/uninstall.exe" /S
wineserver -w
sleep 1
gone=1
for f in "$INST/zicha.exe" "$INST/uninstall.exe" "$INST/README.txt" "$STARTLNK" "$DESKLNK"; do
    [[ -e "$f" ]] && { bad "left behind by the uninstaller: $f"; gone=0; }
done
((gone)) && ok "uninstalled: program files and both shortcuts gone$([[ -d "$INST" ]] || echo ', folder removed')"
if wine reg query "$UNKEY" >/dev/null 2>&1; then bad "uninstall key still there"; else ok "uninstall key removed"; fi
if [[ -n "$db" && -f "$db" ]]; then
    ok "clerk's data kept: ${db#"$ROAMING"/} ($(wc -c <"$db") bytes)"
else
    bad "the uninstaller removed %APPDATA%\\zicha"
fi

# Windows 7: the installer says zicha needs Windows 10 and quits (exit 3).
if wine winecfg -v win7 >/dev/null 2>&1 && wineserver -w &&
    wine cmd /c ver 2>/dev/null | tr -d '\r' | grep -q '6\.1'; then
    old7="$LOCAL/Programs/zicha-win7"
    (wine "$SETUP" "/D=$(winpath "$old7")" >/dev/null 2>&1) &
    w7_pid=$!
    sleep 6
    import -window root "$OUT/installer-win7.png"
    w7_text="$(ocr "$OUT/installer-win7.png")"
    xdotool key Return || true
    w7_code=0
    wait "$w7_pid" || w7_code=$?
    if [[ $w7_code -eq 3 && ! -e "$old7/zicha.exe" ]] && grep -q '更高版本' <<<"$w7_text"; then
        ok "Windows 7 (winecfg -v win7): installer refuses, exit 3 ($OUT/installer-win7.png: ${w7_text:0:40})"
    else
        bad "Windows 7: installer exit $w7_code, OCR '${w7_text:0:60}', installed: $(ls "$old7" 2>/dev/null | head -3)"
    fi
    wine winecfg -v win10 >/dev/null 2>&1 || true
    wineserver -w
else
    skipped "Windows 7 refusal: this Wine cannot pretend to be Windows 7 (winecfg -v win7)"
fi

echo
echo "$pass passed, $fail failed, $skip skipped"
((fail == 0))
