#!/usr/bin/env bash
# A clerk at the keyboard, in a real window: enters a person key by key,
# corrects a date, resizes the window, closes it with unsaved edits and
# answers the question; then the CLI reads back what was stored.
#
# Not part of `cargo test` (it needs X): run it before resolving a GUI issue.
#   tests/gui/walkthrough.sh [path/to/zicha]     (default target/release/zicha)
# Needs: Xvfb, xdotool, imagemagick (import), python3-xlib (Debian packages).
# Screenshots go to $OUT (default /tmp/zicha-walkthrough).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${1:-target/release/zicha}"
[[ -x "$BIN" ]] || { echo "no program at $BIN (cargo build --release)" >&2; exit 1; }
OUT="${OUT:-/tmp/zicha-walkthrough}"
DISPLAY_NUM="${DISPLAY_NUM:-:97}"
rm -rf "$OUT"; mkdir -p "$OUT"
DB="$OUT/台账.db"
export LANG=C.UTF-8

fail() { echo "FAIL: $*" >&2; exit 1; }
shot() { import -display "$DISPLAY_NUM" -window root "$OUT/$1.png"; echo "screenshot $OUT/$1.png"; }
pause() { sleep "${1:-0.6}"; }

"$BIN" --db "$DB" settings set 单位名称 "东营市示例特种设备检验检测院" >/dev/null
"$BIN" --db "$DB" settings set 核查基准日 2024-07-10 >/dev/null

Xvfb "$DISPLAY_NUM" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true; kill $APP 2>/dev/null || true' EXIT
export DISPLAY="$DISPLAY_NUM"
pause 1

"$BIN" --db "$DB" >"$OUT/app.log" 2>&1 &
APP=$!
WIN=""
for _ in $(seq 1 60); do
    WIN="$(xdotool search --class zicha 2>/dev/null | head -1 || true)"
    [[ -n "$WIN" ]] && break
    sleep 0.5
done
[[ -n "$WIN" ]] || fail "the window did not appear"
sleep 3  # the window is mapped a moment after it exists
xdotool windowsize "$WIN" 1024 700
xdotool windowmove "$WIN" 0 0
xdotool windowfocus "$WIN" || true
pause 2
shot 01-start-1024x700

type_slow() { xdotool type --delay 80 -- "$1"; pause 0.3; }
# xdotool types a Chinese character by remapping a key for it; quicker than
# this and the X server may read the next mapping (a tool limit, not ours).
type_chinese() { xdotool type --delay 300 -- "$1"; pause 0.3; }
key() { xdotool key --delay 120 "$@"; pause 0.3; }
click() { xdotool mousemove --sync "$1" "$2" click 1; pause 0.5; }
# The window manager's close button: WM_DELETE_WINDOW to the window.
close_request() {
    /usr/bin/python3 - "$WIN" <<'PY'
import sys
from Xlib import X, display, protocol
d = display.Display()
w = d.create_resource_object("window", int(sys.argv[1]))
proto = d.intern_atom("WM_PROTOCOLS")
delete = d.intern_atom("WM_DELETE_WINDOW")
ev = protocol.event.ClientMessage(window=w, client_type=proto,
                                  data=(32, [delete, X.CurrentTime, 0, 0, 0]))
w.send_event(ev, event_mask=X.NoEventMask)
d.flush()
PY
    pause 1.5
}

# 1. Ctrl+N puts the cursor in 姓名; Tab moves from field to field; the
#    drop-down 用工形式 takes the down arrow; keys go one by one.
key ctrl+n
type_chinese "王小明"
key Tab
type_slow "37050219900101123x"
key Tab
type_chinese "检验员岗"
key Tab
key Down           # 用工形式: （未填） → 全职
key Tab
type_slow "2020-03-01"
key Tab
type_slow "2024-05-31"
shot 02-typed-1024x700
key ctrl+s
pause 1
shot 03-saved

# 2. Correct 离职日期 in place (click, End, two Backspaces, two keys), then
#    close the window with the correction unsaved: the program asks, Enter
#    answers 保存 and the window closes.
click 650 478
key End BackSpace BackSpace
type_slow "30"
shot 04-corrected
close_request
kill -0 "$APP" 2>/dev/null || fail "the window closed without asking about the unsaved edit"
shot 05-close-asks
key Return
for _ in $(seq 1 20); do kill -0 "$APP" 2>/dev/null || break; sleep 0.5; done
kill -0 "$APP" 2>/dev/null && fail "保存 did not close the window"
wait "$APP" 2>/dev/null || true

"$BIN" --db "$DB" check --json >"$OUT/check.json"
/usr/bin/python3 - "$OUT/check.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["rows"]
assert len(rows) == 1, f"one person expected, got {len(rows)}"
r = rows[0]
print("stored:", r["name"], r["id_number"], "真实执业", r["practice"], r["reasons"])
assert r["name"] == "王小明", r["name"]
assert r["id_number"].upper() == "37050219900101123X", r["id_number"]
assert "已于2024年5月30日离职" in r["reasons"], r["reasons"]
PY
"$BIN" --db "$DB" export "$OUT/台账.xlsx" >/dev/null
echo "walkthrough passed: the CLI reads back what was typed (screenshots in $OUT)"
