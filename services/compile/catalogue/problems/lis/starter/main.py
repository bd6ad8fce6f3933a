import sys

def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    a = [int(v) for v in data[1:1 + n]]
    # TODO: print the length of the longest increasing subsequence


main()
