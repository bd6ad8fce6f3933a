import sys

def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    h = [int(v) for v in data[1:1 + n]]
    # TODO: print the largest area


main()
