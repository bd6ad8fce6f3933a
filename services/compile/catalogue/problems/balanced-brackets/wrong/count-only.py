import sys

# Wrong: only checks that each kind is never closed more than opened,
# so "([)]" is accepted.
lines = sys.stdin.read().split()
out = []
for s in lines[1:]:
    depth = {"(": 0, "[": 0, "{": 0}
    ok = True
    for c in s:
        key = {")": "(", "]": "[", "}": "{"}.get(c, c)
        depth[key] += 1 if c == key else -1
        if depth[key] < 0:
            ok = False
    ok = ok and all(v == 0 for v in depth.values())
    out.append("YES" if ok else "NO")
print("\n".join(out))
