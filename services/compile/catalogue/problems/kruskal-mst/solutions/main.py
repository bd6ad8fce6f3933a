import sys


def main():
    data = sys.stdin.buffer.read().split()
    v, e = int(data[0]), int(data[1])
    nums = list(map(int, data[2:2 + 3 * e]))
    edges = sorted(zip(nums[2::3], nums[0::3], nums[1::3]))
    parent = list(range(v + 1))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving
            x = parent[x]
        return x

    total = 0
    used = 0
    for c, a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
            total += c
            used += 1
            if used == v - 1:
                break
    print(total)


main()
