import sys

def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    a = [data[2 + r * m:2 + (r + 1) * m] for r in range(n)]
    # TODO: print the matrix rotated clockwise


main()
