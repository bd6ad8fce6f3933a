class UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a == b:
            return False
        if self.size[a] < self.size[b]:
            a, b = b, a
        self.parent[b] = a
        self.size[a] += self.size[b]
        return True


def main():
    uf = UnionFind(6)
    for a, b in [(0, 1), (1, 2), (3, 4)]:
        uf.union(a, b)
    print("0 and 2:", str(uf.find(0) == uf.find(2)).lower())
    print("2 and 3:", str(uf.find(2) == uf.find(3)).lower())
    print("size of 0:", uf.size[uf.find(0)])


if __name__ == "__main__":
    main()
