#!/usr/bin/env python3
"""Runs the course (docs/lab/*.md) and compares what it shows.

Every ```console block of an exercise is a list of commands, each a line
starting with "$ " (continued by lines starting with "> "), followed by the
output the course promises.  All the blocks of one exercise run in order in
one bash shell, in the top of the source tree, with bmcsim first in PATH
and PORT set to a freshly started lab BMC, so variables and functions
carry from block to block as they do for a student.

The promised output must appear line for line in the command's output, in
order and with nothing between, except where the course writes a line
"..." (any number of lines) or "..." inside a line (any characters there:
a port number, a round-trip time, a sensor's reading).

  lab_course.py run FILE        exit 1 if a command differs
  lab_course.py regen FILE      rewrite FILE with the outputs as they are
                                (review the diff; put "..." back by hand)
"""
import os
import re
import subprocess
import sys

MARK = "@@bmcsim-lab-command-%d@@"


def parse(text):
    """The blocks: [(start, end, [(command, [expected lines])])]."""
    lines = text.split("\n")
    blocks = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != "```console":
            i += 1
            continue
        start = i
        i += 1
        cmds = []
        while i < len(lines) and lines[i].strip() != "```":
            ln = lines[i]
            if ln.startswith("$ "):
                cmds.append([ln[2:], []])
            elif ln.startswith("> ") and cmds and not cmds[-1][1]:
                cmds[-1][0] += "\n" + ln[2:]
            elif cmds:
                cmds[-1][1].append(ln)
            i += 1
        blocks.append((start, i, cmds))
        i += 1
    return lines, blocks


def run(blocks, env):
    """Runs every command in one shell; their outputs, in order."""
    script = ["set -o pipefail 2>/dev/null", "exec 2>&1"]
    n = 0
    for _, _, cmds in blocks:
        for cmd, _ in cmds:
            script.append("echo '%s'" % (MARK % n))
            script.append(cmd)
            n += 1
    script.append("echo '%s'" % (MARK % n))
    p = subprocess.run(["bash", "--noprofile", "--norc"], input="\n".join(script) + "\n",
                       capture_output=True, text=True, env=env, timeout=300)
    out = p.stdout.split("\n")
    res = []
    for k in range(n):
        a = out.index(MARK % k) + 1
        b = out.index(MARK % (k + 1))
        res.append([ln.rstrip() for ln in out[a:b]])
    return res


def matches(want, got):
    """want's lines in got, in order, "..." for any lines."""
    def m(wi, gi):
        if wi == len(want):
            return gi == len(got)
        w = want[wi].rstrip()
        if w == "...":
            return any(m(wi + 1, k) for k in range(gi, len(got) + 1))
        if gi == len(got):
            return False
        g = got[gi]
        if "..." in w:
            pat = ".*".join(re.escape(x) for x in w.split("..."))
            return re.fullmatch(pat, g) is not None and m(wi + 1, gi + 1)
        return w == g and m(wi + 1, gi + 1)
    return m(0, 0)


def main():
    mode, path = sys.argv[1], sys.argv[2]
    text = open(path).read()
    lines, blocks = parse(text)
    env = dict(os.environ)
    outs = run(blocks, env)
    if mode == "regen":
        k = 0
        new = []
        last = 0
        for start, end, cmds in blocks:
            new.extend(lines[last:start + 1])
            for cmd, _ in cmds:
                c = cmd.split("\n")
                new.append("$ " + c[0])
                new.extend("> " + x for x in c[1:])
                new.extend(outs[k])
                k += 1
            new.append(lines[end])
            last = end + 1
        new.extend(lines[last:])
        open(path, "w").write("\n".join(new))
        return 0
    bad = 0
    k = 0
    for _, _, cmds in blocks:
        for cmd, want in cmds:
            got = outs[k]
            k += 1
            while want and want[-1].strip() == "":
                want = want[:-1]
            while got and got[-1].strip() == "":
                got = got[:-1]
            if matches(want, got):
                print("ok   %s: %s" % (os.path.basename(path), cmd.split("\n")[0]))
            else:
                bad += 1
                print("FAIL %s: %s" % (os.path.basename(path), cmd.split("\n")[0]))
                print("  the course shows:")
                for ln in want:
                    print("    | " + ln)
                print("  the command printed:")
                for ln in got[:60]:
                    print("    | " + ln)
    print("%s: %d command(s), %d differ" % (os.path.basename(path), k, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
