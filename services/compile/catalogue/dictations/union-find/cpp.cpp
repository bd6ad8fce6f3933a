#include <iostream>
#include <numeric>
#include <utility>
#include <vector>

struct UnionFind {
    std::vector<int> parent, size;
    explicit UnionFind(int n) : parent(n), size(n, 1) {
        std::iota(parent.begin(), parent.end(), 0);
    }

    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    bool unite(int a, int b) {
        a = find(a);
        b = find(b);
        if (a == b) {
            return false;
        }
        if (size[a] < size[b]) {
            std::swap(a, b);
        }
        parent[b] = a;
        size[a] += size[b];
        return true;
    }
};

int main() {
    UnionFind uf(6);
    uf.unite(0, 1);
    uf.unite(1, 2);
    uf.unite(3, 4);
    std::cout << std::boolalpha;
    std::cout << "0 and 2: " << (uf.find(0) == uf.find(2)) << "\n";
    std::cout << "2 and 3: " << (uf.find(2) == uf.find(3)) << "\n";
    std::cout << "size of 0: " << uf.size[uf.find(0)] << "\n";
    return 0;
}
