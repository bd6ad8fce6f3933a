import java.io.*;
import java.util.*;

// Wrong: lo + hi overflows int when the cables are close to 2^31 - 1.
public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer st = new StringTokenizer(br.readLine());
        int k = Integer.parseInt(st.nextToken());
        int n = Integer.parseInt(st.nextToken());
        int[] cables = new int[k];
        int lo = 1, hi = 1, ans = 0;
        for (int i = 0; i < k; i++) {
            cables[i] = Integer.parseInt(br.readLine().trim());
            hi = Math.max(hi, cables[i]);
        }
        while (lo <= hi) {
            int mid = (lo + hi) / 2;
            long count = 0;
            for (int c : cables) count += c / mid;
            if (count >= n) {
                ans = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        System.out.println(ans);
    }
}
