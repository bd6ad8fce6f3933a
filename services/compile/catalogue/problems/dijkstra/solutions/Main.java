import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer st = new StringTokenizer(br.readLine());
        int v = Integer.parseInt(st.nextToken());
        int e = Integer.parseInt(st.nextToken());
        int k = Integer.parseInt(br.readLine().trim());
        List<List<int[]>> graph = new ArrayList<>();
        for (int i = 0; i <= v; i++) graph.add(new ArrayList<>());
        for (int i = 0; i < e; i++) {
            st = new StringTokenizer(br.readLine());
            int a = Integer.parseInt(st.nextToken());
            int b = Integer.parseInt(st.nextToken());
            int w = Integer.parseInt(st.nextToken());
            graph.get(a).add(new int[] {b, w});
        }
        long[] dist = new long[v + 1];
        Arrays.fill(dist, Long.MAX_VALUE);
        dist[k] = 0;
        PriorityQueue<long[]> pq = new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0]));
        pq.add(new long[] {0, k});
        while (!pq.isEmpty()) {
            long[] top = pq.poll();
            int u = (int) top[1];
            if (top[0] > dist[u]) continue;  // a stale entry
            for (int[] edge : graph.get(u)) {
                long nd = top[0] + edge[1];
                if (nd < dist[edge[0]]) {
                    dist[edge[0]] = nd;
                    pq.add(new long[] {nd, edge[0]});
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= v; i++) {
            sb.append(dist[i] == Long.MAX_VALUE ? "INF" : String.valueOf(dist[i])).append('\n');
        }
        System.out.print(sb);
    }
}
