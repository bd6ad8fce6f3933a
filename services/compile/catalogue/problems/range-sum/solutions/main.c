#include <stdio.h>

static int prefix[100001];

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    for (int i = 1; i <= n; i++) {
        int x;
        scanf("%d", &x);
        prefix[i] = prefix[i - 1] + x;
    }
    while (m--) {
        int i, j;
        scanf("%d %d", &i, &j);
        printf("%d\n", prefix[j] - prefix[i - 1]);
    }
    return 0;
}
