#!/bin/sh
# check-install.sh: `meson install --destdir` into a temporary directory, then the installed
# programs and Lua module run from there (TAP):
#
#   check-install.sh BUILD_DIR PREFIX BINDIR LUA_CMOD_DIR DATADIR
#
# glasspane --version and glasspane-script find their own installed data (not the source
# tree's: GP_DATA_DIR is unset), `lua5.4 -e 'require "glasspane"'` loads the installed
# module through LUA_CPATH, the module exports luaopen_glasspane alone and does not link
# liblua, and the desktop file, metainfo, icons and man pages are in place.
set -u
build=$1 prefix=$2 bindir=$3 cmod=$4 datadir=$5
unset GP_DATA_DIR LUA_PATH LUA_CPATH
dest=$(mktemp -d "${TMPDIR:-/tmp}/gp-install-XXXXXX")
trap 'rm -rf "$dest"' EXIT
n=0 failed=0
check() { # NAME COMMAND...
  name=$1; shift
  n=$((n + 1))
  if out=$("$@" 2>&1); then
    echo "ok $n $name"
  else
    failed=$((failed + 1))
    echo "not ok $n $name"
    printf '%s\n' "$out" | sed 's/^/# /'
  fi
}

check "meson install --destdir" meson install -C "$build" --no-rebuild --quiet --destdir "$dest"
root=$dest$prefix
case $bindir in /*) bin=$dest$bindir ;; *) bin=$root/$bindir ;; esac
case $datadir in /*) share=$dest$datadir ;; *) share=$root/$datadir ;; esac
mod=$dest$cmod/glasspane.so

check "installed glasspane --version" sh -c "'$bin/glasspane' --version | grep -qx 'glasspane [0-9.]*'"
check "installed glasspane-script finds the installed data" sh -c \
  "echo 'print(glasspane.data_dir())' | '$bin/glasspane-script' - | grep -qx '$share/glasspane'"
check "installed glasspane-script runs a model from it" sh -c \
  "echo 'assert(#glasspane.presets(\"nodes\") > 0) print(\"ran\")' | '$bin/glasspane-script' - | grep -qx ran"
check "lua5.4 require \"glasspane\" from LUA_CPATH" sh -c \
  "LUA_CPATH='$dest$cmod/?.so' lua5.4 -e 'local g = require \"glasspane\" print(g.version, g.data_dir())' | grep -q '$share/glasspane\$'"
check "the module exports luaopen_glasspane alone" sh -c \
  "test \"\$(nm -D --defined-only '$mod' | awk '\$2 ~ /^[TDBRVWiu]\$/ {print \$3}')\" = luaopen_glasspane"
check "the module does not link liblua" sh -c "! readelf -d '$mod' | grep -q 'NEEDED.*liblua'"
for f in applications/org.glasspane.Glasspane.desktop metainfo/org.glasspane.Glasspane.metainfo.xml \
         icons/hicolor/scalable/apps/org.glasspane.Glasspane.svg \
         icons/hicolor/symbolic/apps/org.glasspane.Glasspane-symbolic.svg \
         man/man1/glasspane.1 man/man1/glasspane-script.1 glasspane/systems.lua \
         locale/de/LC_MESSAGES/glasspane.mo; do
  check "installed $f" test -s "$share/$f"
done
check "installed glasspane speaks German from the installed catalogue" sh -c \
  "env -u LC_ALL -u LC_MESSAGES GP_LOCALE_DIR='$share/locale' LANG=de_DE.UTF-8 LANGUAGE=de '$bin/glasspane' --help | grep -q 'Version ausgeben'"
check "no desktop/ copy in the data directory" test ! -e "$share/glasspane/desktop"
echo "1..$n"
[ "$failed" -eq 0 ]
