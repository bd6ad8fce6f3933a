#include <stdio.h>

static int a[100000];

int main(void) {
    int n, s;
    if (scanf("%d %d", &n, &s) != 2) return 0;
    for (int i = 0; i < n; i++) scanf("%d", &a[i]);
    int best = n + 1, left = 0;
    long long total = 0;
    for (int right = 0; right < n; right++) {
        total += a[right];
        while (total >= s) {
            if (right - left + 1 < best) best = right - left + 1;
            total -= a[left++];
        }
    }
    printf("%d\n", best <= n ? best : 0);
    return 0;
}
