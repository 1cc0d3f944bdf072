#!/bin/sh
# Issue 15's benchmark: the demo roster alone (b) and with 500 attachments of 1 MB on
# 10 persons (a), then the commands the clerk's start runs, timed side by side by
# farm-bench (a against b). Usage: examples/attachments_bench.sh ZICHA DIR
# (ZICHA: the binary to measure, e.g. target/release/zicha; DIR is emptied first).
set -eu
Z=$(realpath "$1")
D=$2
rm -rf "$D"
mkdir -p "$D/a" "$D/b" "$D/files"
"$Z" --db "$D/a/zicha.db" demo >/dev/null
"$Z" --db "$D/b/zicha.db" demo >/dev/null
i=0
for who in 王建国 张喆 李珺 刘昇 孙立新 周文博 吴海燕 郑凯 冯晓东 陈静; do
    set --
    for n in $(seq 1 50); do
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
farm-bench -n 15 -- "$Z" --db "$D/a/zicha.db" check --vs "$Z --db $D/b/zicha.db check"
echo "== zicha backup (backups/附件/ holds every file already)"
farm-bench -n 15 -- "$Z" --db "$D/a/zicha.db" backup --vs "$Z --db $D/b/zicha.db backup"
echo "== the day's first start (no backup today: every SHA-256, then the daily backup)"
# Today's database backups are removed before each run (the files in backups/附件/ stay).
first() {
    echo "find '$1/backups' -maxdepth 1 -name '*.db' -newermt today -delete; exec '$Z' --db '$1/zicha.db' check"
}
farm-bench -n 9 --timeout 600 -- sh -c "$(first "$D/a")" --vs "sh -c \"$(first "$D/b")\""
