import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    # flatten the grid; cell (r, c) becomes r * m + c
    land = bytearray(b"".join(data[2:2 + n]).replace(b"#", b"\x01")
                     .replace(b".", b"\x00"))
    islands = 0
    for start in range(n * m):
        if not land[start]:
            continue
        islands += 1
        land[start] = 0
        stack = [start]  # iterative DFS: no recursion limit to worry about
        while stack:
            v = stack.pop()
            r, c = divmod(v, m)
            if r > 0 and land[v - m]:
                land[v - m] = 0
                stack.append(v - m)
            if r < n - 1 and land[v + m]:
                land[v + m] = 0
                stack.append(v + m)
            if c > 0 and land[v - 1]:
                land[v - 1] = 0
                stack.append(v - 1)
            if c < m - 1 and land[v + 1]:
                land[v + 1] = 0
                stack.append(v + 1)
    print(islands)


main()
