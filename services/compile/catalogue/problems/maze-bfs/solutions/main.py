import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    # flatten the grid; cell (r, c) becomes r * m + c
    open_cell = b"".join(data[2:2 + n])
    dist = [0] * (n * m)
    dist[0] = 1
    queue = [0]
    for v in queue:  # the list grows while we iterate: a simple BFS queue
        r, c = divmod(v, m)
        d = dist[v] + 1
        for w, ok in ((v - m, r > 0), (v + m, r < n - 1),
                      (v - 1, c > 0), (v + 1, c < m - 1)):
            if ok and not dist[w] and open_cell[w] == 46:  # 46 == ord(".")
                dist[w] = d
                queue.append(w)
    print(dist[n * m - 1] or -1)


main()
