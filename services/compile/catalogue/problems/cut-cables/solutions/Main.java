import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer st = new StringTokenizer(br.readLine());
        int k = Integer.parseInt(st.nextToken());
        int n = Integer.parseInt(st.nextToken());
        long[] cables = new long[k];
        long hi = 1;
        for (int i = 0; i < k; i++) {
            cables[i] = Long.parseLong(br.readLine().trim());
            hi = Math.max(hi, cables[i]);
        }
        long lo = 1;  // the answer lies in [lo, hi]
        while (lo < hi) {
            long mid = (lo + hi + 1) / 2;
            long count = 0;
            for (long c : cables) count += c / mid;
            if (count >= n) lo = mid;
            else hi = mid - 1;
        }
        System.out.println(lo);
    }
}
