#include <stdio.h>
#include <stdlib.h>

static int x[100000], y[100000];

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    for (int i = 0; i < n; i++) scanf("%d %d", &x[i], &y[i]);
    /* TODO: sort and print the points */
    return 0;
}
