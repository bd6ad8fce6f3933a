import sys

def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    out = []
    for i in range(m):
        op, a, b = map(int, data[2 + 3 * i:5 + 3 * i])
        # TODO: merge (op == 0) or answer YES/NO (op == 1)
    print("\n".join(out))


main()
