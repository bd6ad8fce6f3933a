#include <stdio.h>

static int parent[100001];

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    while (m--) {
        int op, a, b;
        scanf("%d %d %d", &op, &a, &b);
        /* TODO: merge (op == 0) or answer YES/NO (op == 1) */
    }
    return 0;
}
