#include <stdio.h>

static long long h[100000];

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    for (int i = 0; i < n; i++) scanf("%lld", &h[i]);
    /* TODO: print the largest area */
    return 0;
}
