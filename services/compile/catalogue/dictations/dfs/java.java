import java.util.ArrayList;
import java.util.List;

public class Main {
    static List<List<Integer>> graph = new ArrayList<>();
    static boolean[] visited;
    static StringBuilder order = new StringBuilder();

    static void dfs(int u) {
        visited[u] = true;
        order.append(u).append(' ');
        for (int v : graph.get(u)) {
            if (!visited[v]) {
                dfs(v);
            }
        }
    }

    public static void main(String[] args) {
        int n = 6;
        int[][] edges = {{0, 1}, {0, 2}, {1, 3}, {2, 4}, {3, 5}, {4, 5}};
        for (int i = 0; i < n; i++) {
            graph.add(new ArrayList<>());
        }
        for (int[] e : edges) {
            graph.get(e[0]).add(e[1]);
            graph.get(e[1]).add(e[0]);
        }
        visited = new boolean[n];
        dfs(0);
        System.out.println("order: " + order.toString().trim());
    }
}
