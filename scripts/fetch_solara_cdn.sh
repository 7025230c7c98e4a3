#!/usr/bin/env bash
# Fill a Solara CDN-proxy cache dir from the npm registry, so `solara run` works offline
# (Solara otherwise fetches its JS/CSS from jsdelivr at run time). Mesa 3.3 needs ipyvue<3,
# whose app shell is @widgetti/solara-vuetify-app@10. No-op for packages already present.
# usage: fetch_solara_cdn.sh DIR ; then export SOLARA_ASSETS_PROXY_CACHE_DIR=DIR
set -euo pipefail
dir=${1:?usage: fetch_solara_cdn.sh DIR}
pkgs=(
  "@widgetti/solara-vuetify-app@10.1.1"
  "@widgetti/vue-grid-layout@2.3.13-alpha.2"
  "requirejs@2.3.6"
  "font-awesome@4.5.0"
)
command -v npm >/dev/null || { echo "fetch_solara_cdn.sh: npm not found; browser app assets unavailable" >&2; exit 0; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$dir"
for spec in "${pkgs[@]}"; do
  [ -d "$dir/$spec" ] && continue
  tgz=$(cd "$tmp" && npm pack --silent "$spec" | tail -1)
  mkdir -p "$tmp/x" "$(dirname "$dir/$spec")"
  tar xzf "$tmp/$tgz" -C "$tmp/x"
  mv "$tmp/x/package" "$dir/$spec"
  rm -rf "$tmp/x"
done
