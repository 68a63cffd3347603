#!/usr/bin/env bash
# Issue 23's upload budget: the server's memory while 20 evidence uploads of
# 10 MiB are in flight at once (SQLite, release build), and that all 20 are
# stored. Prints the resident memory before and at its peak and the growth per
# upload in flight (budget: under 2 MiB); never fails on the figure. N=… and
# MIB=… change the count and the size.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p server --bin ekinerja >&2
BIN="${CARGO_TARGET_DIR:-target}/release/ekinerja" python3 - <<'PY'
"""Memory of the server while 20 uploads of 10 MiB are in flight (SQLite)."""
import http.client, json, os, shutil, subprocess, tempfile, threading, time, uuid

BIN = os.environ["BIN"]
PORT = 18093
d = tempfile.mkdtemp(prefix="bench-upload-")
env = dict(os.environ, DATABASE_URL=f"sqlite://{d}/e.db", PORT=str(PORT), EKINERJA_OBJEK=f"{d}/objek",
           EKINERJA_SECRET_FILE=f"{d}/secret", EKINERJA_DIST="/nonexistent", RUST_LOG="warn")
srv = subprocess.Popen([BIN, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def req(method, path, body=None, s=None, headers=None, raw=False):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    h = dict(headers or {})
    if s:
        h.update({"cookie": s["cookie"], "x-csrf-token": s["csrf"], "idempotency-key": str(uuid.uuid4())})
    if body is not None and not raw:
        body = json.dumps(body); h["content-type"] = "application/json"
    c.request(method, path, body=body, headers=h)
    r = c.getresponse(); data = r.read(); c.close()
    return r.status, (json.loads(data) if data and not raw else data), r

# The server and its folder go whatever happens (a failed run left them
# running, holding the port and filling the disk).
try:
    for _ in range(100):
        try:
            req("GET", "/api/v1/health"); break
        except Exception:
            time.sleep(0.1)

    def login(nip):
        st, body, r = req("POST", "/api/v1/auth/login", {"nip": nip, "password": "demo-ekinerja"})
        assert st == 200, (st, body)
        return {"cookie": r.getheader("set-cookie").split(";")[0], "csrf": body["csrf_token"]}

    peg, pen = login("198811232014022006"), login("198001102005012003")
    st, periods, _ = req("GET", "/api/v1/org/periode", s=peg)
    pid = [p for p in periods if p["tahun"] == 2026][0]["id"]
    rencana = {"pendekatan": "kuantitatif", "rhk": [{"id": "r1", "uraian": "Terlaksananya pelatihan", "jenis": "utama",
      "rhk_atasan_id": "", "perspektif": None, "indikator": [{"id": "i1", "uraian": "Persentase usulan diklat diproses",
      "aspek": "kuantitas", "target": "90", "target_maks": "", "satuan": "persen", "polaritas": "normal"}]}],
      "lampiran": {"dukungan_sumber_daya": ["SIASN"], "skema_pertanggungjawaban": ["Laporan"], "konsekuensi": ["Rekomendasi"]},
      "ekspektasi_khusus": []}
    st, skp, _ = req("POST", "/api/v1/skp", {"periode_id": pid, "rencana": rencana}, s=peg); assert st == 201, skp
    sid = skp["id"]
    assert req("POST", f"/api/v1/skp/{sid}/submit", {"version": 1}, s=peg)[0] == 200
    assert req("POST", f"/api/v1/skp/{sid}/approve", {"version": 2}, s=pen)[0] == 200

    SIZE = int(os.environ.get("MIB", "10")) * 1024 * 1024 - 1024
    blob = b"%PDF-1.7\n" + os.urandom(SIZE - 9)
    def upload(out, i):
        st, body, _ = req("POST", f"/api/v1/skp/{sid}/bukti?indikator_id=i1&evaluasi=periodik-1", blob, s=peg,
                          headers={"content-type": "application/pdf"}, raw=True)
        out[i] = (st, body)

    def rss():
        for line in open(f"/proc/{srv.pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])  # KiB

    # Warm up: one upload, removed again (a cell takes 20 files at most), then the baseline.
    o = [None]; upload(o, 0); assert o[0][0] == 201, o
    assert req("DELETE", f"/api/v1/bukti/{json.loads(o[0][1])['id']}", s=peg)[0] in (200, 204)
    time.sleep(0.5)
    base = rss()
    peak = base
    N = int(os.environ.get("N", "20"))
    out = [None] * N
    ts = [threading.Thread(target=upload, args=(out, i)) for i in range(N)]
    t0 = time.time()
    for t in ts: t.start()
    while any(t.is_alive() for t in ts):
        peak = max(peak, rss()); time.sleep(0.005)
    for t in ts: t.join()
    dt = time.time() - t0
finally:
    srv.terminate(); srv.wait()
    shutil.rmtree(d, ignore_errors=True)
for st, body in out:
    if st != 201:
        print(st, body[:300])
print(json.dumps({"statuses": sorted({st for st, _ in out}), "uploads": N, "size_mib": round(SIZE / 2**20, 2),
                  "rss_base_mib": round(base / 1024, 1), "rss_peak_mib": round(peak / 1024, 1),
                  "growth_per_upload_mib": round((peak - base) / 1024 / N, 2), "seconds": round(dt, 1)}))
PY
