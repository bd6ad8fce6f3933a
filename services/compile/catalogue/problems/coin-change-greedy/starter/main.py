import sys

def main():
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    coins = [int(x) for x in data[2:2 + n]]
    # TODO: print the minimum number of coins


main()
