import sys

def main():
    data = sys.stdin.buffer.read().split()
    v, e = int(data[0]), int(data[1])
    edges = []
    for i in range(e):
        a, b, c = map(int, data[2 + 3 * i:5 + 3 * i])
        edges.append((c, a, b))
    # TODO: print the weight of the minimum spanning tree


main()
