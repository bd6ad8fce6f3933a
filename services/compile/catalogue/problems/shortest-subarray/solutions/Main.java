import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer st = new StringTokenizer(br.readLine());
        int n = Integer.parseInt(st.nextToken());
        int s = Integer.parseInt(st.nextToken());
        int[] a = new int[n];
        st = new StringTokenizer(br.readLine());
        for (int i = 0; i < n; i++) a[i] = Integer.parseInt(st.nextToken());
        int best = n + 1, left = 0;
        long total = 0;
        for (int right = 0; right < n; right++) {
            total += a[right];
            while (total >= s) {
                best = Math.min(best, right - left + 1);
                total -= a[left++];
            }
        }
        System.out.println(best <= n ? best : 0);
    }
}
