import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(br.readLine().trim());
        // key = end * 2^31 + start: sorts by end, then by start
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            StringTokenizer st = new StringTokenizer(br.readLine());
            long s = Long.parseLong(st.nextToken());
            long e = Long.parseLong(st.nextToken());
            key[i] = (e << 31) | s;
        }
        Arrays.sort(key);
        int count = 0;
        long lastEnd = -1;
        for (long k : key) {
            long s = k & ((1L << 31) - 1);
            long e = k >> 31;
            if (s >= lastEnd) {
                count++;
                lastEnd = e;
            }
        }
        System.out.println(count);
    }
}
