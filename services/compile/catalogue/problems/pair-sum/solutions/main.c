#include <stdio.h>
#include <stdlib.h>

static int a[100000];

static int cmp(const void* p, const void* q) {
    int u = *(const int*)p, v = *(const int*)q;
    return (u > v) - (u < v);
}

int main(void) {
    int n, x;
    if (scanf("%d", &n) != 1) return 0;
    for (int i = 0; i < n; i++) scanf("%d", &a[i]);
    scanf("%d", &x);
    qsort(a, n, sizeof(int), cmp);
    int lo = 0, hi = n - 1, count = 0;
    while (lo < hi) {
        int s = a[lo] + a[hi];
        if (s == x) {
            count++;
            lo++;
            hi--;
        } else if (s < x) {
            lo++;
        } else {
            hi--;
        }
    }
    printf("%d\n", count);
    return 0;
}
