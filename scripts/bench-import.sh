#!/usr/bin/env bash
# Times `ekinerja import --terapkan` of a generated, valid 100,000-row CSV on a
# fresh SQLite file with the release build (budget: 30 s), then the re-import
# of the same file (which must change nothing). Prints figures; never fails on
# time. ROWS=… changes the size. The generator is deterministic.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cargo build --release -p server --bin ekinerja >&2
bin=target/release/ekinerja

python3 - "$ROWS" > "$tmp/pegawai.csv" <<'PY'
import datetime, sys
n = int(sys.argv[1])
print("nip;nama;jenis_pegawai;jabatan;jenis_jabatan;unit;nip_atasan")
epoch = datetime.date(1970, 1, 1)
def nip(i):
    lahir = (epoch + datetime.timedelta(days=i // 500)).strftime("%Y%m%d")
    pppk = i % 50 == 49 and i > 1000  # leaders are PNS
    tmt = "202321" if pppk else "200501"
    return f"{lahir}{tmt}{1 + i % 2}{i % 500 + 1:03d}", pppk
BIDANG, SUBBAG = 20, 10             # 20 bidang, 10 subbagian each
kepala = nip(0)[0]
print(f"{kepala};Kepala Badan Bench;pns;Kepala Badan;jpt;Badan Bench;")
for b in range(BIDANG):
    i = 1 + b
    print(f"{nip(i)[0]};Kepala Bidang {b};pns;Kepala Bidang {b};administrasi;Bidang {b};{kepala}")
for b in range(BIDANG):
    for s in range(SUBBAG):
        i = 1 + BIDANG + b * SUBBAG + s
        print(f"{nip(i)[0]};Kepala Subbagian {b}.{s};pns;Kepala Subbagian;administrasi;Bidang {b}/Subbagian {s};{nip(1 + b)[0]}")
first = 1 + BIDANG + BIDANG * SUBBAG
for i in range(first, n):
    sub = (i - first) % (BIDANG * SUBBAG)
    b, s = divmod(sub, SUBBAG)
    atasan = nip(1 + BIDANG + sub)[0]
    no, pppk = nip(i)
    jenis = "pppk" if pppk else "pns"
    jj = "fungsional" if i % 3 == 0 else "pelaksana"
    print(f"{no};Pegawai Nomor {i};{jenis};Pengelola Data {i % 40};{jj};Bidang {b}/Subbagian {s};{atasan}")
PY
echo "generated $(($(wc -l < "$tmp/pegawai.csv") - 1)) rows ($(du -h "$tmp/pegawai.csv" | cut -f1))" >&2

export DATABASE_URL="sqlite://$tmp/bench.db"
export LOG_FORMAT=json
EKINERJA_ADMIN_PASSWORD=bench-sandi-panjang "$bin" create-admin --instansi BENCH --nama-instansi "Badan Bench" \
    --nip 196501011990031001 --nama "Admin Bench" >/dev/null

run() {
    local start end
    start=$(date +%s.%N)
    "$bin" import "$tmp/pegawai.csv" --instansi BENCH --terapkan > "$tmp/out.txt" 2>&1 || { cat "$tmp/out.txt" >&2; exit 1; }
    end=$(date +%s.%N)
    grep -E "dibuat|diubah|berubah" "$tmp/out.txt" | grep -v '^{' >&2 || true
    echo "$end - $start" | bc
}
first=$(run)
second=$(run)
printf 'import of %d rows, fresh SQLite, release: %.2f s (budget 30 s)\n' "$ROWS" "$first"
printf 're-import of the same file (changes nothing): %.2f s\n' "$second"
