#!/usr/bin/env bash
# The server's module graph, and a check that it has no cycle.
#
# One node per top-level module of server/src (`db`, `auth`, `routes`, …;
# lib.rs and main.rs are the root). An edge `a b` means a file of module `a`
# names `crate::b` outside a comment (a `use`, a path in code, or one item
# of `use crate::{…}`; a name re-exported by lib.rs, such as
# `crate::Application`, counts as its module). The edges are printed, then
# sorted with tsort(1): a cycle is reported and the script exits 1.
#
# The layers the code follows (STYLE.md): routes → auth / idempotency → db →
# domain, with `state` only holding things. Beyond "no cycle", the database
# layer is checked to know nothing of HTTP: no module of server/src/db names
# axum, http, or a module above it.
#
# Usage: scripts/module-deps.sh [path/to/server/src]   (needs bash, grep, sed, awk, tsort)
set -euo pipefail

src=${1:-"$(cd "$(dirname "$0")/.." && pwd)/server/src"}
cd "$src"

# Names lib.rs re-exports from a module (`pub use startup::{Application, app};`), as "name module".
reexports=$(sed -n 's/^pub use \([a-z_][a-z0-9_]*\)::{\{0,1\}\([^};]*\)}\{0,1\};.*/\1 \2/p' lib.rs |
  awk '{ m = $1; $1 = ""; n = split($0, names, /[ ,]+/); for (i = 1; i <= n; i++) if (names[i] != "") print names[i], m }')

edges=$(
  find . -name '*.rs' | sort | while read -r f; do
    rel=${f#./}
    case $rel in lib.rs | main.rs) continue ;; esac
    from=${rel%%/*}
    from=${from%.rs}
    # Code only: drop line comments (also `///` and `//!` docs) and trailing ones.
    sed -e 's://.*$::' "$f" |
      grep -oE 'crate::(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)' |
      sed -e 's/^crate:://' -e 's/[{}]//g' | tr ',' '\n' | sed -e 's/^ *//' -e 's/::.*//' -e 's/ .*//' |
      grep -v '^$' | while read -r name; do
        to=$name
        if [[ $name =~ ^[A-Z] || ! -e "$name.rs" && ! -d "$name" ]]; then
          to=$(awk -v n="$name" '$1 == n { print $2; exit }' <<<"$reexports")
        fi
        if [[ -n $to && $to != "$from" ]]; then
          echo "$from $to"
        fi
      done
  done | sort -u
)

echo "# server module edges (from → to)"
echo "$edges"

status=0
# tsort lists the nodes in dependency order, or says where a loop is.
if ! order=$( (echo "$edges"; awk '{ print $1, $1; print $2, $2 }' <<<"$edges") | tsort 2>&1 >/dev/null); then
  status=1
fi
if [[ -n $order ]]; then
  echo "CYCLE among the server's modules:" >&2
  echo "$order" >&2
  status=1
fi

# The database layer knows nothing of HTTP nor of the layers above it.
if offenders=$(grep -rnE '(\baxum::|\bhttp::|crate::(routes|auth|idempotency|state|error|extract|startup|import)\b)' db \
  | grep -vE '^[^:]+:[0-9]+:\s*//'); then
  echo "db names HTTP or a layer above it:" >&2
  echo "$offenders" >&2
  status=1
fi

if [[ $status == 0 ]]; then
  echo "# no cycle; db is below HTTP"
fi
exit $status
