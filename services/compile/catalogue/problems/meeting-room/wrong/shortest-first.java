import java.io.*;
import java.util.*;

// Wrong: greedily takes the shortest meetings first.
public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(br.readLine().trim());
        int[][] m = new int[n][2];
        for (int i = 0; i < n; i++) {
            StringTokenizer st = new StringTokenizer(br.readLine());
            m[i][0] = Integer.parseInt(st.nextToken());
            m[i][1] = Integer.parseInt(st.nextToken());
        }
        Arrays.sort(m, (a, b) -> Integer.compare(a[1] - a[0], b[1] - b[0]));
        TreeMap<Integer, Integer> taken = new TreeMap<>();
        int count = 0;
        for (int[] x : m) {
            Map.Entry<Integer, Integer> before = taken.floorEntry(x[0]);
            Map.Entry<Integer, Integer> after = taken.ceilingEntry(x[0]);
            if (before != null && before.getValue() > x[0]) continue;
            if (after != null && after.getKey() < x[1]) continue;
            taken.put(x[0], x[1]);
            count++;
        }
        System.out.println(count);
    }
}
