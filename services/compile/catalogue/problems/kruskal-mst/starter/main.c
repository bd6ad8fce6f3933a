#include <stdio.h>
#include <stdlib.h>

typedef struct { int a, b, c; } Edge;

static Edge edges[50000];

int main(void) {
    int v, e;
    if (scanf("%d %d", &v, &e) != 2) return 0;
    for (int i = 0; i < e; i++) scanf("%d %d %d", &edges[i].a, &edges[i].b, &edges[i].c);
    /* TODO: print the weight of the minimum spanning tree */
    return 0;
}
