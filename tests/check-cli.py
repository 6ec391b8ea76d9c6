#!/usr/bin/env python3
"""check-cli.py: the command lines of `glasspane` and `glasspane-script`, as TAP.

    check-cli.py GLASSPANE GLASSPANE_SCRIPT VERSION

Options through GOptionContext / the runner's parser: --version, -h/--help listing every
option, --opt=value forms, usage errors on stderr with exit status 2 and nothing run or
written; the runner's script from standard input; the three ways to name a shard (1-based
K/N, 0-based index and count, Slurm's array variables) selecting the same rows; and
sweep{model = "nope"} naming the model. Expected rows worked out by hand: 8 points in 4
contiguous shards, shard 2 (1-based) is global rows 3 and 4."""
import os
import subprocess
import sys
import tempfile

glasspane, runner, version = sys.argv[1], sys.argv[2], sys.argv[3]
n = 0
failed = 0


def run(args, stdin=None, env=None):
    e = dict(os.environ)
    for k in list(e):
        if k.startswith("SLURM_"):
            del e[k]
    e.update(env or {})
    p = subprocess.run(args, input=stdin, capture_output=True, text=True, env=e, timeout=120)
    return p.returncode, p.stdout, p.stderr


def check(name, ok, detail=""):
    global n, failed
    n += 1
    print(("ok %d %s" if ok else "not ok %d %s") % (n, name))
    if not ok:
        failed += 1
        for line in str(detail).splitlines():
            print("# " + line)


def expect(name, args, status, out_has=(), err_has=(), stdin=None, env=None, out_empty=False):
    rc, out, err = run(args, stdin, env)
    ok = rc == status and all(s in out for s in out_has) and all(s in err for s in err_has)
    if out_empty:
        ok = ok and out == ""
    check(name, ok, "status %d (want %d)\nstdout: %s\nstderr: %s" % (rc, status, out, err))
    return out


tmp = tempfile.mkdtemp(prefix="gp-cli-")

# --- glasspane-script
for opt in ("-h", "--help"):
    expect("script %s lists every option" % opt, [runner, opt], 0,
           out_has=("--shard K/N", "--shard-index", "--shard-count", "--slurm-array",
                    "--version", "standard input"))
for opt in ("-v", "--version"):
    expect("script %s" % opt, [runner, opt], 0, out_has=("glasspane-script %s\n" % version,))
expect("script: an unknown option is a usage error", [runner, "--frobnicate", "x.lua"], 2,
       err_has=("unknown option '--frobnicate'", "--help"), out_empty=True)
expect("script: no script is a usage error", [runner], 2, err_has=("no script",))
expect("script: an option without its value", [runner, "--shard"], 2,
       err_has=("'--shard' needs a value",))

# A study that writes a file and prints the global rows of its sweep.
study = os.path.join(tmp, "study.lua")
with open(study, "w") as f:
    f.write('local f = glasspane.sweep{ model = "yield", x = { param = "area_mm2", '
            'from = 100, to = 800, n = 8 } }\n'
            'local out = assert(io.open(arg[1], "w")); out:write("ran\\n"); out:close()\n'
            'print("rows " .. table.concat(f.data.row, ","))\n')
marker = os.path.join(tmp, "written")

for args, what in ((["--shard", "0/4"], "0/4 (1-based form)"),
                   (["--shard=5/4"], "5/4"),
                   (["--shard", "2/0"], "2/0"),
                   (["--shard", "x/4"], "x/4"),
                   (["--shard-index", "4", "--shard-count", "4"], "index 4 of 4"),
                   (["--shard-index=-1", "--shard-count=4"], "index -1"),
                   (["--shard-index", "1"], "an index without a count"),
                   (["--shard", "1/2", "--shard-index", "0", "--shard-count", "2"], "two forms"),
                   (["--slurm-array"], "--slurm-array outside a job")):
    expect("script: shard %s is refused, nothing run" % what, [runner] + args + [study, marker],
           2, err_has=("glasspane-script:",), out_empty=True)
    check("script: shard %s wrote nothing" % what, not os.path.exists(marker))
expect("script: index out of range names the allowed range",
       [runner, "--shard-index", "4", "--shard-count", "4", study, marker], 2,
       err_has=("out of range: allowed [0, 3]",))

want = "rows 3,4\n"
expect("script --shard 2/4", [runner, "--shard", "2/4", study, marker], 0, out_has=(want,))
expect("script --shard=2/4", [runner, "--shard=2/4", study, marker], 0, out_has=(want,))
expect("script --shard-index 1 --shard-count 4", [runner, "--shard-index", "1",
       "--shard-count", "4", study, marker], 0, out_has=(want,))
expect("script --shard-index=1 --shard-count=4", [runner, "--shard-index=1",
       "--shard-count=4", study, marker], 0, out_has=(want,))
expect("script --slurm-array, 0-based array (--array=0-3, task 1)", [runner, "--slurm-array",
       study, marker], 0, out_has=(want,),
       env={"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "0",
            "SLURM_ARRAY_TASK_COUNT": "4"})
expect("script --slurm-array, 1-based array (--array=1-4, task 2)", [runner, "--slurm-array",
       study, marker], 0, out_has=(want,),
       env={"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "1",
            "SLURM_ARRAY_TASK_COUNT": "4"})
expect("script --slurm-array, task past the count", [runner, "--slurm-array", study, marker],
       2, err_has=("out of range",),
       env={"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "0",
            "SLURM_ARRAY_TASK_COUNT": "4"})
expect("script: no shard runs every row", [runner, study, marker], 0,
       out_has=("rows 1,2,3,4,5,6,7,8\n",))

expect("script - reads the script from standard input", [runner, "-", "a", "b"], 0,
       out_has=("stdin a b -\n",),
       stdin='print(table.concat({ "stdin", ... }, " ") .. " " .. arg[0])\n')
expect("script -- ends the options", [runner, "--", "-"], 0, out_has=("ok\n",),
       stdin='print("ok")\n')
expect('sweep{model = "nope"} names the model and lists the known ones', [runner, "-"], 1,
       err_has=("unknown model 'nope' (known: ",), stdin='glasspane.sweep{model = "nope"}\n')

# --- glasspane
expect("glasspane --version", [glasspane, "--version"], 0, out_has=("glasspane %s\n" % version,))
for opt in ("-h", "--help"):
    expect("glasspane %s lists every option" % opt, [glasspane, opt], 0,
           out_has=("--version", "--table", "--nodes", "--area", "--self-test", "--bench",
                    "--help"))
expect("glasspane: an unknown option is a usage error", [glasspane, "--frobnicate"], 2,
       err_has=("glasspane:", "--frobnicate", "--help"), out_empty=True)
expect("glasspane --table --area=203.5 (the --opt=value form)",
       [glasspane, "--table", "--area=203.5"], 0, out_has=("203.5",))
expect("glasspane --table --area 814 --area 100", [glasspane, "--table", "--area", "814",
       "--area", "100"], 0, out_has=("814.0", "100.0"))
expect("glasspane --table under de_DE keeps the decimal point",
       [glasspane, "--table", "--area", "203.5"], 0, out_has=(" 203.5 ",),
       env={"LC_ALL": "de_DE.UTF-8"})
expect("glasspane under a locale that is not installed says so and runs",
       [glasspane, "--version"], 0, out_has=("glasspane %s\n" % version,),
       err_has=("LC_ALL=xx_YY.UTF-8 is not installed",), env={"LC_ALL": "xx_YY.UTF-8"})
expect("glasspane --table --area abc", [glasspane, "--table", "--area", "abc"], 2,
       err_has=("not a number",))
expect("glasspane --area without --table", [glasspane, "--area", "5"], 2,
       err_has=("--table",))
expect("glasspane --self-test --bench", [glasspane, "--self-test", "--bench"], 2,
       err_has=("exclusive",))
expect("glasspane --table FILE", [glasspane, "--table", "x.lua"], 2, err_has=("no FILE",))

for f in os.listdir(tmp):
    os.unlink(os.path.join(tmp, f))
os.rmdir(tmp)
print("1..%d" % n)
sys.exit(1 if failed else 0)
