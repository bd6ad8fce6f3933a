#include <stdio.h>

static char grid[500][502];

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    for (int i = 0; i < n; i++) scanf("%501s", grid[i]);
    /* TODO: print the length of the shortest path, or -1 */
    return 0;
}
