#!/bin/sh
# Issue 15's benchmark: the demo roster alone (b) and with 500 attachments of 1 MB on
# 10 persons (a), then the commands the clerk's start runs, timed side by side by
# farm-bench (a against b). Usage: examples/attachments_bench.sh ZICHA DIR
# (ZICHA: the binary to measure, e.g. target/release/zicha; DIR: a new folder, or one
# this script made before, which it empties; no spaces or quotes in it;
# PER=2 attaches 2 files a person instead of 50, to try the script).
set -eu
Z=$(realpath "$1")
D=$(realpath -m "$2")
case "$D" in
*[[:space:]\'\"]*) echo "DIR must have no spaces or quotes: $D" >&2; exit 2 ;;
esac
# Emptied only when this script made it (its marker is there), never another folder.
if [ -e "$D" ] && [ ! -e "$D/.attachments_bench" ]; then
    echo "$D exists and was not made by this script: give a new folder" >&2
    exit 2
fi
rm -rf "$D"
mkdir -p "$D"
touch "$D/.attachments_bench"
mkdir -p "$D/a" "$D/b" "$D/files"
"$Z" --db "$D/a/zicha.db" demo >/dev/null
"$Z" --db "$D/b/zicha.db" demo >/dev/null
i=0
for who in 王建国 张喆 李珺 刘昇 孙立新 周文博 吴海燕 郑凯 冯晓东 陈静; do
    set --
    for n in $(seq 1 "${PER:-50}"); do
        i=$((i + 1))
        f="$D/files/$who-$n.pdf"
        { printf '%%PDF-1.4\n'; head -c 1048567 /dev/urandom; } >"$f"
        set -- "$@" "$f"
    done
    "$Z" --db "$D/a/zicha.db" attach "$who" "$@" --kind 其他 >/dev/null
done
rm -rf "$D/files"
echo "attached $i files: $(du -sh "$D/a/zicha.附件" | cut -f1)"
# The first backup of the files (hash and copy them once), then the rest runs warm.
/usr/bin/time -f "first backup: a %e s" "$Z" --db "$D/a/zicha.db" backup >/dev/null
/usr/bin/time -f "first backup: b %e s" "$Z" --db "$D/b/zicha.db" backup >/dev/null
echo "== zicha check (the day's backup made: open, size check of every file, check)"
farm-bench -n 15 --vs "$Z --db $D/b/zicha.db check" -- "$Z" --db "$D/a/zicha.db" check
echo "== zicha backup (backups/附件/ holds every file already)"
farm-bench -n 15 --vs "$Z --db $D/b/zicha.db backup" -- "$Z" --db "$D/a/zicha.db" backup
echo "== the day's first start (no backup today: the day's share of the SHA-256s, then the daily backup)"
# Before each run, today's database backups are made yesterday's (the files in backups/附件/
# stay): the start is then the first of a day that follows a day with a start.
today=$(date +%Y%m%d)
yesterday=$(date -d yesterday +%Y%m%d)
for x in a b; do
    cat >"$D/first-$x.sh" <<END
for f in '$D/$x/backups'/zicha-$today-*.db; do
    [ -e "\$f" ] && mv "\$f" "\$(echo "\$f" | sed 's/-$today-/-$yesterday-/')"
done
exec '$Z' --db '$D/$x/zicha.db' check
END
done
farm-bench -n 9 --timeout 600 --vs "sh $D/first-b.sh" -- sh "$D/first-a.sh"
