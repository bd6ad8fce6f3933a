import sys

def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    xs = [int(v) for v in data[1:2 * n + 1:2]]
    ys = [int(v) for v in data[2:2 * n + 2:2]]
    # TODO: print the area


main()
