import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer st = new StringTokenizer(br.readLine());
        int n = Integer.parseInt(st.nextToken());
        int m = Integer.parseInt(st.nextToken());
        char[][] grid = new char[n][];
        for (int i = 0; i < n; i++) grid[i] = br.readLine().trim().toCharArray();
        int[][] dist = new int[n][m];
        int[] dr = {-1, 1, 0, 0};
        int[] dc = {0, 0, -1, 1};
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        dist[0][0] = 1;
        queue.add(new int[] {0, 0});
        while (!queue.isEmpty()) {
            int[] cur = queue.poll();
            for (int k = 0; k < 4; k++) {
                int r = cur[0] + dr[k], c = cur[1] + dc[k];
                if (r < 0 || r >= n || c < 0 || c >= m) continue;
                if (grid[r][c] != '.' || dist[r][c] != 0) continue;
                dist[r][c] = dist[cur[0]][cur[1]] + 1;
                queue.add(new int[] {r, c});
            }
        }
        System.out.println(dist[n - 1][m - 1] == 0 ? -1 : dist[n - 1][m - 1]);
    }
}
