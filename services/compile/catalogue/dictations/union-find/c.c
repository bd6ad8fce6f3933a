#include <stdio.h>

#define N 6

int parent[N];
int size[N];

int find(int x) {
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

void unite(int a, int b) {
    a = find(a);
    b = find(b);
    if (a == b) {
        return;
    }
    if (size[a] < size[b]) {
        int t = a;
        a = b;
        b = t;
    }
    parent[b] = a;
    size[a] += size[b];
}

int main(void) {
    for (int i = 0; i < N; i++) {
        parent[i] = i;
        size[i] = 1;
    }
    unite(0, 1);
    unite(1, 2);
    unite(3, 4);
    printf("0 and 2: %s\n", find(0) == find(2) ? "true" : "false");
    printf("2 and 3: %s\n", find(2) == find(3) ? "true" : "false");
    printf("size of 0: %d\n", size[find(0)]);
    return 0;
}
