#include <stdio.h>
#include <string.h>

/* Wrong: distances are ints, and INF = 10^9 is smaller than a real
   distance; a path of 20000 edges of weight 100000 is 2 * 10^9. */
#define MAXV 20001
#define MAXE 50000
#define INF 1000000000

static int head[MAXV], nxt[MAXE], to[MAXE], wt[MAXE];
static int dist[MAXV], done[MAXV];

int main(void) {
    int v, e, k;
    scanf("%d %d %d", &v, &e, &k);
    memset(head, -1, sizeof(head));
    for (int i = 0; i < e; i++) {
        int a;
        scanf("%d %d %d", &a, &to[i], &wt[i]);
        nxt[i] = head[a];
        head[a] = i;
    }
    for (int i = 1; i <= v; i++) dist[i] = INF;
    dist[k] = 0;
    for (;;) { /* O(V^2) Dijkstra */
        int u = -1;
        for (int i = 1; i <= v; i++)
            if (!done[i] && dist[i] < INF && (u == -1 || dist[i] < dist[u])) u = i;
        if (u == -1) break;
        done[u] = 1;
        for (int i = head[u]; i != -1; i = nxt[i])
            if (dist[u] + wt[i] < dist[to[i]]) dist[to[i]] = dist[u] + wt[i];
    }
    for (int i = 1; i <= v; i++) {
        if (dist[i] >= INF) puts("INF");
        else printf("%d\n", dist[i]);
    }
    return 0;
}
