#include <stdio.h>
#include <string.h>

#define MAXV 20001
#define MAXE 50000
#define INF (1LL << 62)

/* adjacency lists as linked arrays */
static int head[MAXV], nxt[MAXE], to[MAXE], wt[MAXE];
static long long dist[MAXV];
/* binary min-heap of (distance, vertex); at most one push per edge */
static long long hd[MAXE + 1];
static int hv[MAXE + 1];
static int hsize;

static void push(long long d, int v) {
    int i = hsize++;
    while (i > 0 && hd[(i - 1) / 2] > d) {
        hd[i] = hd[(i - 1) / 2];
        hv[i] = hv[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    hd[i] = d;
    hv[i] = v;
}

static void pop(long long* d, int* v) {
    *d = hd[0];
    *v = hv[0];
    long long ld = hd[--hsize];
    int lv = hv[hsize], i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= hsize) break;
        if (c + 1 < hsize && hd[c + 1] < hd[c]) c++;
        if (hd[c] >= ld) break;
        hd[i] = hd[c];
        hv[i] = hv[c];
        i = c;
    }
    hd[i] = ld;
    hv[i] = lv;
}

int main(void) {
    int v, e, k;
    if (scanf("%d %d %d", &v, &e, &k) != 3) return 0;
    memset(head, -1, sizeof(head));
    for (int i = 0; i < e; i++) {
        int a;
        scanf("%d %d %d", &a, &to[i], &wt[i]);
        nxt[i] = head[a];
        head[a] = i;
    }
    for (int i = 1; i <= v; i++) dist[i] = INF;
    dist[k] = 0;
    push(0, k);
    while (hsize > 0) {
        long long d;
        int u;
        pop(&d, &u);
        if (d > dist[u]) continue; /* a stale entry */
        for (int i = head[u]; i != -1; i = nxt[i]) {
            if (d + wt[i] < dist[to[i]]) {
                dist[to[i]] = d + wt[i];
                push(dist[to[i]], to[i]);
            }
        }
    }
    for (int i = 1; i <= v; i++) {
        if (dist[i] == INF) puts("INF");
        else printf("%lld\n", dist[i]);
    }
    return 0;
}
