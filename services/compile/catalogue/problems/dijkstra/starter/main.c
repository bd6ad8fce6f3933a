#include <stdio.h>

static int eu[50000], ev[50000], ew[50000];

int main(void) {
    int v, e, k;
    if (scanf("%d %d %d", &v, &e, &k) != 3) return 0;
    for (int i = 0; i < e; i++) scanf("%d %d %d", &eu[i], &ev[i], &ew[i]);
    /* TODO: print the shortest distances from k */
    return 0;
}
