import sys

def main():
    data = sys.stdin.buffer.read().split()
    q = int(data[0])
    queries = [int(x) for x in data[1:1 + q]]
    out = []
    # TODO: answer every query
    print("\n".join(out))


main()
