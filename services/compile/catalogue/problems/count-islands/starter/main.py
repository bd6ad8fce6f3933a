import sys

def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    grid = [row.decode() for row in data[2:2 + n]]
    # TODO: print the number of islands


main()
