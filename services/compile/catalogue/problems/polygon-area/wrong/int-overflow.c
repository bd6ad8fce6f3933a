#include <stdio.h>
#include <stdlib.h>

/* Wrong: x * y overflows a 32-bit int for coordinates near 10^6. */
static int x[50000], y[50000];

int main(void) {
    int n;
    scanf("%d", &n);
    for (int i = 0; i < n; i++) scanf("%d %d", &x[i], &y[i]);
    long long s = 0;
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        s += x[i] * y[j] - x[j] * y[i];
    }
    printf("%.1f\n", llabs(s) / 2.0);
    return 0;
}
