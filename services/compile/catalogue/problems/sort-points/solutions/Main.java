import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(br.readLine().trim());
        // pack (x, y) into one long so that a primitive sort does the work
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            StringTokenizer st = new StringTokenizer(br.readLine());
            long x = Long.parseLong(st.nextToken()) + 100000;
            long y = Long.parseLong(st.nextToken()) + 100000;
            key[i] = x * 1000000 + y;
        }
        Arrays.sort(key);
        StringBuilder sb = new StringBuilder();
        for (long k : key) {
            sb.append(k / 1000000 - 100000).append(' ').append(k % 1000000 - 100000).append('\n');
        }
        System.out.print(sb);
    }
}
