#include <stdio.h>

/* tails[k] = the smallest last element of an increasing subsequence of length k + 1 */
static int tails[100000];

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    int len = 0;
    for (int i = 0; i < n; i++) {
        int x;
        scanf("%d", &x);
        int lo = 0, hi = len; /* first k with tails[k] >= x */
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (tails[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        tails[lo] = x;
        if (lo == len) len++;
    }
    printf("%d\n", len);
    return 0;
}
