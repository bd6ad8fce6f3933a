import sys

def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    words = [w.decode() for w in data[1:1 + n]]
    # TODO: count the words and print them


main()
