import java.io.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        char[] t = br.readLine().trim().toCharArray();
        char[] p = br.readLine().trim().toCharArray();
        int m = p.length;
        // fail[i] = length of the longest proper border of p[0..i]
        int[] fail = new int[m];
        for (int i = 1, k = 0; i < m; i++) {
            while (k > 0 && p[i] != p[k]) k = fail[k - 1];
            if (p[i] == p[k]) k++;
            fail[i] = k;
        }
        int count = 0;
        for (int i = 0, k = 0; i < t.length; i++) {
            while (k > 0 && t[i] != p[k]) k = fail[k - 1];
            if (t[i] == p[k]) k++;
            if (k == m) {
                count++;
                k = fail[k - 1];
            }
        }
        System.out.println(count);
    }
}
