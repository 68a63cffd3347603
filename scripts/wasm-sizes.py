#!/usr/bin/env python3
"""Where a wasm's bytes go: code size per crate (and the largest functions),
read from the name section rustc/wasm-ld leave in the unoptimised build.

    python3 scripts/wasm-sizes.py target/wasm32-unknown-unknown/wasm-release/app.wasm [top N] [crate filter]

A development aid for the first-load budget (`make size` gives the figure).
"""
import re
import sys
from collections import Counter


def leb(b, i):
    result = shift = 0
    while True:
        byte = b[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


def sections(b):
    i = 8
    while i < len(b):
        sid = b[i]
        size, j = leb(b, i + 1)
        yield sid, b[j:j + size]
        i = j + size


def name_of(payload):
    n, i = leb(payload, 0)
    return payload[i:i + n].decode(), i + n


def demangle(name):
    """Rust's legacy (`_ZN…E`) symbols as `a::b::c`; v0 (`_R…`) ones keep
    only what `crate_of` needs. Enough to sort bytes by crate."""
    if name.startswith('_ZN'):
        i, parts = 3, []
        while i < len(name) and name[i].isdigit():
            j = i
            while name[j].isdigit():
                j += 1
            n = int(name[i:j])
            parts.append(name[j:j + n])
            i = j + n
        if parts and re.fullmatch(r'h[0-9a-f]{16}', parts[-1]):
            parts.pop()
        text = '::'.join(parts)
        for a, b in (('$LT$', '<'), ('$GT$', '>'), ('$u20$', ' '), ('..', '::'), ('$RF$', '&'), ('$C$', ','),
                     ('$u7b$', '{'), ('$u7d$', '}'), ('$BP$', '*'), ('$u27$', "'"), ('$u5b$', '['), ('$u5d$', ']')):
            text = text.replace(a, b)
        return text
    if name.startswith('_R'):
        crates = re.findall(r'C[sa-zA-Z0-9]*?_(\d+)([a-z_][a-z0-9_]*)', name)
        return '::'.join(c for _, c in crates) + '::' if crates else name
    return name


def main():
    b = open(sys.argv[1], 'rb').read()
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    only = sys.argv[3] if len(sys.argv) > 3 else None
    imports = 0
    bodies = []
    names = {}
    totals = Counter()
    for sid, p in sections(b):
        totals[sid] += len(p)
        if sid == 2:
            n, i = leb(p, 0)
            for _ in range(n):
                for _ in range(2):
                    ln, i = leb(p, i)
                    i += ln
                kind = p[i]
                i += 1
                if kind == 0:
                    _, i = leb(p, i)
                    imports += 1
                elif kind == 1:
                    i += 1
                    flags, i = leb(p, i)
                    _, i = leb(p, i)
                    if flags & 1:
                        _, i = leb(p, i)
                elif kind == 2:
                    flags, i = leb(p, i)
                    _, i = leb(p, i)
                    if flags & 1:
                        _, i = leb(p, i)
                elif kind == 3:
                    i += 2
                else:
                    _, i = leb(p, i)
        elif sid == 10:
            n, i = leb(p, 0)
            for _ in range(n):
                size, j = leb(p, i)
                bodies.append(size + (j - i))
                i = j + size
        elif sid == 0:
            nm, i = name_of(p)
            if nm == 'name':
                while i < len(p):
                    sub = p[i]
                    size, j = leb(p, i + 1)
                    if sub == 1:
                        n, k = leb(p, j)
                        for _ in range(n):
                            idx, k = leb(p, k)
                            ln, k = leb(p, k)
                            names[idx] = p[k:k + ln].decode(errors='replace')
                            k += ln
                    i = j + size
    print(f"sections: code {totals[10]/1024:.1f} KB, data {totals[11]/1024:.1f} KB, file {len(b)/1024:.1f} KB")
    by_crate = Counter()
    funcs = []
    crate_re = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)::')
    for k, size in enumerate(bodies):
        name = demangle(names.get(imports + k, f'func{imports + k}'))
        m = crate_re.search(name)
        crate = m.group(1) if m else '?'
        by_crate[crate] += size
        if only is None or crate == only:
            funcs.append((size, name))
    for crate, size in by_crate.most_common(top):
        print(f"{size/1024:9.1f} KB  {crate}")
    print('--- largest functions' + (f' in {only}' if only else ''))
    for size, name in sorted(funcs, reverse=True)[:top]:
        print(f"{size/1024:9.1f} KB  {name[:160]}")


if __name__ == '__main__':
    main()
