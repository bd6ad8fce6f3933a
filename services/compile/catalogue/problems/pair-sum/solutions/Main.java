import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(br.readLine().trim());
        int[] a = new int[n];
        StringTokenizer st = new StringTokenizer(br.readLine());
        for (int i = 0; i < n; i++) a[i] = Integer.parseInt(st.nextToken());
        int x = Integer.parseInt(br.readLine().trim());
        Arrays.sort(a);
        int lo = 0, hi = n - 1, count = 0;
        while (lo < hi) {
            int s = a[lo] + a[hi];
            if (s == x) {
                count++;
                lo++;
                hi--;
            } else if (s < x) {
                lo++;
            } else {
                hi--;
            }
        }
        System.out.println(count);
    }
}
