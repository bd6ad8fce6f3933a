#!/usr/bin/env python3
"""Verify the Corazy Arcade problem catalogue and dictation snippets.

Authoring tool: it compiles and runs programs with the host toolchains,
WITHOUT a sandbox. Only run it on code you trust (the catalogue itself).

    python3 verify.py                   # everything
    python3 verify.py --problem a-plus-b --problem lis
    python3 verify.py --problems-only   # skip dictations
    python3 verify.py --dictations-only
    python3 verify.py --regen --problem lis   # generator.py + C++ reference
                                              # rewrite tests/*.out, then verify

Exit status 0 when every check passes, 1 otherwise.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.abspath(__file__))
PROBLEMS = os.path.join(ROOT, "problems")
DICTATIONS = os.path.join(ROOT, "dictations")

LANGS = ["python", "java", "c", "cpp", "javascript"]
EXT = {"python": "py", "java": "java", "c": "c", "cpp": "cpp",
       "javascript": "js"}
EXT_LANG = {v: k for k, v in EXT.items()}
SOURCE_NAME = {"python": "main.py", "java": "Main.java", "c": "main.c",
               "cpp": "main.cpp", "javascript": "main.js"}
TAGS = {"math", "implementation", "sorting", "greedy", "binary-search",
        "prefix-sum", "two-pointers", "stack-queue", "graph-traversal",
        "shortest-path", "union-find", "dp", "string"}
DIFFICULTIES = {"easy", "medium", "hard"}
VERDICTS = {"WRONG_ANSWER", "TIME_LIMIT_EXCEEDED", "RUNTIME_ERROR",
            "MEMORY_LIMIT_EXCEEDED", "COMPILE_ERROR"}
MAX_TEST_BYTES = 2 * 1024 * 1024
TEXT_FILES = ["statement.md", "input.md", "output.md"]


# --------------------------------------------------------------- reporting
class Report:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def error(self, where, msg):
        self.errors.append("%s: %s" % (where, msg))
        print("  FAIL %s: %s" % (where, msg), flush=True)

    def warn(self, where, msg):
        self.warnings.append("%s: %s" % (where, msg))
        print("  warn %s: %s" % (where, msg), flush=True)


# ---------------------------------------------------------------- checkers
def _lines(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [ln.rstrip() for ln in text.split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def check_output(checker, expected, got):
    """Return (ok, message)."""
    kind = checker.get("type", "exact")
    if kind == "exact":
        e, g = _lines(expected), _lines(got)
        if e == g:
            return True, ""
        for i in range(max(len(e), len(g))):
            a = e[i] if i < len(e) else "<EOF>"
            b = g[i] if i < len(g) else "<EOF>"
            if a != b:
                return False, "line %d: expected %r, got %r" % (
                    i + 1, a[:60], b[:60])
        return False, "differs"
    e, g = expected.split(), got.split()
    if len(e) != len(g):
        return False, "expected %d tokens, got %d" % (len(e), len(g))
    if kind == "tokens":
        for i, (a, b) in enumerate(zip(e, g)):
            if a != b:
                return False, "token %d: expected %r, got %r" % (
                    i + 1, a[:40], b[:40])
        return True, ""
    if kind == "float":
        abs_err = float(checker.get("absError", 1e-6))
        rel_err = float(checker.get("relError", 1e-6))
        for i, (a, b) in enumerate(zip(e, g)):
            try:
                fa, fb = float(a), float(b)
            except ValueError:
                if a != b:
                    return False, "token %d: expected %r, got %r" % (
                        i + 1, a[:40], b[:40])
                continue
            if fb != fb or abs(fa - fb) > max(abs_err, rel_err * abs(fa)):
                return False, "token %d: expected %s, got %s" % (
                    i + 1, a, b)
        return True, ""
    return False, "unknown checker %r" % kind


# ------------------------------------------------------------- toolchains
def compile_source(lang, src, workdir):
    """Compile src into workdir. Return (argv, error_text or None)."""
    os.makedirs(workdir, exist_ok=True)
    if lang == "python":
        dst = os.path.join(workdir, "main.py")
        shutil.copy(src, dst)
        r = subprocess.run([sys.executable, "-m", "py_compile", dst],
                           capture_output=True, text=True)
        if r.returncode:
            return None, r.stderr
        return ["python3", dst], None
    if lang == "javascript":
        dst = os.path.join(workdir, "main.js")
        shutil.copy(src, dst)
        r = subprocess.run(["node", "--check", dst], capture_output=True,
                           text=True)
        if r.returncode:
            return None, r.stderr
        return ["node", dst], None
    if lang == "java":
        dst = os.path.join(workdir, "Main.java")
        shutil.copy(src, dst)
        r = subprocess.run(["javac", "-encoding", "UTF-8", "-d", workdir,
                            dst], capture_output=True, text=True)
        if r.returncode:
            return None, r.stderr
        return ["java", "-Xss64m", "-XX:+UseSerialGC", "-cp", workdir,
                "Main"], None
    if lang in ("c", "cpp"):
        exe = os.path.join(workdir, "main")
        if lang == "c":
            cmd = ["gcc", "-O2", "-std=gnu11", "-o", exe, src, "-lm"]
        else:
            cmd = ["g++", "-O2", "-std=gnu++17", "-o", exe, src]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode:
            return None, r.stderr
        return [exe], None
    return None, "unknown language %s" % lang


class RunResult:
    def __init__(self, wall, cpu, rss_mb, code, killed, out, err):
        self.wall, self.cpu, self.rss_mb = wall, cpu, rss_mb
        self.code, self.killed, self.out, self.err = code, killed, out, err


def run(argv, stdin_path, kill_after, cwd=None):
    """Run argv with stdin from a file; kill after kill_after seconds."""
    with tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        fi = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        try:
            start = time.monotonic()
            p = subprocess.Popen(argv, stdin=fi, stdout=fo, stderr=fe,
                                 cwd=cwd, start_new_session=True)
            killed = []

            def kill():
                killed.append(True)
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            timer = threading.Timer(kill_after, kill)
            timer.start()
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.monotonic() - start
            timer.cancel()
            p.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdin_path:
                fi.close()
        fo.seek(0)
        fe.seek(0)
        out = fo.read().decode("utf-8", "replace")
        err = fe.read().decode("utf-8", "replace")
    return RunResult(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0,
                     p.returncode, bool(killed), out, err)


def judge(argv, tests, meta, stop_on_fail, slack=1.0):
    """Run argv on every (name, in, out). Return (verdict, details, times)."""
    tl = meta["timeLimitMs"] / 1000.0 * slack
    ml = meta["memoryLimitMb"]
    times = []
    first_bad = None
    for name, fin, fout in tests:
        r = run(argv, fin, kill_after=max(tl * 2, tl + 1))
        # min(CPU, wall): robust both to a busy machine (wall inflates) and
        # to the JVM's helper threads (CPU exceeds wall).
        used = min(r.cpu, r.wall)
        times.append((used, name))
        verdict = None
        msg = ""
        if r.killed or used > tl:
            verdict, msg = "TIME_LIMIT_EXCEEDED", "%.2fs" % used
        elif r.code != 0:
            verdict = "RUNTIME_ERROR"
            msg = "exit %s: %s" % (r.code, r.err.strip()[-200:])
        elif r.rss_mb > ml:
            verdict, msg = "MEMORY_LIMIT_EXCEEDED", "%.0f MB" % r.rss_mb
        else:
            with open(fout, encoding="utf-8") as f:
                ok, msg = check_output(meta["checker"], f.read(), r.out)
            if not ok:
                verdict = "WRONG_ANSWER"
        if verdict and first_bad is None:
            first_bad = (verdict, name, msg)
            if stop_on_fail:
                break
    if first_bad:
        return first_bad[0], first_bad, times
    return "ACCEPTED", None, times


# --------------------------------------------------------------- problems
def list_tests(tdir):
    names = sorted(os.listdir(tdir)) if os.path.isdir(tdir) else []
    ins = [n[:-3] for n in names if n.endswith(".in")]
    samples = [n for n in ins if n.startswith("sample-")]
    hidden = [n for n in ins if not n.startswith("sample-")]
    return samples, hidden


def check_structure(slug, pdir, rep):
    where = slug
    meta_path = os.path.join(pdir, "problem.json")
    try:
        with open(meta_path, encoding="utf-8") as f:
            meta = json.load(f)
    except (OSError, ValueError) as e:
        rep.error(where, "problem.json: %s" % e)
        return None
    if meta.get("slug") != slug:
        rep.error(where, "slug %r != folder name" % meta.get("slug"))
    t = meta.get("title", {})
    if not (isinstance(t, dict) and t.get("ko") and t.get("en")):
        rep.error(where, "title needs ko and en")
    if meta.get("difficulty") not in DIFFICULTIES:
        rep.error(where, "bad difficulty %r" % meta.get("difficulty"))
    tags = meta.get("tags")
    if not tags or not isinstance(tags, list) or set(tags) - TAGS:
        rep.error(where, "bad tags %r" % tags)
    tlm = meta.get("timeLimitMs")
    if not isinstance(tlm, int) or not 500 <= tlm <= 5000:
        rep.error(where, "bad timeLimitMs %r" % tlm)
    mlm = meta.get("memoryLimitMb")
    if not isinstance(mlm, int) or not 32 <= mlm <= 1024:
        rep.error(where, "bad memoryLimitMb %r" % mlm)
    ch = meta.get("checker", {})
    if ch.get("type") not in ("exact", "tokens", "float"):
        rep.error(where, "bad checker %r" % ch)
    if ch.get("type") == "float" and not ("absError" in ch
                                          or "relError" in ch):
        rep.error(where, "float checker needs absError/relError")
    for loc in ("ko", "en"):
        for fn in TEXT_FILES:
            p = os.path.join(pdir, loc, fn)
            if not os.path.isfile(p) or not open(
                    p, encoding="utf-8").read().strip():
                rep.error(where, "missing or empty %s/%s" % (loc, fn))
    tdir = os.path.join(pdir, "tests")
    samples, hidden = list_tests(tdir)
    if len(samples) < 2:
        rep.error(where, "needs >= 2 samples, has %d" % len(samples))
    if len(hidden) < 10:
        rep.error(where, "needs >= 10 hidden tests, has %d" % len(hidden))
    for n in os.listdir(tdir) if os.path.isdir(tdir) else []:
        p = os.path.join(tdir, n)
        if not (n.endswith(".in") or n.endswith(".out")):
            rep.error(where, "stray file tests/%s" % n)
        if os.path.getsize(p) > MAX_TEST_BYTES:
            rep.error(where, "tests/%s is larger than 2 MB" % n)
        if n.endswith(".in") and not os.path.isfile(p[:-3] + ".out"):
            rep.error(where, "tests/%s has no .out" % n)
        if n.endswith(".out") and not os.path.isfile(p[:-4] + ".in"):
            rep.error(where, "tests/%s has no .in" % n)
    for kind in ("starter", "solutions"):
        for lang in LANGS:
            p = os.path.join(pdir, kind, SOURCE_NAME[lang])
            if not os.path.isfile(p):
                rep.error(where, "missing %s/%s" % (kind, SOURCE_NAME[lang]))
    wdir = os.path.join(pdir, "wrong")
    wrong_files = sorted(os.listdir(wdir)) if os.path.isdir(wdir) else []
    declared = meta.get("wrong", {})
    if not wrong_files:
        rep.error(where, "needs >= 1 wrong solution")
    if set(wrong_files) != set(declared):
        rep.error(where, "wrong/ files %s != problem.json wrong %s" % (
            wrong_files, sorted(declared)))
    for n, v in declared.items():
        if v not in VERDICTS:
            rep.error(where, "wrong %s: bad verdict %r" % (n, v))
        if n.rsplit(".", 1)[-1] not in EXT_LANG:
            rep.error(where, "wrong %s: unknown extension" % n)
    return meta


def regen(slug, pdir, rep, tmp):
    gen = os.path.join(pdir, "generator.py")
    if os.path.isfile(gen):
        r = subprocess.run([sys.executable, gen], cwd=pdir,
                           capture_output=True, text=True)
        if r.returncode:
            rep.error(slug, "generator.py failed: %s" % r.stderr[-300:])
            return
    argv, err = compile_source("cpp", os.path.join(
        pdir, "solutions", "main.cpp"), os.path.join(tmp, "regen"))
    if err:
        rep.error(slug, "regen: C++ reference does not compile: %s" % err)
        return
    tdir = os.path.join(pdir, "tests")
    for n in sorted(os.listdir(tdir)):
        if n.endswith(".in"):
            r = run(argv, os.path.join(tdir, n), kill_after=30)
            if r.code != 0 or r.killed:
                rep.error(slug, "regen: reference failed on %s" % n)
                continue
            with open(os.path.join(tdir, n[:-3] + ".out"), "w",
                      encoding="utf-8") as f:
                f.write(r.out)
    print("  regenerated outputs", flush=True)


def verify_problem(slug, rep, stats, args):
    pdir = os.path.join(PROBLEMS, slug)
    print("== %s" % slug, flush=True)
    tmp = tempfile.mkdtemp(prefix="catalogue-%s-" % slug)
    try:
        if args.regen:
            regen(slug, pdir, rep, tmp)
        meta = check_structure(slug, pdir, rep)
        if meta is None:
            return
        tdir = os.path.join(pdir, "tests")
        samples, hidden = list_tests(tdir)
        tests = [(n, os.path.join(tdir, n + ".in"),
                  os.path.join(tdir, n + ".out")) for n in samples + hidden]
        tl = meta["timeLimitMs"] / 1000.0
        line = []
        for lang in LANGS:
            src = os.path.join(pdir, "solutions", SOURCE_NAME[lang])
            if not os.path.isfile(src):
                continue
            argv, err = compile_source(lang, src, os.path.join(tmp, lang))
            if err:
                rep.error(slug, "solution %s: COMPILE_ERROR %s" % (
                    lang, err[:300]))
                continue
            verdict, bad, times = judge(argv, tests, meta, False)
            worst = max(times)
            stats.setdefault(lang, []).append((worst[0], tl, slug))
            line.append("%s %.2fs" % (lang, worst[0]))
            if verdict != "ACCEPTED":
                rep.error(slug, "solution %s: %s on %s (%s)" % (
                    lang, bad[0], bad[1], bad[2]))
            elif lang == "python" and worst[0] > 0.4 * tl:
                rep.warn(slug, "python reference uses %.0f%% of the time "
                         "limit (%s)" % (100 * worst[0] / tl, worst[1]))
        print("  references: " + ", ".join(line) + " (limit %.1fs)" % tl,
              flush=True)
        # starters: must compile and exit 0 on the first sample
        for lang in LANGS:
            src = os.path.join(pdir, "starter", SOURCE_NAME[lang])
            if not os.path.isfile(src) or not samples:
                continue
            argv, err = compile_source(lang, src,
                                       os.path.join(tmp, "st-" + lang))
            if err:
                rep.error(slug, "starter %s does not compile: %s" % (
                    lang, err[:300]))
                continue
            r = run(argv, tests[0][1], kill_after=10)
            if r.code != 0 or r.killed:
                rep.error(slug, "starter %s fails on %s: %s" % (
                    lang, samples[0], r.err.strip()[-200:]))
        # wrong solutions must not pass, with the declared verdict
        for name, expect in sorted(meta.get("wrong", {}).items()):
            lang = EXT_LANG.get(name.rsplit(".", 1)[-1])
            src = os.path.join(pdir, "wrong", name)
            if not lang or not os.path.isfile(src):
                continue
            argv, err = compile_source(lang, src,
                                       os.path.join(tmp, "w-" + name))
            if err:
                got, bad = "COMPILE_ERROR", ("COMPILE_ERROR", "-", "")
            else:
                got, bad, _ = judge(argv, tests, meta, True)
            if got == "ACCEPTED":
                rep.error(slug, "wrong/%s was ACCEPTED (expected %s)" % (
                    name, expect))
            elif got != expect:
                rep.error(slug, "wrong/%s got %s on %s, expected %s (%s)" % (
                    name, got, bad[1], expect, bad[2]))
            else:
                print("  wrong/%s: %s on %s" % (name, got, bad[1]),
                      flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ------------------------------------------------------------- dictations
def check_snippet_text(where, path, lang, rep):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        rep.error(where, "not ASCII")
        return
    if "\t" in text:
        rep.error(where, "contains tabs")
    if "\r" in text:
        rep.error(where, "contains CR")
    if not text.endswith("\n") or text.endswith("\n\n"):
        rep.error(where, "must end with exactly one newline")
    lines = text.split("\n")[:-1]
    if not 15 <= len(lines) <= 45:
        rep.error(where, "%d lines (want 15-45)" % len(lines))
    unit = 2 if lang == "javascript" else 4
    for i, ln in enumerate(lines, 1):
        if ln != ln.rstrip():
            rep.error(where, "line %d: trailing whitespace" % i)
        if len(ln) > 80:
            rep.error(where, "line %d: longer than 80 chars" % i)
        indent = len(ln) - len(ln.lstrip(" "))
        if ln.strip() and indent % unit and not ln.lstrip().startswith("*"):
            rep.error(where, "line %d: indent %d not a multiple of %d" % (
                i, indent, unit))


def verify_dictation(algo, rep):
    ddir = os.path.join(DICTATIONS, algo)
    print("== dictation %s" % algo, flush=True)
    try:
        with open(os.path.join(ddir, "meta.json"), encoding="utf-8") as f:
            meta = json.load(f)
        if meta.get("algorithm") != algo:
            rep.error(algo, "meta.algorithm != folder name")
        for k in ("title", "explanation"):
            v = meta.get(k, {})
            if not (isinstance(v, dict) and v.get("ko") and v.get("en")):
                rep.error(algo, "meta.%s needs ko and en" % k)
    except (OSError, ValueError) as e:
        rep.error(algo, "meta.json: %s" % e)
    tmp = tempfile.mkdtemp(prefix="dictation-%s-" % algo)
    outs = []
    try:
        for lang in LANGS:
            path = os.path.join(ddir, "%s.%s" % (lang, EXT[lang]))
            where = "%s/%s" % (algo, os.path.basename(path))
            if not os.path.isfile(path):
                rep.error(where, "missing")
                continue
            check_snippet_text(where, path, lang, rep)
            argv, err = compile_source(lang, path, os.path.join(tmp, lang))
            if err:
                rep.error(where, "does not compile: %s" % err[:300])
                continue
            r = run(argv, None, kill_after=10)
            if r.code != 0 or r.killed:
                rep.error(where, "exit %s: %s" % (r.code, r.err[-200:]))
            elif not r.out.strip():
                rep.error(where, "prints nothing")
            else:
                outs.append((lang, r.out.strip()))
        print("  outputs: " + " | ".join(
            "%s=%s" % (l, o.replace("\n", " / ")[:40]) for l, o in outs),
            flush=True)
        if len({o for _, o in outs}) > 1:
            rep.warn(algo, "languages print different results")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# -------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--problem", action="append", default=[],
                    help="check only this problem slug (repeatable)")
    ap.add_argument("--dictation", action="append", default=[],
                    help="check only this dictation algorithm (repeatable)")
    ap.add_argument("--problems-only", action="store_true")
    ap.add_argument("--dictations-only", action="store_true")
    ap.add_argument("--regen", action="store_true",
                    help="run generator.py and rewrite tests/*.out from "
                    "the C++ reference before verifying")
    args = ap.parse_args()
    rep = Report()
    stats = {}
    started = time.monotonic()
    only_selected = args.problem or args.dictation
    do_problems = not args.dictations_only and (
        args.problem or not only_selected)
    do_dicts = not args.problems_only and (
        args.dictation or not only_selected)
    slugs = []
    if do_problems:
        slugs = args.problem or sorted(
            d for d in os.listdir(PROBLEMS)
            if os.path.isdir(os.path.join(PROBLEMS, d)))
        for slug in slugs:
            if not os.path.isdir(os.path.join(PROBLEMS, slug)):
                rep.error(slug, "no such problem")
                continue
            verify_problem(slug, rep, stats, args)
    algos = []
    if do_dicts and os.path.isdir(DICTATIONS):
        algos = args.dictation or sorted(
            d for d in os.listdir(DICTATIONS)
            if os.path.isdir(os.path.join(DICTATIONS, d)))
        for algo in algos:
            verify_dictation(algo, rep)

    print("\n==== summary")
    print("problems: %d, dictation algorithms: %d (%d snippets)" % (
        len(slugs), len(algos), 5 * len(algos)))
    for lang in LANGS:
        if lang in stats:
            worst = max(stats[lang])
            ratio = max(s[0] / s[1] for s in stats[lang])
            print("  %-10s max %.2fs (%s), max %.0f%% of a time limit" % (
                lang, worst[0], worst[2], 100 * ratio))
    print("warnings: %d" % len(rep.warnings))
    for w in rep.warnings:
        print("  " + w)
    print("errors: %d" % len(rep.errors))
    for e in rep.errors:
        print("  " + e)
    print("elapsed %.0fs" % (time.monotonic() - started))
    print("OK" if not rep.errors else "FAILED")
    return 0 if not rep.errors else 1


if __name__ == "__main__":
    sys.exit(main())
