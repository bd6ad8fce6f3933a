import sys

def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    a = [int(x) for x in data[2:2 + n]]
    out = []
    for k in range(m):
        i = int(data[2 + n + 2 * k])
        j = int(data[3 + n + 2 * k])
        # TODO: append the sum of a[i-1..j-1]
    print("\n".join(out))


main()
