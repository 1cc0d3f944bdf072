#!/usr/bin/env bash
# Retakes docs/screenshots/ from the demo roster in a real window under Xvfb:
# every screen at 1920×1080 (NAME.png) and at 1024×700 (NAME-1024.png).
#   tests/gui/screenshots.sh [path/to/zicha]     (default target/release/zicha)
# Needs Xvfb, xdotool, imagemagick. Click positions are those of the demo
# roster's layout at each size; look at every picture after a layout change.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${1:-target/release/zicha}"
OUT=docs/screenshots
D="${DISPLAY_NUM:-:96}"
Xvfb "$D" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true; pkill -f "$BIN --demo" || true' EXIT
export DISPLAY="$D"
sleep 1

# take SIZE SUFFIX NAV_X NAV_Y0 NAV_STEP ROW_X ROW_Y TAB_X TAB_Y
take() {
    local w=$1 h=$2 suffix=$3 nx=$4 ny=$5 step=$6 rx=$7 ry=$8 tx=$9 ty=${10}
    "$BIN" --demo >/dev/null 2>&1 &
    local app=$! win=""
    for _ in $(seq 1 60); do
        win="$(xdotool search --class zicha 2>/dev/null | head -1 || true)"
        [[ -n "$win" ]] && break
        sleep 0.5
    done
    sleep 3  # the window is mapped a moment after it exists
    xdotool windowsize "$win" "$w" "$h"; xdotool windowmove "$win" 0 0
    xdotool windowfocus "$win" || true; sleep 2
    shot() { sleep 1.5; import -window root -crop "${w}x${h}+0+0" +repage "$OUT/$1$suffix.png"; }
    nav() { xdotool mousemove "$nx" $((ny + $1 * step)) click 1; }
    shot roster-all
    xdotool mousemove "$rx" "$ry" click 1; shot roster
    xdotool mousemove "$tx" "$ty" click 1; shot results
    nav 1; shot summary
    nav 2; shot io
    nav 3; shot backup
    nav 4; shot settings
    kill "$app"; wait "$app" 2>/dev/null || true
}
take 1920 1080 "" 75 61 38 241 158 1428 49
take 1024 700 "-1024" 75 82 38 240 245 582 70
echo "screenshots in $OUT"
