#include <stdio.h>

/* Wrong: prints n + 1 instead of 0 when no subarray is long enough. */
static int a[100000];

int main(void) {
    int n, s;
    scanf("%d %d", &n, &s);
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
    printf("%d\n", best);
    return 0;
}
