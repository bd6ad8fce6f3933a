import sys

def main():
    data = sys.stdin.buffer.read().split()
    v, e, k = int(data[0]), int(data[1]), int(data[2])
    graph = [[] for _ in range(v + 1)]
    for i in range(e):
        a, b, w = map(int, data[3 + 3 * i:6 + 3 * i])
        graph[a].append((b, w))
    # TODO: print the shortest distances from k


main()
