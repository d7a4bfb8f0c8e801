# Sourced (bash) by scripts/setup.sh and scripts/toolchain.sh: makes sure a Go toolchain new
# enough to build the pinned tools is on PATH. A machine without one (or with an older one) gets
# the pinned Go from the Go module proxy — the same toolchain zip `GOTOOLCHAIN=go1.x` fetches,
# checked against the SHA-256 recorded below — unpacked into the toolchain cache. No download site
# other than the module proxy is needed.
# shellcheck shell=bash

SEVENSA_GO_MIN=1.26.6
SEVENSA_GO_PINNED=1.26.8
# sha256 of golang.org/toolchain@v0.0.1-go<pinned>.linux-<arch>.zip as served by proxy.golang.org.
declare -A SEVENSA_GO_SHA256=(
  [amd64]=30c2b1bf7dcc88d3eb0a1364e47ddd9128edb3110a30e8a0ef61cd5856b31de7
  [arm64]=02b36b6787b3ac767668f630e2998df45a3b1f9ffee08d1bf3ef6487cd658d99
)

sevensa_go_ok() { # true when `go` on PATH is at least SEVENSA_GO_MIN
  local v
  v=$(go env GOVERSION 2>/dev/null) || return 1
  v=${v#go}
  [ "$(printf '%s\n%s\n' "$SEVENSA_GO_MIN" "$v" | sort -V | head -n1)" = "$SEVENSA_GO_MIN" ]
}

sevensa_ensure_go() {
  sevensa_go_ok && return 0
  local cache="${SEVENSA_TOOLCHAIN_CACHE:-$HOME/.cache/sevensa-toolchain}"
  local dir="$cache/go-$SEVENSA_GO_PINNED"
  if [ ! -x "$dir/bin/go" ]; then
    local arch
    case "$(uname -m)" in
      x86_64) arch=amd64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *) echo "[go] no pinned Go for $(uname -m); install Go >= $SEVENSA_GO_MIN" >&2; return 1 ;;
    esac
    local proxy="${GOPROXY:-https://proxy.golang.org}"
    proxy=${proxy%%,*}
    [ "$proxy" = direct ] || [ "$proxy" = off ] && proxy=https://proxy.golang.org
    local mod="v0.0.1-go$SEVENSA_GO_PINNED.linux-$arch"
    local tmp
    tmp=$(mktemp -d)
    echo "[go] Go >= $SEVENSA_GO_MIN not on PATH; fetching go$SEVENSA_GO_PINNED ($arch) from $proxy" >&2
    if ! curl -fsSL --retry 3 -o "$tmp/go.zip" "$proxy/golang.org/toolchain/@v/$mod.zip"; then
      rm -rf "$tmp"; echo "[go] download failed; install Go >= $SEVENSA_GO_MIN" >&2; return 1
    fi
    if [ "$(sha256sum "$tmp/go.zip" | cut -d' ' -f1)" != "${SEVENSA_GO_SHA256[$arch]}" ]; then
      rm -rf "$tmp"; echo "[go] checksum mismatch for $mod.zip; refusing it" >&2; return 1
    fi
    (cd "$tmp" && unzip -q go.zip) || { rm -rf "$tmp"; echo "[go] unzip failed (is unzip installed?)" >&2; return 1; }
    chmod +x "$tmp/golang.org/toolchain@$mod"/bin/* "$tmp/golang.org/toolchain@$mod"/pkg/tool/*/* 2>/dev/null || true
    mkdir -p "$cache"
    rm -rf "$dir"
    mv "$tmp/golang.org/toolchain@$mod" "$dir"
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  sevensa_go_ok || { echo "[go] $dir/bin/go does not run" >&2; return 1; }
  echo "[go] using $(go env GOVERSION) from $dir" >&2
}
