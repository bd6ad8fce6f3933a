import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(br.readLine().trim());
        long[] h = new long[n + 1];  // h[n] = 0 flushes the stack
        StringTokenizer st = new StringTokenizer(br.readLine());
        for (int i = 0; i < n; i++) h[i] = Long.parseLong(st.nextToken());
        int[] stack = new int[n + 1];  // indices of bars with increasing heights
        int top = 0;
        long best = 0;
        for (int i = 0; i <= n; i++) {
            while (top > 0 && h[stack[top - 1]] >= h[i]) {
                long height = h[stack[--top]];
                int left = top > 0 ? stack[top - 1] + 1 : 0;
                best = Math.max(best, height * (i - left));
            }
            stack[top++] = i;
        }
        System.out.println(best);
    }
}
