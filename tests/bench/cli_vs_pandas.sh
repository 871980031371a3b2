#!/usr/bin/env bash
# Folded into cli_vs_peers.sh, which measures levex-cli against polars, DuckDB and (when Debian's
# python3-pandas is installed) pandas in one run, with the same arguments: [CLI] [POSITIONS].
exec "$(dirname "$0")/cli_vs_peers.sh" "$@"
