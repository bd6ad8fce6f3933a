#include <stdio.h>

static int a[100000];

int main(void) {
    int n, s;
    if (scanf("%d %d", &n, &s) != 2) return 0;
    for (int i = 0; i < n; i++) scanf("%d", &a[i]);
    /* TODO: print the minimum length (0 if impossible) */
    return 0;
}
