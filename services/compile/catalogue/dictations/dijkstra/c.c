#include <limits.h>
#include <stdio.h>

#define N 5

int main(void) {
    int w[N][N] = {0};
    int edges[][3] = {
        {0, 1, 4}, {0, 2, 1}, {2, 1, 2},
        {1, 3, 1}, {2, 3, 5}, {3, 4, 3},
    };
    for (int i = 0; i < 6; i++) {
        w[edges[i][0]][edges[i][1]] = edges[i][2];
    }
    int dist[N];
    int done[N] = {0};
    for (int i = 0; i < N; i++) {
        dist[i] = INT_MAX;
    }
    dist[0] = 0;
    for (int step = 0; step < N; step++) {
        int u = -1;
        for (int i = 0; i < N; i++) {
            if (!done[i] && (u == -1 || dist[i] < dist[u])) {
                u = i;
            }
        }
        if (dist[u] == INT_MAX) {
            break;
        }
        done[u] = 1;
        for (int v = 0; v < N; v++) {
            if (w[u][v] && dist[u] + w[u][v] < dist[v]) {
                dist[v] = dist[u] + w[u][v];
            }
        }
    }
    printf("dist:");
    for (int i = 0; i < N; i++) {
        printf(" %d", dist[i]);
    }
    printf("\n");
    return 0;
}
