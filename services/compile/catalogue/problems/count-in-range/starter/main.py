import sys

def main():
    data = sys.stdin.buffer.read().split()
    n, q = int(data[0]), int(data[1])
    a = [int(x) for x in data[2:2 + n]]
    out = []
    for i in range(q):
        l = int(data[2 + n + 2 * i])
        r = int(data[3 + n + 2 * i])
        # TODO: append the answer
    print("\n".join(out))


main()
