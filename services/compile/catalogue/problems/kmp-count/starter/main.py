import sys

def main():
    t, p = sys.stdin.read().split()
    # TODO: print the number of occurrences of p in t


main()
