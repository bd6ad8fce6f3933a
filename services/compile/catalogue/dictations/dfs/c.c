#include <stdio.h>

#define N 6

int adj[N][N];
int visited[N];

void dfs(int u) {
    visited[u] = 1;
    printf(" %d", u);
    for (int v = 0; v < N; v++) {
        if (adj[u][v] && !visited[v]) {
            dfs(v);
        }
    }
}

int main(void) {
    int edges[][2] = {{0, 1}, {0, 2}, {1, 3}, {2, 4}, {3, 5}, {4, 5}};
    for (int i = 0; i < 6; i++) {
        adj[edges[i][0]][edges[i][1]] = 1;
        adj[edges[i][1]][edges[i][0]] = 1;
    }
    printf("order:");
    dfs(0);
    printf("\n");
    return 0;
}
