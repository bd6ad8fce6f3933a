import sys

def main():
    a, b = map(int, sys.stdin.readline().split())
    # TODO: print the answer


main()
