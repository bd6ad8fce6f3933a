import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(br.readLine().trim());
        int[] a = new int[n];
        StringTokenizer st = new StringTokenizer(br.readLine());
        for (int i = 0; i < n; i++) a[i] = Integer.parseInt(st.nextToken());
        int[] answer = new int[n];
        Arrays.fill(answer, -1);
        int[] stack = new int[n];  // indices still waiting for a greater element
        int top = 0;
        for (int i = 0; i < n; i++) {
            while (top > 0 && a[stack[top - 1]] < a[i]) answer[stack[--top]] = a[i];
            stack[top++] = i;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(answer[i]).append(i + 1 < n ? ' ' : '\n');
        System.out.print(sb);
    }
}
