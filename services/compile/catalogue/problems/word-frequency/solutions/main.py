import sys
from collections import Counter


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    counts = Counter(data[1:1 + n])
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    sys.stdout.write("".join("%s %d\n" % (w.decode(), c) for w, c in items))


main()
