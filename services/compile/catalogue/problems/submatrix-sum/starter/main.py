import sys

def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    vals = [int(x) for x in data[2:2 + n * n]]
    table = [vals[r * n:(r + 1) * n] for r in range(n)]
    pos = 2 + n * n
    out = []
    for _ in range(m):
        x1, y1, x2, y2 = map(int, data[pos:pos + 4])
        pos += 4
        # TODO: append the sum of the rectangle
    print("\n".join(out))


main()
