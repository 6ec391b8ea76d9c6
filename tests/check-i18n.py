#!/usr/bin/env python3
"""check-i18n.py SRC PODIR GLASSPANE: the translations reach the program and cover it (TAP).

- every string marked in the files of po/POTFILES.in (extracted afresh with xgettext, the
  keywords of meson's glib preset) has a translation in every .po of LINGUAS (msgcmp), and
  each .po passes `msgfmt --check`;
- the program looks its messages up in the built catalogue: `glasspane --help` under
  LANGUAGE=de with GP_LOCALE_DIR pointed at the build's po/ prints the German option text
  (known string: "Print the version and exit" -> "Version ausgeben und beenden"), and in the
  C locale the English one; a usage error is German on stderr and still exits 2."""
import os
import shutil
import subprocess
import sys
import tempfile

src, podir, glasspane = sys.argv[1:4]
n = 0
bad = 0


def check(name, ok, detail=""):
    global n, bad
    n += 1
    print(("ok %d %s" if ok else "not ok %d %s") % (n, name))
    if not ok:
        bad += 1
        for line in (detail or "").strip().splitlines()[-25:]:
            print("# " + line)


def skip(name, why):
    global n
    n += 1
    print("ok %d %s # SKIP %s" % (n, name, why))


langs = [l.strip() for l in open(os.path.join(src, "po", "LINGUAS"))
         if l.strip() and not l.startswith("#")]

# ---- coverage: a fresh template against each .po ----
if shutil.which("xgettext") and shutil.which("msgcmp") and shutil.which("msgfmt"):
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "glasspane.pot")
        r = subprocess.run(
            ["xgettext", "--package-name=glasspane", "-p", tmp, "-f",
             os.path.join("po", "POTFILES.in"), "-D", src, "-o", "glasspane.pot",
             "--from-code=UTF-8", "--add-comments", "--keyword=_", "--keyword=N_",
             "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=g_dcgettext:2",
             "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
             "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
             "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
             "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
             "--flag=g_string_append_printf:2:c-format", "--flag=g_error_new:3:c-format",
             "--flag=g_set_error:4:c-format"],
            cwd=src, capture_output=True, text=True)
        check("xgettext extracts the marked strings", r.returncode == 0 and os.path.exists(pot),
              r.stderr)
        for lang in langs:
            po = os.path.join(src, "po", lang + ".po")
            r = subprocess.run(["msgfmt", "--check", "-o", os.devnull, po],
                               capture_output=True, text=True)
            check("%s.po passes msgfmt --check" % lang, r.returncode == 0, r.stderr)
            r = subprocess.run(["msgcmp", po, pot], capture_output=True, text=True)
            check("%s.po translates every marked string" % lang, r.returncode == 0, r.stderr)
else:
    skip("xgettext extracts the marked strings", "gettext tools not installed")

# ---- the program's lookup ----
base = {k: v for k, v in os.environ.items()
        if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
base["GP_LOCALE_DIR"] = podir
mo = os.path.join(podir, "de", "LC_MESSAGES", "glasspane.mo")
check("the German catalogue is built into the build's po/", os.path.exists(mo), mo)


def run(args, **env):
    e = dict(base)
    e.update(env)
    return subprocess.run([glasspane] + args, env=e, capture_output=True, text=True,
                          timeout=60)


r = run(["--help"], LANG="de_DE.UTF-8", LANGUAGE="de")
check("--help under LANGUAGE=de is German",
      r.returncode == 0 and "Version ausgeben und beenden" in r.stdout, r.stdout + r.stderr)
check("--help under LANGUAGE=de still lists every option",
      all(o in r.stdout for o in ("--version", "--table", "--nodes", "--area", "--self-test",
                                  "--bench", "--help")), r.stdout)
r = run(["--help"], LANG="C")
check("--help in the C locale is English",
      r.returncode == 0 and "Print the version and exit" in r.stdout, r.stdout + r.stderr)
r = run(["--table", "--bench"], LANG="de_DE.UTF-8", LANGUAGE="de")
check("a usage error is German on stderr and exits 2",
      r.returncode == 2 and "schließen einander aus" in r.stderr and r.stdout == "",
      "status %d\n%s" % (r.returncode, r.stderr))
print("1..%d" % n)
sys.exit(1 if bad else 0)
