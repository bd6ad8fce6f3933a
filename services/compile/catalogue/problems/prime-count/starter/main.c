#include <stdio.h>

int main(void) {
    int q;
    if (scanf("%d", &q) != 1) return 0;
    while (q--) {
        int n;
        scanf("%d", &n);
        /* TODO: print the number of primes <= n */
    }
    return 0;
}
