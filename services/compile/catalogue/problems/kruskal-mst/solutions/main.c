#include <stdio.h>
#include <stdlib.h>

typedef struct { int a, b, c; } Edge;

static Edge edges[50000];
static int parent[10001];

static int cmp(const void* x, const void* y) {
    int u = ((const Edge*)x)->c, v = ((const Edge*)y)->c;
    return (u > v) - (u < v);
}

static int find(int x) {
    while (parent[x] != x) {
        parent[x] = parent[parent[x]]; /* path halving */
        x = parent[x];
    }
    return x;
}

int main(void) {
    int v, e;
    if (scanf("%d %d", &v, &e) != 2) return 0;
    for (int i = 0; i < e; i++) scanf("%d %d %d", &edges[i].a, &edges[i].b, &edges[i].c);
    qsort(edges, e, sizeof(Edge), cmp);
    for (int i = 0; i <= v; i++) parent[i] = i;
    long long total = 0;
    for (int i = 0; i < e; i++) {
        int ra = find(edges[i].a), rb = find(edges[i].b);
        if (ra != rb) {
            parent[ra] = rb;
            total += edges[i].c;
        }
    }
    printf("%lld\n", total);
    return 0;
}
