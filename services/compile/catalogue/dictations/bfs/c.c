#include <stdio.h>

#define N 6

int main(void) {
    int adj[N][N] = {0};
    int edges[][2] = {{0, 1}, {0, 2}, {1, 3}, {2, 4}, {3, 5}, {4, 5}};
    for (int i = 0; i < 6; i++) {
        adj[edges[i][0]][edges[i][1]] = 1;
        adj[edges[i][1]][edges[i][0]] = 1;
    }
    int dist[N];
    int queue[N];
    int head = 0;
    int tail = 0;
    for (int i = 0; i < N; i++) {
        dist[i] = -1;
    }
    dist[0] = 0;
    queue[tail++] = 0;
    printf("order:");
    while (head < tail) {
        int u = queue[head++];
        printf(" %d", u);
        for (int v = 0; v < N; v++) {
            if (adj[u][v] && dist[v] == -1) {
                dist[v] = dist[u] + 1;
                queue[tail++] = v;
            }
        }
    }
    printf("\ndist:");
    for (int i = 0; i < N; i++) {
        printf(" %d", dist[i]);
    }
    printf("\n");
    return 0;
}
