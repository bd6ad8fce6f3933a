import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer st = new StringTokenizer(br.readLine());
        int k = Integer.parseInt(st.nextToken());
        int n = Integer.parseInt(st.nextToken());
        long[] cables = new long[k];
        for (int i = 0; i < k; i++) cables[i] = Long.parseLong(br.readLine().trim());
        // TODO: print the maximum length
    }
}
