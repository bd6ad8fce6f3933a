#include <stdio.h>

#define LIMIT 1000000

static char composite[LIMIT + 1];
static int count[LIMIT + 1];

int main(void) {
    for (int i = 2; (long long)i * i <= LIMIT; i++) {
        if (!composite[i]) {
            for (int j = i * i; j <= LIMIT; j += i) composite[j] = 1;
        }
    }
    for (int i = 2; i <= LIMIT; i++) count[i] = count[i - 1] + !composite[i];
    int q;
    if (scanf("%d", &q) != 1) return 0;
    while (q--) {
        int n;
        scanf("%d", &n);
        printf("%d\n", count[n]);
    }
    return 0;
}
