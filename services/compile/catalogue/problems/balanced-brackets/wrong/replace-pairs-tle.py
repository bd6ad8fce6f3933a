import sys

# Too slow: deletes "()", "[]" and "{}" until nothing changes.
# Deeply nested strings need O(N) rounds of O(N) work.
lines = sys.stdin.read().split()
out = []
for s in lines[1:]:
    prev = None
    while prev != s:
        prev = s
        for p in ("()", "[]", "{}"):
            s = s.replace(p, "", 1)
    out.append("YES" if not s else "NO")
print("\n".join(out))
