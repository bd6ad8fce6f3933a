#include <stdio.h>

static int parent[100001];

static int find(int x) {
    int root = x;
    while (parent[root] != root) root = parent[root];
    while (parent[x] != root) { /* path compression */
        int next = parent[x];
        parent[x] = root;
        x = next;
    }
    return root;
}

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    for (int i = 0; i <= n; i++) parent[i] = i;
    while (m--) {
        int op, a, b;
        scanf("%d %d %d", &op, &a, &b);
        a = find(a);
        b = find(b);
        if (op == 0) parent[a] = b;
        else puts(a == b ? "YES" : "NO");
    }
    return 0;
}
