#include <stdio.h>
#include <stdlib.h>

static int s[100000], e[100000];

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    for (int i = 0; i < n; i++) scanf("%d %d", &s[i], &e[i]);
    /* TODO: print the maximum number of meetings */
    return 0;
}
