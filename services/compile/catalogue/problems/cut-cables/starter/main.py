import sys

def main():
    data = sys.stdin.buffer.read().split()
    k, n = int(data[0]), int(data[1])
    cables = [int(x) for x in data[2:2 + k]]
    # TODO: print the maximum length


main()
