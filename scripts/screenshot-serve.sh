#!/usr/bin/env bash
# Takes a screenshot of a scenario page of `samkalk serve`, to look at the web app without a
# browser session:
#
#   scripts/screenshot-serve.sh [OUT.png] [SCENARIO-ID] [QUERY]
#
#   OUT.png       where the screenshot goes (default: serve-screenshot.png)
#   SCENARIO-ID   a file name in Scenarios/ without .xml (default: porten-2016-2018)
#   QUERY         changed assumptions, e.g. 'apply=1&deadweight=25' (default: none, the plain page)
#
# Installs chromium from Debian when it is missing (apt-get update && apt-get install -y chromium;
# needs root or sudo), builds and starts `swift run samkalk serve --port 0` (any free loopback
# port, read from the server's first line), waits for it, takes the screenshot with headless
# chromium at 1280×2000, and stops the server. Only 127.0.0.1 is ever contacted.
set -euo pipefail

cd "$(dirname "$0")/.."
out=${1:-serve-screenshot.png}
id=${2:-porten-2016-2018}
query=${3:-}

if ! command -v chromium >/dev/null 2>&1; then
  echo "chromium is missing: installing it from Debian" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
  $sudo apt-get update
  $sudo apt-get install -y chromium
fi

swift build --product samkalk >&2
log=$(mktemp)
profile=$(mktemp -d)
swift run --skip-build samkalk serve --host 127.0.0.1 --port 0 >"$log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$log" "$profile"
}
trap cleanup EXIT

# The server prints "samkalk serve: http://127.0.0.1:PORT/ (…)" once it listens.
base=""
for _ in $(seq 1 120); do
  base=$(sed -n 's|^samkalk serve: \(http://127\.0\.0\.1:[0-9]*/\).*|\1|p' "$log" | head -n 1)
  if [ -n "$base" ]; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$log" >&2
    echo "error: the server stopped before it listened" >&2
    exit 1
  fi
  sleep 0.5
done
if [ -z "$base" ]; then
  cat "$log" >&2
  echo "error: the server did not start within 60 s" >&2
  exit 1
fi

url="${base}scenario/${id}${query:+?$query}"
status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
if [ "$status" != 200 ]; then
  echo "error: $url answered $status" >&2
  exit 1
fi

chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --screenshot="$out" --window-size=1280,2000 "$url" >&2 2>/dev/null
echo "wrote $out ($url)"
