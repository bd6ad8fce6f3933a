import sys

# Too slow: keeps a label per element and relabels every element on a merge.
data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
label = list(range(n + 1))
out = []
for i in range(2, 2 + 3 * m, 3):
    a, b = label[int(data[i + 1])], label[int(data[i + 2])]
    if data[i] == b"0":
        if a != b:
            for x in range(n + 1):
                if label[x] == a:
                    label[x] = b
    else:
        out.append("YES" if a == b else "NO")
print("\n".join(out))
