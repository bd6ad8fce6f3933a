import java.io.*;

public class Main {
    public static void main(String[] args) throws IOException {
        final int limit = 1000000;
        boolean[] composite = new boolean[limit + 1];
        int[] count = new int[limit + 1];
        for (int i = 2; (long) i * i <= limit; i++) {
            if (!composite[i]) {
                for (int j = i * i; j <= limit; j += i) composite[j] = true;
            }
        }
        for (int i = 2; i <= limit; i++) {
            count[i] = count[i - 1] + (composite[i] ? 0 : 1);
        }
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        int q = Integer.parseInt(br.readLine().trim());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < q; i++) {
            int n = Integer.parseInt(br.readLine().trim());
            sb.append(count[n]).append('\n');
        }
        System.out.print(sb);
    }
}
