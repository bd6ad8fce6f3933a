#include <stdio.h>
#include <stdlib.h>

/* Wrong: the total is an int; 9999 edges of weight 10^6 overflow it. */
typedef struct { int a, b, c; } Edge;

static Edge edges[50000];
static int parent[10001];

static int cmp(const void* x, const void* y) {
    return ((const Edge*)x)->c - ((const Edge*)y)->c;
}

static int find(int x) { return parent[x] == x ? x : (parent[x] = find(parent[x])); }

int main(void) {
    int v, e;
    scanf("%d %d", &v, &e);
    for (int i = 0; i < e; i++) scanf("%d %d %d", &edges[i].a, &edges[i].b, &edges[i].c);
    qsort(edges, e, sizeof(Edge), cmp);
    for (int i = 0; i <= v; i++) parent[i] = i;
    int total = 0;
    for (int i = 0; i < e; i++) {
        int ra = find(edges[i].a), rb = find(edges[i].b);
        if (ra != rb) {
            parent[ra] = rb;
            total += edges[i].c;
        }
    }
    printf("%d\n", total);
    return 0;
}
