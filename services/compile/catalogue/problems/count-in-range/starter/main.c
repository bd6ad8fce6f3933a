#include <stdio.h>
#include <stdlib.h>

static int a[100000];

int main(void) {
    int n, q;
    if (scanf("%d %d", &n, &q) != 2) return 0;
    for (int i = 0; i < n; i++) scanf("%d", &a[i]);
    while (q--) {
        int l, r;
        scanf("%d %d", &l, &r);
        /* TODO: print the answer */
    }
    return 0;
}
