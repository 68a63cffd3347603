#!/usr/bin/env python3
"""Trunk post_build hook: move every inline <script> of the staged index.html
into a content-hashed file, so the page satisfies `script-src 'self'`;
minify wasm-bindgen's JS glue (Trunk minifies the HTML and CSS, not it) and
update its integrity hash; write the app's service worker
(scripts/service-worker.mjs); then precompress the staged files
(scripts/precompress.mjs)."""
import base64
import hashlib
import os
import re
import subprocess
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("TRUNK_STAGING_DIR is not set: run this as a Trunk hook")
index = os.path.join(staging, "index.html")
# The build's public URL ("/" for the app, "/admin/" for the admin console).
public_url = os.environ.get("TRUNK_PUBLIC_URL") or "/"
if not public_url.endswith("/"):
    public_url += "/"
html = open(index, encoding="utf-8").read()
pattern = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


def replace(match):
    attrs, body = match.group("attrs"), match.group("body")
    if "src=" in attrs or not body.strip():
        return match.group(0)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    name = f"boot-{digest}.js"
    with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
        f.write(body)
    attrs = re.sub(r'\s(nonce|integrity)="[^"]*"', "", attrs)
    return f'<script{attrs} src="{public_url}{name}"></script>'


out, n = pattern.subn(replace, html)
print(f"extract_inline_scripts: {n} script tag(s) checked", file=sys.stderr)

# wasm-bindgen's glue, minified by terser (from npm, `make tools`). Its
# <link rel=modulepreload> carries an SRI hash, which must follow the content.
here = os.path.dirname(os.path.abspath(__file__))
terser = os.path.join(here, "..", "node_modules", ".bin", "terser")


def sri(path):
    return "sha384-" + base64.b64encode(hashlib.sha384(open(path, "rb").read()).digest()).decode()


for name in sorted(os.listdir(staging)):
    path = os.path.join(staging, name)
    if not name.endswith(".js") or name.startswith("boot-") or not os.path.isfile(path):
        continue
    before, size = sri(path), os.path.getsize(path)
    subprocess.run([terser, path, "--module", "--compress", "--mangle", "--output", path], check=True)
    if before in out:
        out = out.replace(before, sri(path))
    print(f"extract_inline_scripts: {name} minified, {size} → {os.path.getsize(path)} bytes", file=sys.stderr)
open(index, "w", encoding="utf-8").write(out)

# The app's service worker, from the final files (not for the admin
# console, which stays online only): before precompression, so sw.js gets
# its copies too.
if public_url == "/":
    subprocess.run(["node", os.path.join(here, "service-worker.mjs"), staging], check=True)

# Last, once every file is final: brotli and gzip copies for the server.
subprocess.run(["node", os.path.join(here, "precompress.mjs"), staging], check=True)
