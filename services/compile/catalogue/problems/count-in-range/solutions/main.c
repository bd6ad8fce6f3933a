#include <stdio.h>
#include <stdlib.h>

static int a[100000];
static int n;

static int cmp(const void* x, const void* y) {
    int u = *(const int*)x, v = *(const int*)y;
    return (u > v) - (u < v);
}

/* number of elements < x */
static int lower_bound(int x) {
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (a[mid] < x) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

int main(void) {
    int q;
    if (scanf("%d %d", &n, &q) != 2) return 0;
    for (int i = 0; i < n; i++) scanf("%d", &a[i]);
    qsort(a, n, sizeof(int), cmp);
    while (q--) {
        int l, r;
        scanf("%d %d", &l, &r);
        printf("%d\n", lower_bound(r + 1) - lower_bound(l));
    }
    return 0;
}
