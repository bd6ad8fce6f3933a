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
        int[] dr = {-1, 1, 0, 0};
        int[] dc = {0, 0, -1, 1};
        int[] stack = new int[n * m];
        int islands = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if (grid[i][j] != '#') continue;
                islands++;
                grid[i][j] = '.';
                int top = 0;
                stack[top++] = i * m + j;
                while (top > 0) {  // iterative DFS
                    int v = stack[--top];
                    for (int k = 0; k < 4; k++) {
                        int r = v / m + dr[k], c = v % m + dc[k];
                        if (r < 0 || r >= n || c < 0 || c >= m || grid[r][c] != '#') continue;
                        grid[r][c] = '.';
                        stack[top++] = r * m + c;
                    }
                }
            }
        }
        System.out.println(islands);
    }
}
