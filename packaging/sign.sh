#!/usr/bin/env bash
# Signs Windows executables in place (Authenticode, SHA-256) with osslsigncode,
# when a certificate is given; packaging/build.sh calls it for zicha.exe, the
# uninstaller (from makensis) and zicha-setup.exe.
#
#   ZICHA_SIGN_PFX=证书.pfx ZICHA_SIGN_PASSWORD=… packaging/sign.sh FILE…
#
# ZICHA_SIGN_PFX        PKCS#12 file with the code-signing certificate and key
# ZICHA_SIGN_PASSWORD   its password (read through a pipe, never on the command line)
# ZICHA_SIGN_TIMESTAMP_URL  an RFC 3161 timestamp server (e.g. http://timestamp.digicert.com);
#                       used only when it answers within 10 s, else the file is
#                       signed without a timestamp and a warning says so (such a
#                       signature stops being valid when the certificate expires)
# Without ZICHA_SIGN_PFX it does nothing (exit 0).
set -euo pipefail

[[ -n "${ZICHA_SIGN_PFX:-}" ]] || exit 0
[[ -f "$ZICHA_SIGN_PFX" ]] || { echo "sign.sh: ZICHA_SIGN_PFX=$ZICHA_SIGN_PFX: no such file" >&2; exit 1; }
command -v osslsigncode >/dev/null || {
    echo "sign.sh: installing osslsigncode" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq osslsigncode >/dev/null
}

ts=()
url="${ZICHA_SIGN_TIMESTAMP_URL:-}"
if [[ -n "$url" ]]; then
    # Any HTTP answer will do: a timestamp server answers GET with an error page.
    if curl -s -o /dev/null --max-time 10 "$url"; then
        ts=(-ts "$url")
    else
        echo "sign.sh: warning: timestamp server $url does not answer; signing without a timestamp" >&2
    fi
fi

out=""
trap '[[ -z "$out" ]] || rm -f "$out"' EXIT
for file in "$@"; do
    out="$file.signed"
    rm -f "$out"
    printf '%s' "${ZICHA_SIGN_PASSWORD:-}" |
        osslsigncode sign -pkcs12 "$ZICHA_SIGN_PFX" -readpass - -h sha256 \
            -n "特种设备检验检测人员自查台账" "${ts[@]}" -in "$file" -out "$out" >/dev/null
    mv -f "$out" "$file"
    out=""
    echo "signed $(basename "$file")${ts:+ (timestamped)}"
done
