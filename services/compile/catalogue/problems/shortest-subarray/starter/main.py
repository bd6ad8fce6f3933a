import sys

def main():
    data = sys.stdin.buffer.read().split()
    n, s = int(data[0]), int(data[1])
    a = [int(v) for v in data[2:2 + n]]
    # TODO: print the minimum length (0 if impossible)


main()
