#!/usr/bin/env python3
"""Trunk post_build hook: move every inline <script> of the staged index.html
into a content-hashed file, so the page satisfies `script-src 'self'`; in
the home build (public URL "/"), take in the other wasm builds
(scripts/build-spa.sh put them in .bundles/) and make its boot script open
the build the address names;
minify wasm-bindgen's JS glue (Trunk minifies the HTML and CSS, not it) and
update its integrity hash; write the app's service worker
(scripts/service-worker.mjs); then precompress the staged files
(scripts/precompress.mjs)."""
import base64
import hashlib
import json
import os
import re
import shutil
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
here = os.path.dirname(os.path.abspath(__file__))

# The other builds (app/src/page.rs `Bundle`), each in the folder its pages'
# paths start with: copied in whole (the server serves each folder, with its
# own index.html, under its path). The admin console stays online only: the
# boot script and the service worker leave it out.
ONLINE_ONLY = {"admin"}
builds = {}
if public_url == "/":
    bundles = os.path.join(here, "..", ".bundles")
    for name in sorted(os.listdir(bundles)) if os.path.isdir(bundles) else []:
        if not os.path.isfile(os.path.join(bundles, name, "index.html")):
            continue
        shutil.copytree(os.path.join(bundles, name), os.path.join(staging, name), dirs_exist_ok=True)
        if name in ONLINE_ONLY:
            continue
        boot = [f for f in os.listdir(os.path.join(bundles, name)) if f.startswith("boot-") and f.endswith(".js")]
        body = open(os.path.join(bundles, name, boot[0]), encoding="utf-8").read()
        builds[name] = [re.search(r"from '([^']+)'", body).group(1), re.search(r"module_or_path: '([^']+)'", body).group(1)]
    print(f"extract_inline_scripts: builds taken in: {', '.join(sorted(builds)) or 'none'} (and {', '.join(sorted(ONLINE_ONLY))})", file=sys.stderr)


def choose_build(body):
    """Trunk's loader of the home build, made to load the build whose folder
    is the path's first segment (a deep link opened from the service worker's
    one index.html, with no connection) and the home build otherwise."""
    js = re.search(r"from '([^']+)'", body).group(1)
    wasm = re.search(r"module_or_path: '([^']+)'", body).group(1)
    return (
        "// Which wasm build the address needs (app/src/page.rs `Bundle`).\n"
        f"const builds = new Map({json.dumps(list(builds.items()))});\n"
        f"const [js, wasmUrl] = builds.get(location.pathname.split('/')[1]) ?? {json.dumps([js, wasm])};\n"
        "const bindings = await import(js);\n"
        "const wasm = await bindings.default({ module_or_path: wasmUrl });\n"
        "window.wasmBindings = bindings;\n"
        'dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));\n'
    )


pattern = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


def replace(match):
    attrs, body = match.group("attrs"), match.group("body")
    if "src=" in attrs or not body.strip():
        return match.group(0)
    if builds and "TrunkApplicationStarted" in body:
        body = choose_build(body)
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

# The app's service worker, from the final files of every build but the
# admin console's (online only): before precompression, so sw.js gets
# its copies too.
if public_url == "/":
    subprocess.run(["node", os.path.join(here, "service-worker.mjs"), staging], check=True)

# Last, once every file is final: brotli and gzip copies for the server.
subprocess.run(["node", os.path.join(here, "precompress.mjs"), staging], check=True)
