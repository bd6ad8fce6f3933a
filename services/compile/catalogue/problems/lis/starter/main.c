#include <stdio.h>

static int a[100000];

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    for (int i = 0; i < n; i++) scanf("%d", &a[i]);
    /* TODO: print the length of the longest increasing subsequence */
    return 0;
}
