import java.io.*;
import java.util.*;

public class Main {
    static int[] parent;

    static int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];  // path halving
            x = parent[x];
        }
        return x;
    }

    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer st = new StringTokenizer(br.readLine());
        int v = Integer.parseInt(st.nextToken());
        int e = Integer.parseInt(st.nextToken());
        int[][] edges = new int[e][3];
        for (int i = 0; i < e; i++) {
            st = new StringTokenizer(br.readLine());
            for (int j = 0; j < 3; j++) edges[i][j] = Integer.parseInt(st.nextToken());
        }
        Arrays.sort(edges, (x, y) -> Integer.compare(x[2], y[2]));
        parent = new int[v + 1];
        for (int i = 0; i <= v; i++) parent[i] = i;
        long total = 0;
        for (int[] edge : edges) {
            int ra = find(edge[0]), rb = find(edge[1]);
            if (ra != rb) {
                parent[ra] = rb;
                total += edge[2];
            }
        }
        System.out.println(total);
    }
}
