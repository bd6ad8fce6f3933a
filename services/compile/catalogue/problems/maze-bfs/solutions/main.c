#include <stdio.h>

static char grid[500][502];
static int dist[500][500];
static int qr[250000], qc[250000];

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    for (int i = 0; i < n; i++) scanf("%501s", grid[i]);
    int dr[4] = {-1, 1, 0, 0}, dc[4] = {0, 0, -1, 1};
    int head = 0, tail = 0;
    dist[0][0] = 1;
    qr[tail] = 0;
    qc[tail++] = 0;
    while (head < tail) {
        int r0 = qr[head], c0 = qc[head++];
        for (int k = 0; k < 4; k++) {
            int r = r0 + dr[k], c = c0 + dc[k];
            if (r < 0 || r >= n || c < 0 || c >= m) continue;
            if (grid[r][c] != '.' || dist[r][c]) continue;
            dist[r][c] = dist[r0][c0] + 1;
            qr[tail] = r;
            qc[tail++] = c;
        }
    }
    printf("%d\n", dist[n - 1][m - 1] ? dist[n - 1][m - 1] : -1);
    return 0;
}
