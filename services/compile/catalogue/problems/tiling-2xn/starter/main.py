import sys

def main():
    n = int(sys.stdin.readline())
    # TODO: print the number of tilings modulo 10007


main()
