import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    parent = list(range(n + 1))

    def find(x):
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    out = []
    for i in range(2, 2 + 3 * m, 3):
        a, b = find(int(data[i + 1])), find(int(data[i + 2]))
        if data[i] == b"0":
            parent[a] = b
        else:
            out.append("YES" if a == b else "NO")
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))


main()
