import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

public class Main {
    public static void main(String[] args) {
        int n = 5;
        int[][] edges = {
            {0, 1, 4}, {0, 2, 1}, {2, 1, 2},
            {1, 3, 1}, {2, 3, 5}, {3, 4, 3},
        };
        List<List<int[]>> graph = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            graph.add(new ArrayList<>());
        }
        for (int[] e : edges) {
            graph.get(e[0]).add(new int[] {e[1], e[2]});
        }
        int[] dist = new int[n];
        Arrays.fill(dist, Integer.MAX_VALUE);
        dist[0] = 0;
        PriorityQueue<int[]> pq = new PriorityQueue<>((a, b) -> a[0] - b[0]);
        pq.add(new int[] {0, 0});
        while (!pq.isEmpty()) {
            int[] top = pq.poll();
            int d = top[0], u = top[1];
            if (d > dist[u]) {
                continue;
            }
            for (int[] edge : graph.get(u)) {
                int v = edge[0];
                if (d + edge[1] < dist[v]) {
                    dist[v] = d + edge[1];
                    pq.add(new int[] {dist[v], v});
                }
            }
        }
        StringBuilder line = new StringBuilder("dist:");
        for (int d : dist) {
            line.append(' ').append(d);
        }
        System.out.println(line);
    }
}
