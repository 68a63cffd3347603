#!/usr/bin/env bash
# The app's wasm builds (app/src/page.rs `Bundle`), so that no first load
# carries a page it does not show: each other build first, into
# .bundles/<dir> with the public URL /<dir>/, then the home build at the
# root, whose post-build hook (scripts/extract_inline_scripts.py) takes
# them in, gives its boot script the choice of build by path, and writes
# the service worker over all of them but the admin console's.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .bundles
mkdir -p .bundles
for dir in skp penilai hasil unit realisasi evaluasi nilai ; do
  # The same page as index.html, with this build's bin.
  sed -e "s|data-bin=\"app\"|data-bin=\"$dir\"|" -e 's|href="app|href="../app|g' index.html >".bundles/$dir.html"
  trunk build ".bundles/$dir.html" --release --offline --dist ".bundles/$dir" --public-url "/$dir/"
done
trunk build admin.html --release --offline --dist .bundles/admin --public-url /admin/
trunk build --release --offline
