#include <stdio.h>
#include <stdlib.h>

static int a[100000];

int main(void) {
    int n, x;
    if (scanf("%d", &n) != 1) return 0;
    for (int i = 0; i < n; i++) scanf("%d", &a[i]);
    scanf("%d", &x);
    /* TODO: print the number of pairs */
    return 0;
}
