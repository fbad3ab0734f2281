#!/usr/bin/env bash
# Installs the Debian packages a command of this project needs and the machine lacks, so `npm test`,
# `npm run try` and CI each set themselves up on a fresh machine (the same list everywhere):
#   test  Chromium (the browser the VS Code end-to-end tests drive), the Kerberos headers code-server's native
#         module builds against, the PostgreSQL server binaries of the local stack, openssl (its TLS listener),
#         Neovim (test/lsp/neovim.test.ts drives its built-in LSP client)
#   try   the Kerberos headers (code-server)
# As root it runs apt-get; otherwise it prints the command to run and goes on (the step that needs a package
# then says what is missing).
set -euo pipefail

missing=()
need_command() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need_package() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }

case "${1:-test}" in
  test)
    need_command chromium chromium
    need_package libkrb5-dev
    ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
    need_command openssl openssl
    need_command nvim neovim
    ;;
  try)
    need_package libkrb5-dev
    ;;
  *)
    echo "usage: $0 [test|try]" >&2
    exit 2
    ;;
esac

[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: missing Debian packages: ${missing[*]} — install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 0
fi
echo "setup: installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
