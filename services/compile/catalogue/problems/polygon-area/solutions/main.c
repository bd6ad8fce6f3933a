#include <stdio.h>
#include <stdlib.h>

static long long x[50000], y[50000];

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    for (int i = 0; i < n; i++) scanf("%lld %lld", &x[i], &y[i]);
    long long s = 0;
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        s += x[i] * y[j] - x[j] * y[i];
    }
    if (s < 0) s = -s;
    printf("%lld.%d\n", s / 2, s % 2 ? 5 : 0);
    return 0;
}
